package storage_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// planWorld is a red case filed by Sanne (Veilig Thuis, regie) with its
// crisis consultation, on the demo region at Monday 23 November 2026 10:00.
type planWorld struct {
	*intakeWorld
	t            *testing.T
	caseID       int64
	consultation schakel.Consultation
	sanne        *schakel.Actor // VT intake, regie
	mohamed      *schakel.Actor // VT case worker
	fatma        *schakel.Actor // JB case worker
	wouter       *schakel.Actor // Raad case worker
	rob          *schakel.Actor // Schuldhulp case worker
	orgs         map[string]int64
}

func newPlanWorld(t *testing.T, db *storage.DB) *planWorld {
	t.Helper()
	w := &planWorld{intakeWorld: newIntakeWorld(t, db), t: t}
	w.sanne = w.actor(t, demo.Email("Sanne", "vt"))
	w.mohamed = w.actor(t, demo.Email("Mohamed", "vt"))
	w.fatma = w.actor(t, demo.Email("Fatma", "jb"))
	w.wouter = w.actor(t, demo.Email("Wouter", "raad"))
	w.rob = w.actor(t, demo.Email("Rob", "schuldhulp"))
	w.orgs = map[string]int64{}
	for _, a := range []*schakel.Actor{w.sanne, w.fatma, w.wouter, w.rob} {
		w.orgs[string(a.Professional.Organisation.Kind)] = a.Professional.Organisation.ID
	}
	in := baseReport()
	in.Indicators = []string{"child_afraid_to_go_home"}
	res, err := app.New(db).CreateReport(context.Background(), w.sanne, in, "")
	if err != nil || res.Consultation == nil {
		t.Fatalf("red report: %v %+v", err, res)
	}
	w.caseID, w.consultation = res.CaseID, *res.Consultation
	return w
}

func (w *planWorld) join(a *schakel.Actor, role schakel.ParticipationRole) {
	w.t.Helper()
	_, err := app.New(w.db).AddParticipation(context.Background(), w.sanne, w.caseID, schakel.ParticipationInput{
		OrganisationID: a.Professional.Organisation.ID, Role: role, ContactProfessionalID: a.Professional.ID, Reason: "Doet mee aan het plan"})
	if err != nil {
		w.t.Fatalf("join %s: %v", a.Professional.Organisation.Name, err)
	}
}

func (w *planWorld) version() int64 {
	w.t.Helper()
	c, err := app.New(w.db).Case(context.Background(), w.sanne, w.caseID)
	if err != nil {
		w.t.Fatal(err)
	}
	return c.Version
}

func ptrTo[T any](v T) *T { return &v }

func (w *planWorld) action(by *schakel.Actor, owner *schakel.Actor, forWhom string, kind string, due string) schakel.Action {
	w.t.Helper()
	in := plan.ActionInput{Title: "Gesprek " + forWhom, OwnerOrganisationID: owner.Professional.Organisation.ID,
		OwnerProfessionalID: owner.Professional.ID, DueDate: due, Kind: kind}
	if forWhom != "" {
		in.For = &forWhom
	}
	a, err := app.New(w.db).AddAction(context.Background(), by, w.caseID, in)
	if err != nil {
		w.t.Fatalf("add action: %v", err)
	}
	return a
}

