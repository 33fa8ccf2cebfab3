package web_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/audit"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

var (
	raadCaseWorker = demo.Email("Wouter", "raad")     // Raad investigator
	schuldhulpRob  = demo.Email("Rob", "schuldhulp")  // debt counsellor
	jbThomas       = demo.Email("Thomas", "jb")       // second JB case worker
	vtMohamed      = vtCaseWorker                     // VT case worker on piket
	kompasMeryem   = demo.Email("Meryem", "kompas")   // behavioural expert at a care provider
	_              = []string{jbThomas, kompasMeryem} //nolint
)

// planFixture is a red case filed by Sanne (Veilig Thuis holds regie) with
// its crisis consultation, and API clients for the people who work on it.
type planFixture struct {
	ts                                 *testServer
	caseID, consultID                  int64
	sanne, mohamed, fatma, wouter, rob *client
	orgs                               map[string]int64
	pros                               map[string]int64
}

func newPlanFixture(t *testing.T, e storagetest.Engine) *planFixture {
	t.Helper()
	ts := startServer(t, e)
	res := ts.fileReport(t, vtIntake, true)
	f := &planFixture{ts: ts, caseID: res.CaseID, consultID: res.Consultation.ID,
		sanne: ts.Bearer(vtIntake), mohamed: ts.Bearer(vtMohamed), fatma: ts.Bearer(jbCaseWorker), wouter: ts.Bearer(raadCaseWorker), rob: ts.Bearer(schuldhulpRob),
		orgs: map[string]int64{}, pros: map[string]int64{}}
	for _, email := range []string{vtIntake, vtMohamed, jbCaseWorker, raadCaseWorker, schuldhulpRob} {
		p := mustProfessional(t, ts, email)
		f.orgs[string(p.Organisation.Kind)] = p.Organisation.ID
		f.pros[email] = p.ID
	}
	return f
}

// parent is an adult of the fixture's family: in a case with domestic
// violence the family copy is made per parent.
func (f *planFixture) parent(t *testing.T) int64 {
	t.Helper()
	var c schakel.Case
	r := f.sanne.Get(f.path(""))
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &c)
	for _, p := range c.Persons {
		if p.Kind == "adult" {
			return p.ID
		}
	}
	t.Fatal("the fixture's family has no adult")
	return 0
}

func (f *planFixture) path(sub string) string { return "/api/v1/cases/" + itoa(f.caseID) + sub }

func (f *planFixture) join(t *testing.T, email string, role schakel.ParticipationRole) {
	t.Helper()
	p := mustProfessional(t, f.ts, email)
	r := f.sanne.SendJSON("POST", f.path("/participations"), map[string]any{"organisation_id": p.Organisation.ID, "role": role,
		"contact_professional_id": p.ID, "reason": "Doet mee aan het plan van aanpak"})
	wantStatus(t, r, http.StatusCreated)
}

func (f *planFixture) version(t *testing.T) string {
	t.Helper()
	r := f.sanne.Get(f.path("/plan"))
	wantStatus(t, r, http.StatusOK)
	return r.Header.Get("ETag")
}

func (f *planFixture) action(t *testing.T, c *client, ownerEmail, forWhom, kind, due string) schakel.Action {
	t.Helper()
	p := mustProfessional(t, f.ts, ownerEmail)
	body := map[string]any{"title": "Gesprek met " + forWhom, "owner_organisation_id": p.Organisation.ID, "owner_professional_id": p.ID,
		"due_date": due, "kind": kind, "for": nil}
	if forWhom != "" {
		body["for"] = forWhom
	}
	r := c.SendJSON("POST", f.path("/actions"), body)
	wantStatus(t, r, http.StatusCreated)
	var a schakel.Action
	r.JSON(t, &a)
	return a
}

func wantProblemField(t *testing.T, r response, status int, field string) {
	t.Helper()
	wantStatus(t, r, status)
	p := r.Problem(t)
	for _, e := range p.Errors {
		if e.Field == field && e.Message != "" {
			return
		}
	}
	t.Fatalf("%s %s: problem %+v lacks field %q", r.Request.Method, r.Request.URL.Path, p, field)
}

func today(ts *testServer, days int) string {
	return ts.Clock.Now().In(workdays.Location()).AddDate(0, 0, days).Format("2006-01-02")
}

func TestPlanAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		ts := f.ts
		f.join(t, jbCaseWorker, schakel.RoleUitvoering)

		// Bad input: named fields, nothing saved.
		raad := mustProfessional(t, ts, raadCaseWorker)
		r := f.sanne.SendJSON("POST", f.path("/actions"), map[string]any{"title": "Onderzoek", "owner_organisation_id": raad.Organisation.ID,
			"owner_professional_id": raad.ID, "due_date": today(ts, 3), "kind": "action"})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "owner_organisation_id")
		r = f.sanne.SendJSON("POST", f.path("/actions"), map[string]any{"title": "Gesprek", "owner_organisation_id": f.orgs["veilig_thuis"],
			"owner_professional_id": f.pros[vtMohamed], "due_date": today(ts, -1), "kind": "wish", "for": "grandma"})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "due_date")
		wantProblemField(t, r, http.StatusUnprocessableEntity, "kind")
		wantProblemField(t, r, http.StatusUnprocessableEntity, "for")
		r = f.sanne.SendJSON("POST", f.path("/actions"), map[string]any{"title": "x", "colour": "red"})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "colour")
		var p schakel.Plan
		r = f.sanne.Get(f.path("/plan"))
		r.JSON(t, &p)
		if len(p.Actions) != 0 || p.Status != schakel.PlanDraft || !slices.Equal(p.Missing, []string{"talks_with_parents", "talks_with_child"}) {
			t.Fatalf("plan after refusals: %+v", p)
		}

		f.action(t, f.sanne, vtMohamed, schakel.ForParents, schakel.ActionTask, today(ts, 2))
		f.action(t, f.sanne, vtMohamed, "", schakel.ActionSafetyAgreement, today(ts, 0))

		// Agreeing before the table was held: refused, with the next step.
		f.sanne.Header.Set("If-Match", f.version(t))
		r = f.sanne.SendJSON("POST", f.path("/plan/agree"), map[string]any{"consultation_id": f.consultID, "review_date": today(ts, 42)})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "consultation_id")
		beginConsultation(t, ts, f.consultID)
		wantStatus(t, f.sanne.SendJSON("POST", "/api/v1/consultations/"+itoa(f.consultID)+"/attendance",
			map[string]any{"present": []int64{ts.ProfessionalID(vtIntake)}}), http.StatusOK)

		// Agreeing while nobody talks with the child: refused, field named.
		f.sanne.Header.Set("If-Match", f.version(t))
		r = f.sanne.SendJSON("POST", f.path("/plan/agree"), map[string]any{"consultation_id": f.consultID, "review_date": today(ts, 42)})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "talks_with_child")
		stale := f.sanne.Header.Get("If-Match")
		f.action(t, f.fatma, jbCaseWorker, schakel.ForChild, schakel.ActionTask, today(ts, 3))

		// A stale version: someone changed the plan since.
		r = f.sanne.SendJSON("POST", f.path("/plan/agree"), map[string]any{"consultation_id": f.consultID, "review_date": today(ts, 42)})
		wantStatus(t, r, http.StatusConflict)
		f.sanne.Header.Set("If-Match", f.version(t))
		r = f.sanne.SendJSON("POST", f.path("/plan/agree"), map[string]any{"consultation_id": f.consultID, "review_date": today(ts, 42)})
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &p)
		if p.Status != schakel.PlanAgreed || p.ReviewDate != today(ts, 42) || len(p.TalksWithChild) != 1 || r.Header.Get("ETag") == "" {
			t.Fatalf("agreed plan %+v", p)
		}
		// Agreeing twice: 409, also with the fresh version.
		f.sanne.Header.Set("If-Match", r.Header.Get("ETag"))
		r = f.sanne.SendJSON("POST", f.path("/plan/agree"), map[string]any{"consultation_id": f.consultID, "review_date": today(ts, 42)})
		wantStatus(t, r, http.StatusConflict)
		if !strings.Contains(r.Problem(t).Detail, "al vastgesteld") {
			t.Errorf("agreeing twice: %s", r.Body)
		}
		f.sanne.Header.Del("If-Match")
		_ = stale

		// Two people change the same action from the same version: one wins.
		// Race on Mohamed's talk with the parents, not on Fatma's action: which
		// change wins is up to the scheduler, and Fatma's action must stay open
		// for the overdue check at the end.
		i := slices.IndexFunc(p.Actions, func(a schakel.Action) bool {
			return a.OwnerProfessional.ID == f.pros[vtMohamed] && a.For != nil && *a.For == schakel.ForParents
		})
		if i < 0 {
			t.Fatalf("Mohamed's action is missing from %+v", p.Actions)
		}
		a := p.Actions[i]
		v := f.version(t)
		var wg sync.WaitGroup
		codes := make([]int, 2)
		bodies := []map[string]any{{"status": "done"}, {"due_date": today(ts, 9)}}
		for i := range bodies {
			c := ts.Bearer(vtIntake)
			c.Header.Set("If-Match", v)
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = c.SendJSON("PATCH", f.path("/actions/"+itoa(a.ID)), bodies[i]).StatusCode
			}()
		}
		wg.Wait()
		slices.Sort(codes)
		if !slices.Equal(codes, []int{http.StatusOK, http.StatusConflict}) {
			t.Fatalf("concurrent changes answered %v, want one 200 and one 409", codes)
		}
		r = f.sanne.SendJSON("PATCH", f.path("/actions/"+itoa(a.ID)), map[string]any{"status": "done"})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "version")

		// Findings and the safety scale.
		r = f.fatma.SendJSON("POST", f.path("/findings"), map[string]any{"column": "ideas", "text": ""})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "column")
		r = f.fatma.SendJSON("POST", f.path("/findings"), map[string]any{"column": "working_well", "text": "Oma komt elke dag langs.", "consultation_id": f.consultID})
		wantStatus(t, r, http.StatusCreated)
		for _, bad := range []int{-1, 11} {
			r = f.fatma.SendJSON("POST", f.path("/safety-scale"), map[string]any{"value": bad, "reason": "Buiten de schaal gegeven"})
			wantProblemField(t, r, http.StatusUnprocessableEntity, "value")
		}
		r = f.fatma.SendJSON("POST", f.path("/safety-scale"), map[string]any{"value": 4, "reason": "Afspraken worden deels nagekomen."})
		wantStatus(t, r, http.StatusCreated)

		// The Raad's decision: 403 for anyone else, audited.
		r = f.sanne.SendJSON("POST", f.path("/decisions"), map[string]any{"kind": "investigate_measure", "reason": "Ouders werken niet mee aan de afspraken."})
		wantStatus(t, r, http.StatusForbidden)
		refused, err := app.New(ts.DB).ListAudit(context.Background(), &schakel.Actor{Professional: mustProfessional(t, ts, vtPrivacy)},
			storage.AuditFilter{Outcome: audit.Refused, UserID: f.pros[vtIntake], OrganisationID: f.orgs["veilig_thuis"]})
		if err != nil || len(refused) == 0 {
			t.Fatalf("the refused decision is not in the audit trail: %v %v", refused, err)
		}
		f.join(t, raadCaseWorker, schakel.RoleOnderzoek)
		r = f.wouter.SendJSON("POST", f.path("/decisions"), map[string]any{"kind": "investigate_measure", "reason": "Ouders werken niet mee aan de afspraken."})
		wantStatus(t, r, http.StatusCreated)

		// The workspace, minutes and the parents' copy.
		var ws schakel.Workspace
		r = f.fatma.Get(f.path("/workspace"))
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &ws)
		if ws.Phase.Code != "raad_investigation" || len(ws.Findings) != 1 || len(ws.CurrentScales) != 1 || len(ws.Decisions) != 1 {
			t.Fatalf("workspace %+v", ws)
		}
		r = f.sanne.StepUp().Get("/api/v1/consultations/" + itoa(f.consultID) + "/minutes")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"plan_agreed_here":true`, "Oma komt elke dag langs.")
		// Domestic violence: a copy per parent, never one for both.
		wantProblemField(t, f.sanne.StepUp().Get(f.path("/family-summary")), http.StatusConflict, "person")
		r = f.sanne.Get(f.path("/family-summary?person=" + itoa(f.parent(t))))
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"plan_agreed":true`, "Raad voor de Kinderbescherming gaat onderzoeken", `"confirmed":false`)
		if strings.Contains(r.Body, "Oma komt elke dag langs.") {
			t.Error("a finding leaked into the parents' copy")
		}

		// Overdue in the owner's work list.
		ts.Clock.Advance(12 * 24 * time.Hour) // past every due date above
		var wl struct{ Items []storage.WorkItem }
		r = f.fatma.Get("/api/v1/worklist?scope=mine")
		r.JSON(t, &wl)
		if !slices.ContainsFunc(wl.Items, func(it storage.WorkItem) bool { return it.Kind == "action" && it.Overdue }) {
			t.Fatalf("no overdue action in the owner's work list: %s", r.Body)
		}
	})
}

func TestExitAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		ts := f.ts
		f.join(t, schuldhulpRob, schakel.RoleAdvies)
		r := f.rob.SendJSON("POST", f.path("/findings"), map[string]any{"column": "worries", "text": "Huurachterstand van vier maanden."})
		wantStatus(t, r, http.StatusCreated)
		a := f.action(t, f.sanne, schuldhulpRob, "", schakel.ActionTask, today(ts, 5))
		exitPath := f.path("/participations/" + itoa(f.orgs["schuldhulp"]) + "/exit")
		exit := map[string]any{"handover": "Schulden in kaart gebracht, budgetplan gemaakt.", "next_steps": "Het wijkteam begeleidt het budgetplan vanaf 1 december."}

		// While it owns an open action: 409.
		r = f.rob.SendJSON("POST", exitPath, exit)
		wantStatus(t, r, http.StatusConflict)
		if !strings.Contains(r.Problem(t).Detail, "open actie") {
			t.Errorf("409 does not say why: %s", r.Body)
		}
		// The regie organisation cannot leave either.
		r = f.sanne.SendJSON("POST", f.path("/participations/"+itoa(f.orgs["veilig_thuis"])+"/exit"), exit)
		wantStatus(t, r, http.StatusConflict)
		// Another organisation cannot make Schuldhulp leave.
		r = f.sanne.SendJSON("POST", exitPath, exit)
		wantStatus(t, r, http.StatusForbidden)

		// Reassign, then leave.
		f.sanne.Header.Set("If-Match", f.version(t))
		r = f.sanne.SendJSON("PATCH", f.path("/actions/"+itoa(a.ID)), map[string]any{"owner_organisation_id": f.orgs["veilig_thuis"], "owner_professional_id": f.pros[vtMohamed]})
		wantStatus(t, r, http.StatusOK)
		f.sanne.Header.Del("If-Match")
		r = f.rob.SendJSON("POST", exitPath, map[string]any{"handover": "", "next_steps": ""})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "handover")
		wantProblemField(t, r, http.StatusUnprocessableEntity, "next_steps")
		r = f.rob.SendJSON("POST", exitPath, exit)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"kind":"exited"`, "vanaf 1 december")

		// After the exit: no reading or writing, refused (and audited); the
		// own record stays readable.
		for _, res := range []response{
			f.rob.Get(f.path("")),
			f.rob.Get(f.path("/plan")),
			f.rob.Get(f.path("/workspace")),
			f.rob.SendJSON("POST", f.path("/findings"), map[string]any{"column": "worries", "text": "Nog iets"}),
			f.rob.SendJSON("POST", f.path("/safety-scale"), map[string]any{"value": 3, "reason": "Nog een cijfer erbij"}),
		} {
			wantStatus(t, res, http.StatusForbidden)
		}
		r = f.rob.Get(f.path("/own-record"))
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Huurachterstand van vier maanden.", `"participation":"exited"`, "budgetplan gemaakt")
		// The others still see what Schuldhulp wrote.
		r = f.sanne.Get(f.path("/workspace"))
		wantContains(t, r, "Huurachterstand van vier maanden.")
	})
}

func TestConsultationAndColleagueAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		ts := f.ts
		f.join(t, jbCaseWorker, schakel.RoleUitvoering)
		at := ts.Clock.Now().Add(48 * time.Hour).Truncate(time.Hour).Format(time.RFC3339)
		r := f.sanne.SendJSON("POST", f.path("/consultations"), map[string]any{"kind": "mdo", "scheduled_at": at, "title": "MDO",
			"agenda": []string{"Veiligheid"}, "invite": map[string]any{"organisation_ids": []int64{f.orgs["jeugdbescherming"]}, "expertises": []string{"debt_counselling"}}})
		wantStatus(t, r, http.StatusCreated)
		var c schakel.Consultation
		r.JSON(t, &c)
		if c.Kind != "mdo" || len(c.Participants) < 2 || len(c.Agenda) != 1 {
			t.Fatalf("consultation %+v", c)
		}
		r = f.sanne.SendJSON("POST", f.path("/consultations"), map[string]any{"kind": "party", "scheduled_at": "gisteren", "invite": map[string]any{}})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "kind")
		wantProblemField(t, r, http.StatusUnprocessableEntity, "scheduled_at")
		wantProblemField(t, r, http.StatusUnprocessableEntity, "invite")
		base := "/api/v1/consultations/" + itoa(c.ID)
		wantStatus(t, f.sanne.SendJSON("POST", base+"/agenda", map[string]any{"text": "Rondvraag"}), http.StatusCreated)
		r = f.sanne.SendJSON("POST", base+"/participants", map[string]any{"expertises": []string{"honour_related_violence"}})
		wantProblemField(t, r, http.StatusUnprocessableEntity, "reason")
		wantStatus(t, f.sanne.SendJSON("POST", base+"/participants", map[string]any{"expertises": []string{"honour_related_violence"}, "reason": "Eer speelt mogelijk mee"}), http.StatusCreated)
		// Attendance is recorded once the consultation began.
		r = f.sanne.SendJSON("POST", base+"/attendance", map[string]any{"present": []int64{f.pros[jbCaseWorker]}})
		wantProblemField(t, r, http.StatusConflict, "present")
		wantContains(t, r, `"code":"not_started"`, "Leg vast wie er waren zodra het overleg begonnen is")
		beginConsultation(t, ts, c.ID)
		r = f.sanne.SendJSON("POST", base+"/attendance", map[string]any{"present": []int64{f.pros[jbCaseWorker]}})
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"status":"held"`, `"attended":true`)

		// A colleague along: asked, answered from the work list.
		along := ts.Clock.Now().Add(24 * time.Hour).Truncate(time.Hour).Format(time.RFC3339)
		r = f.sanne.SendJSON("POST", f.path("/colleague-requests"), map[string]any{"to_professional_id": f.pros[jbCaseWorker], "kind": "join_conversation",
			"at": along, "message": "Gaat u mee naar het gesprek met vader?"})
		wantStatus(t, r, http.StatusCreated)
		var req schakel.ColleagueRequest
		r.JSON(t, &req)
		wantStatus(t, f.mohamed.Do("POST", "/api/v1/colleague-requests/"+itoa(req.ID)+"/accept", nil, ""), http.StatusNotFound)
		wantStatus(t, f.fatma.Do("POST", "/api/v1/colleague-requests/"+itoa(req.ID)+"/accept", nil, ""), http.StatusOK)
		wantStatus(t, f.fatma.SendJSON("POST", "/api/v1/colleague-requests/"+itoa(req.ID)+"/decline", map[string]any{"answer": "toch niet"}), http.StatusConflict)

		// Regie handed over explicitly; the former holder can no longer hand it on.
		r = f.sanne.SendJSON("POST", f.path("/regie"), map[string]any{"organisation_id": f.orgs["jeugdbescherming"], "reason": "Jeugdbescherming begeleidt het gezin verder."})
		wantStatus(t, r, http.StatusOK)
		r = f.sanne.SendJSON("POST", f.path("/regie"), map[string]any{"organisation_id": f.orgs["jeugdbescherming"], "reason": "Jeugdbescherming begeleidt het gezin verder."})
		wantStatus(t, r, http.StatusForbidden)
		r = f.fatma.StepUp().SendJSON("POST", f.path("/participations/"+itoa(f.orgs["veilig_thuis"])+"/role"), map[string]any{"role": "advies", "reason": "Veilig Thuis adviseert nog"})
		wantStatus(t, r, http.StatusOK)
		r = f.sanne.SendJSON("POST", f.path("/experts"), map[string]any{"expertise": "debt_counselling", "reason": "Huisuitzetting dreigt"})
		wantStatus(t, r, http.StatusCreated)
	})
}