func TestOverdueActionInOwnersWorklist(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		w.join(w.fatma, schakel.RoleUitvoering)
		a := w.action(w.sanne, w.fatma, schakel.ForChild, schakel.ActionTask, "2026-11-24")
		far := w.action(w.sanne, w.fatma, schakel.ForChild, schakel.ActionTask, "2027-03-01")
		// Fatma was told.
		items, err := app.New(db).Worklist(ctx, w.fatma, app.WorkFilter{Scope: "mine"})
		if err != nil {
			t.Fatal(err)
		}
		find := func(items []storage.WorkItem, id int64) *storage.WorkItem {
			for i := range items {
				if items[i].Kind == "action" && items[i].ActionID == id {
					return &items[i]
				}
			}
			return nil
		}
		if it := find(items, a.ID); it == nil || it.Overdue {
			t.Fatalf("an action due tomorrow is in the list, not late: %+v", items)
		}
		if find(items, far.ID) != nil {
			t.Errorf("an action due in months is not in this week's list")
		}
		// Two days later it is late, first in the list, and the case page says so.
		later := w.now.Add(48 * time.Hour)
		db.Now = func() time.Time { return later }
		items, err = app.New(db).Worklist(ctx, w.fatma, app.WorkFilter{Scope: "mine"})
		if err != nil {
			t.Fatal(err)
		}
		it := find(items, a.ID)
		if it == nil || !it.Overdue || it.Family != "Gezin de Jong" || it.Owner != w.fatma.Professional.Name {
			t.Fatalf("overdue action: %+v in %+v", it, items)
		}
		// Not in someone else's own list.
		items, _ = app.New(db).Worklist(ctx, w.mohamed, app.WorkFilter{Scope: "mine"})
		if find(items, a.ID) != nil {
			t.Errorf("the action is in a list that is not its owner's")
		}
		_, ws, err := app.New(db).CaseWorkspace(ctx, w.sanne, w.caseID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ws.Overdue) != 1 || ws.Overdue[0].ID != a.ID {
			t.Fatalf("overdue on the case: %+v", ws.Overdue)
		}
		// Done: gone from the list.
		if _, err := app.New(db).UpdateAction(ctx, w.fatma, w.caseID, a.ID, plan.ActionChange{Status: ptrTo(schakel.ActionDone), Version: w.version()}); err != nil {
			t.Fatal(err)
		}
		items, _ = app.New(db).Worklist(ctx, w.fatma, app.WorkFilter{Scope: "mine"})
		if find(items, a.ID) != nil {
			t.Errorf("a done action stays in the list")
		}
		// Only the owner organisation or regie changes an action: refused and audited.
		w.join(w.rob, schakel.RoleAdvies)
		v := w.version()
		before := fxCount(t, db)
		_, err = app.New(db).UpdateAction(ctx, w.rob, w.caseID, far.ID, plan.ActionChange{Status: ptrTo(schakel.ActionCancelled), Version: v})
		fxWantCode(t, err, schakel.EFORBIDDEN)
		if fxCount(t, db) != before+1 {
			t.Errorf("the refusal was not audited")
		}
	})
}

func TestExitWithHandover(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		w.join(w.rob, schakel.RoleAdvies)
		if _, err := app.New(db).AddFinding(ctx, w.rob, w.caseID, app.FindingInput{Column: schakel.ColumnWorries, Text: "Schulden bij de woningcorporatie"}); err != nil {
			t.Fatal(err)
		}
		a := w.action(w.sanne, w.rob, "", schakel.ActionTask, "2026-11-30")
		// Rob is invited to an MDO next week.
		mdo, err := app.New(db).CreateConsultation(ctx, w.sanne, w.caseID, plan.ConsultationInput{Kind: schakel.ConsultMDO,
			ScheduledAt: w.now.Add(7 * 24 * time.Hour).Format(time.RFC3339), Invite: plan.Invite{ProfessionalIDs: []int64{w.rob.Professional.ID, w.mohamed.Professional.ID}}})
		if err != nil {
			t.Fatal(err)
		}
		exit := plan.ExitInput{Handover: "Schulden in kaart, budgetplan klaar.", NextSteps: "Wijkteam begeleidt het budgetplan vanaf december."}
		// Owns an open action: 409 until it is handed on.
		_, err = app.New(db).ExitCase(ctx, w.rob, w.caseID, w.orgs["schuldhulp"], exit)
		fxWantCode(t, err, schakel.ECONFLICT)
		// Another organisation cannot make Schuldhulp leave.
		_, err = app.New(db).ExitCase(ctx, w.sanne, w.caseID, w.orgs["schuldhulp"], exit)
		fxWantCode(t, err, schakel.EFORBIDDEN)
		// Regie holds it: 409.
		_, err = app.New(db).ExitCase(ctx, w.sanne, w.caseID, w.orgs["veilig_thuis"], exit)
		fxWantCode(t, err, schakel.ECONFLICT)
		// The regie organisation takes the action over; then Schuldhulp leaves.
		if _, err := app.New(db).UpdateAction(ctx, w.sanne, w.caseID, a.ID, plan.ActionChange{OwnerOrganisationID: ptrTo(w.orgs["veilig_thuis"]),
			OwnerProfessionalID: ptrTo(w.mohamed.Professional.ID), Version: w.version()}); err != nil {
			t.Fatal(err)
		}
		_, err = app.New(db).ExitCase(ctx, w.rob, w.caseID, w.orgs["schuldhulp"], plan.ExitInput{})
		fxWantField(t, err, "handover")
		fxWantField(t, err, "next_steps")
		ev, err := app.New(db).ExitCase(ctx, w.rob, w.caseID, w.orgs["schuldhulp"], exit)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Kind != schakel.EventExited || ev.NextSteps != exit.NextSteps || ev.Note != exit.Handover {
			t.Fatalf("exit event %+v", ev)
		}
		// After the exit: nothing new to read or write, refused and audited;
		// the invitation to the MDO lapsed.
		before := fxCount(t, db)
		_, err = app.New(db).Case(ctx, w.rob, w.caseID)
		fxWantCode(t, err, schakel.EFORBIDDEN)
		_, err = app.New(db).AddFinding(ctx, w.rob, w.caseID, app.FindingInput{Column: schakel.ColumnWorries, Text: "Nog iets"})
		fxWantCode(t, err, schakel.EFORBIDDEN)
		_, err = app.New(db).Consultation(ctx, w.rob, mdo.ID)
		fxWantCode(t, err, schakel.EFORBIDDEN)
		if fxCount(t, db) != before+3 {
			t.Fatalf("refusals not audited")
		}
		items, _ := app.New(db).Worklist(ctx, w.rob, app.WorkFilter{Scope: "mine"})
		for _, it := range items {
			if it.Kind == "consultation" && it.ConsultationID == mdo.ID {
				t.Errorf("the lapsed invitation is still in Rob's work list")
			}
		}
		// What Rob's organisation wrote stays on the case for the others…
		_, ws, _ := app.New(db).CaseWorkspace(ctx, w.sanne, w.caseID)
		if !slices.ContainsFunc(ws.Findings, func(f schakel.Finding) bool { return f.Organisation.ID == w.orgs["schuldhulp"] }) {
			t.Fatal("the exited organisation's finding is gone from the case")
		}
		// …and Rob still reads his organisation's own record, nothing else.
		if _, err := app.New(db).AddFinding(ctx, w.mohamed, w.caseID, app.FindingInput{Column: schakel.ColumnWorries, Text: "Nieuw na de exit"}); err != nil {
			t.Fatal(err)
		}
		rec, err := app.New(db).OwnRecordOf(ctx, w.rob, w.caseID)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Participation != "exited" || len(rec.Findings) != 1 || rec.Findings[0].Text != "Schulden bij de woningcorporatie" || len(rec.Events) < 2 {
			t.Fatalf("own record %+v", rec)
		}
		// A professional of an organisation that never took part: refused.
		_, err = app.New(db).OwnRecordOf(ctx, w.fatma, w.caseID)
		fxWantCode(t, err, schakel.EFORBIDDEN)
		if !app.New(db).OrganisationExited(ctx, w.rob, w.caseID) || app.New(db).OrganisationExited(ctx, w.fatma, w.caseID) {
			t.Error("OrganisationExited")
		}
		// Added back: a new, recorded act.
		w.join(w.rob, schakel.RoleAdvies)
		if _, err := app.New(db).Case(ctx, w.rob, w.caseID); err != nil {
			t.Fatalf("rejoined: %v", err)
		}
	})
}

// TestExitedInviteeLosesDuty: a professional invited to the crisis table
// whose organisation then joined and exited does not keep reading the case
// through the old invitation.
func TestExitedInviteeLosesDuty(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		var guest *schakel.Actor
		for _, p := range w.consultation.Participants {
			if p.Professional.Organisation.Kind == schakel.Jeugdbescherming {
				guest = w.actor(t, mustEmail(t, db, p.Professional.ID))
			}
		}
		if guest == nil {
			t.Fatal("no one of Jeugdbescherming at the crisis table")
		}
		if _, err := app.New(db).Case(ctx, guest, w.caseID); err != nil {
			t.Fatalf("crisis duty: %v", err)
		}
		w.join(guest, schakel.RoleAdvies)
		if _, err := app.New(db).ExitCase(ctx, guest, w.caseID, guest.Professional.Organisation.ID,
			plan.ExitInput{Handover: "Geen rol voor jeugdbescherming nu.", NextSteps: "Veilig Thuis gaat verder met het gezin."}); err != nil {
			t.Fatal(err)
		}
		_, err := app.New(db).Case(ctx, guest, w.caseID)
		fxWantCode(t, err, schakel.EFORBIDDEN)
	})
}

func mustEmail(t *testing.T, db *storage.DB, id int64) string {
	t.Helper()
	p, err := db.Professional(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Email
}

// TestAddExpertJoinsTheCase: an expert added to the case brings their
// organisation in with role advies.
func TestAddExpertJoinsTheCase(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		// Expert added to the case: their organisation joins with role advies.
		ex, err := app.New(db).AddExpert(ctx, w.sanne, w.caseID, schakel.ExpertInput{Expertise: "debt_counselling", Reason: "Grote schulden, huisuitzetting dreigt"})
		if err != nil {
			t.Fatal(err)
		}
		cs, _ := app.New(db).Case(ctx, w.sanne, w.caseID)
		if !slices.ContainsFunc(cs.Participations, func(p schakel.ParticipationView) bool {
			return p.Organisation.ID == ex.Professional.Organisation.ID && p.Status == "active"
		}) {
			t.Errorf("the expert's organisation does not take part: %+v", cs.Participations)
		}
	})
}

// seedWorkspace puts n consultations, f findings and a actions on a case
// through the public storage functions.
func seedWorkspace(t testing.TB, db *storage.DB, sanne *schakel.Actor, caseID int64, start time.Time, n, f, a int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		at := start.Add(time.Duration(i+1) * 24 * time.Hour).Format(time.RFC3339)
		if _, err := app.New(db).CreateConsultation(ctx, sanne, caseID, plan.ConsultationInput{Kind: schakel.ConsultationKinds[i%4], ScheduledAt: at,
			Agenda: []string{"Veiligheid", "Plan"}, Invite: plan.Invite{ProfessionalIDs: []int64{sanne.Professional.ID}}}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range f {
		if _, err := app.New(db).AddFinding(ctx, sanne, caseID, app.FindingInput{Column: schakel.FindingColumns[i%3], Text: fmt.Sprintf("Bevinding %d over het gezin", i)}); err != nil {
			t.Fatal(err)
		}
	}
	forWhom := []string{schakel.ForParents, schakel.ForChild, schakel.ForNetwork}
	for i := range a {
		fw := forWhom[i%3]
		if _, err := app.New(db).AddAction(ctx, sanne, caseID, plan.ActionInput{Title: fmt.Sprintf("Actie %d", i), OwnerOrganisationID: sanne.Professional.Organisation.ID,
			OwnerProfessionalID: sanne.Professional.ID, DueDate: start.AddDate(0, 0, i%60).Format("2006-01-02"), For: &fw, Kind: plan.ActionKinds[i%3]}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCasePageQueriesConstant: reading a case with its workspace takes at
// most ten SQL statements (access decision and audit entry included), and
// the same number whatever the number of consultations, findings, actions,
// conversations and meetings with the family (no N+1). On PostgreSQL the read is
// one pass of the batched read, so it never runs again as a transaction
// (audited_read.go).
func TestCasePageQueriesConstant(t *testing.T) {
	const most = 10
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		queries := func() []string {
			var qs []string
			_, rerunsBefore := db.AuditedReadStats()
			db.RecordQueries(func(q string) { qs = append(qs, strings.Join(strings.Fields(q), " ")) })
			defer db.RecordQueries(nil)
			if _, _, err := app.New(db).CaseWorkspace(ctx, w.sanne, w.caseID); err != nil {
				t.Fatal(err)
			}
			if _, reruns := db.AuditedReadStats(); reruns != rerunsBefore {
				t.Fatalf("the case page ran again as a transaction (%d times)", reruns-rerunsBefore)
			}
			return qs
		}
		seedWorkspace(t, db, w.sanne, w.caseID, w.now, 1, 3, 3)
		small := queries()
		seedWorkspace(t, db, w.sanne, w.caseID, w.now, 8, 60, 30)
		c, err := app.New(db).Case(ctx, w.sanne, w.caseID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := app.New(db).AddConversation(ctx, w.sanne, w.caseID, plan.ConversationInput{HeldAt: w.now.Add(-time.Hour).Format(time.RFC3339),
			ProfessionalIDs: []int64{w.sanne.Professional.ID}, PersonIDs: []int64{c.Persons[0].ID}, Summary: "Met de familie gesproken."}); err != nil {
			t.Fatal(err)
		}
		for d := range 2 {
			if _, err := app.New(db).PlanFamilyMeeting(ctx, w.sanne, w.caseID, plan.FamilyMeetingInput{
				Date: w.now.In(workdays.Location()).AddDate(0, 0, 7+d).Format("2006-01-02"), Time: "10:30", Minutes: 60, About: "We praten over school.",
				Location:  schakel.ConsultationLocation{Mode: schakel.MeetInPerson, Place: "Wijkcentrum De Brug"},
				PersonIDs: []int64{c.Persons[0].ID}, ProfessionalIDs: []int64{w.sanne.Professional.ID}}); err != nil {
				t.Fatal(err)
			}
		}
		big := queries()
		if len(small) != len(big) || len(big) > most {
			for i, q := range big {
				t.Logf("%2d %.160s", i+1, q)
			}
			t.Fatalf("the case page takes %d queries with few items and %d with many: at most %d, and it must not grow", len(small), len(big), most)
		}
		t.Logf("%s: %d SQL statements for the case page (access, audit and every section)", db.Engine(), len(big))
	})
}

// TestMergeMovesWorkspace: when a proposed family match is confirmed, the
// new case's plan and findings move to the known family's case, and the
// organisation owning a moved open action takes part there.
func TestMergeMovesWorkspace(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		kees := w.actor(t, demo.Email("Kees", "samendoen"))
		r1, err := app.New(db).CreateReport(ctx, sanne, baseReport(), "")
		if err != nil {
			t.Fatal(err)
		}
		third := baseReport()
		third.Children[0] = intakePerson("de Jongh", "Noah", "2016-04-12")
		third.Adults = nil
		r3, err := app.New(db).CreateReport(ctx, kees, third, "")
		if err != nil || len(r3.Matches) == 0 {
			t.Fatalf("no proposed match: %v %+v", err, r3)
		}
		if _, err := app.New(db).AddFinding(ctx, kees, r3.CaseID, app.FindingInput{Column: schakel.ColumnWorries, Text: "Gezien door het wijkteam"}); err != nil {
			t.Fatal(err)
		}
		fw := schakel.ForChild
		if _, err := app.New(db).AddAction(ctx, kees, r3.CaseID, plan.ActionInput{Title: "Huisbezoek", OwnerOrganisationID: kees.Professional.Organisation.ID,
			OwnerProfessionalID: kees.Professional.ID, DueDate: "2026-11-30", For: &fw, Kind: schakel.ActionTask}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := app.New(db).DecideMatch(ctx, sanne, r3.Matches[0].ID, true); err != nil {
			t.Fatal(err)
		}
		c, ws, err := app.New(db).CaseWorkspace(ctx, sanne, r1.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ws.Findings) != 1 || len(ws.Plan.Actions) != 1 || ws.Plan.Actions[0].Owner.ID != kees.Professional.Organisation.ID {
			t.Fatalf("merged workspace: %d findings, actions %+v", len(ws.Findings), ws.Plan.Actions)
		}
		if !slices.ContainsFunc(c.Participations, func(p schakel.ParticipationView) bool {
			return p.Organisation.ID == kees.Professional.Organisation.ID && p.Status == "active"
		}) {
			t.Fatalf("the action's owner does not take part in the merged case: %+v", c.Participations)
		}
	})
}

func intakePerson(given, family, birth string) intake.Person {
	return intake.Person{GivenNames: given, FamilyName: family, BirthDate: birth}
}
