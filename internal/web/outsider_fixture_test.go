package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// walkCase is a case with something of every kind on it, built by the
// organisations on it (Veilig Thuis and Jeugdbescherming), and the ids the
// outsider walk puts into the routes' paths.
type walkCase struct {
	caseID, matchCaseID                  int64
	reportID, consultID, ratingID        int64
	matchID, actionID, requestID         int64
	draftID, cohortID, childID, jbOrgID  int64
	noticeID, insiderID, version         int64
	teamID, reviewID, careID, markID     int64
	meetingID                            int64          // a planned conversation with the child
	taskID                               int64          // a support task on the case, claimed by a support worker of the team
	askID                                int64          // a quick question on the case to a colleague on it
	tokenID                              int64          // a professional's API token, for the family's revoke route
	passkeyID                            int64          // the insider's passkey, for the routes that rename or remove one
	norm                                 map[string]any // the region's norm as it is, for the walk's PUT
	sessionID                            string         // an insider's browser session (its handle)
	secrets                              []string       // personal data and case texts that must never reach an outsider
	sanne, mohamed, fatma, lead, jbAdmin *client
}

// Personal data of the walk's family: distinctive, so that a body that
// contains one of them can only have taken it from the case.
const (
	walkChild     = "Zoë Zevenbergen-Tuinstra"
	walkChildBSN  = "111222333"
	walkParent    = "Wilhelmina Zevenbergen-Tuinstra"
	walkAddress   = "Keizersgrachtweg 417"
	walkPostcode  = "3077 QX"
	walkPhone     = "06-98765432"
	walkReporter  = "Agent Quirijn Bolkestein"
	walkNarrative = "Buren hoorden glasgerinkel en geschreeuw in de nacht van het vuurwerk."
)

func walkReport(bsn string) map[string]any {
	child := map[string]any{"given_names": "Zoë", "family_name": "Zevenbergen-Tuinstra", "birth_date": "2016-04-09", "relation": "child"}
	if bsn != "" {
		child["bsn"] = bsn
	}
	return map[string]any{
		"reporter": map[string]any{"kind": "police", "name": walkReporter, "organisation": "Politie", "phone": walkPhone},
		"children": []any{child},
		"adults": []any{map[string]any{"given_names": "Wilhelmina", "family_name": "Zevenbergen-Tuinstra", "birth_date": "1984-11-23",
			"relation": "parent", "parental_authority": true}},
		"address": walkAddress, "postcode": walkPostcode, "municipality": "Rotterdam",
		"concerns": []string{"domestic_violence"}, "indicators": []string{"threat_to_life"},
		"narrative": walkNarrative,
	}
}

// buildWalkCase files a red report and works the case from every side,
// through the API as the people on it would.
func buildWalkCase(t *testing.T, ts *testServer) *walkCase {
	t.Helper()
	w := &walkCase{sanne: ts.Bearer(vtIntake), mohamed: ts.Bearer(vtCaseWorker), fatma: ts.Bearer(jbCaseWorker),
		lead: ts.Bearer(vtTeamLead), jbAdmin: ts.Bearer(jbAdmin)}
	w.secrets = []string{walkChild, "Zevenbergen", walkChildBSN, walkParent, walkAddress, walkPostcode, walkPhone, walkReporter, walkNarrative}
	var res app.ReportResult
	r := w.sanne.SendJSON("POST", "/api/v1/reports", walkReport(walkChildBSN))
	wantStatus(t, r, http.StatusCreated)
	r.JSON(t, &res)
	if res.Consultation == nil {
		t.Fatalf("a red report without a crisis consultation: %s", r.Body)
	}
	w.caseID, w.reportID, w.consultID = res.CaseID, res.ID, res.Consultation.ID
	path := func(sub string) string { return "/api/v1/cases/" + itoa(w.caseID) + sub }
	post := func(c *client, p string, body any, want int) response {
		t.Helper()
		r := c.SendJSON("POST", p, body)
		wantStatus(t, r, want)
		return r
	}
	fatma := mustProfessional(t, ts, jbCaseWorker)
	w.jbOrgID = fatma.Organisation.ID
	w.insiderID = ts.ProfessionalID(vtCaseWorker)
	post(w.sanne, path("/participations"), map[string]any{"organisation_id": w.jbOrgID, "role": schakel.RoleUitvoering,
		"contact_professional_id": fatma.ID, "reason": "Gezinsvoogd sluit aan"}, http.StatusCreated)

	// A second report on the same child without BSN: a proposed match.
	var second app.ReportResult
	post(w.sanne, "/api/v1/reports", walkReport(""), http.StatusCreated).JSON(t, &second)
	if len(second.Matches) == 0 {
		t.Fatalf("the second report proposed no match: %+v", second)
	}
	w.matchCaseID, w.matchID = second.CaseID, second.Matches[0].ID

	// Lowering red waits for a second opinion: a rating id for its route.
	var rated struct{ Rating schakel.Rating }
	post(w.sanne, path("/rating"), map[string]any{"color": "orange", "reason": "Moeder en Zoë zijn bij oma ondergebracht."}, http.StatusAccepted).JSON(t, &rated)
	w.ratingID = rated.Rating.ID

	secret := func(s string) string { w.secrets = append(w.secrets, s); return s }
	post(w.fatma, path("/findings"), map[string]any{"column": "worries", "text": secret("Vader dreigde Zoë mee te nemen naar Zeeland.")}, http.StatusCreated)
	post(w.fatma, path("/safety-scale"), map[string]any{"value": 3, "reason": secret("Afspraken met vader worden niet nagekomen.")}, http.StatusCreated)
	var act schakel.Action
	post(w.sanne, path("/actions"), map[string]any{"title": secret("Huisbezoek bij oma Tuinstra"), "owner_organisation_id": w.jbOrgID,
		"owner_professional_id": fatma.ID, "due_date": today(ts, 3), "kind": schakel.ActionTask, "for": schakel.ForChild}, http.StatusCreated).JSON(t, &act)
	w.actionID = act.ID
	post(w.fatma, path("/conversations"), map[string]any{"held_at": ts.Clock.Now().Add(-time.Hour).Format(time.RFC3339), "joint": false,
		"professional_ids": []int64{fatma.ID}, "person_ids": []int64{}, "others": "oma", "summary": secret("Zoë vertelde over de nacht van het vuurwerk.")}, http.StatusCreated)
	post(w.sanne, path("/events"), map[string]any{"type": "investigation_started", "at": ts.Clock.Now().Add(time.Minute).Format(time.RFC3339)}, http.StatusCreated)
	var req schakel.ColleagueRequest
	post(w.sanne, path("/colleague-requests"), map[string]any{"to_professional_id": w.insiderID, "kind": schakel.RequestJoinConversation,
		"at": ts.Clock.Now().Add(48 * time.Hour).Format(time.RFC3339), "message": secret("Ga je mee naar oma Tuinstra in Zeeland?")}, http.StatusCreated).JSON(t, &req)
	w.requestID = req.ID
	var ask schakel.ColleagueAsk
	post(w.sanne, path("/colleague-asks"), map[string]any{"kind": schakel.AskQuestion, "to_professional_id": w.insiderID,
		"message": secret("Moet Zoë vannacht bij oma Tuinstra blijven?")}, http.StatusCreated).JSON(t, &ask)
	w.askID = ask.ID
	var cohort struct{ ID int64 }
	post(w.lead, "/api/v1/cohorts", map[string]any{"name": "Pilot buitenstaanders", "kind": "cohort"}, http.StatusCreated).JSON(t, &cohort)
	w.cohortID = cohort.ID
	// A team of jeugdbescherming and Veilig Thuis's case holder on the case.
	var team schakel.Team
	post(w.jbAdmin, "/api/v1/teams", map[string]any{"name": "Team Buitenstaanders"}, http.StatusCreated).JSON(t, &team)
	w.teamID = team.ID
	post(w.jbAdmin, "/api/v1/teams/"+itoa(team.ID)+"/members", map[string]any{"professional_id": fatma.ID, "hours_per_week": 32}, http.StatusOK)
	post(w.lead, path("/holders"), map[string]any{"professional_id": ts.ProfessionalID(vtIntake), "position": "first", "reason": "Intake houdt de casus."}, http.StatusOK)
	w.supportTask(t, ts, team.ID, fatma.ID, secret("Mee naar oma Tuinstra; Zoë is bang voor vader."))
	var review schakel.PlacementReview
	post(w.sanne, path("/placement-reviews"), map[string]any{"reason": secret("Oma Tuinstra kan Zoë niet in huis nemen.")}, http.StatusOK).JSON(t, &review)
	w.reviewID = review.ID
	var careReq schakel.CareRequest
	post(w.sanne, path("/care-requests"), map[string]any{"urgency": "weeks", "needs": []map[string]any{{"category": "trauma",
		"text": secret("Zoë slaapt slecht sinds de nacht van het vuurwerk.")}}}, http.StatusCreated).JSON(t, &careReq)
	w.careID = careReq.ID
	r = w.sanne.SendJSON("POST", path("/cohorts"), map[string]any{"cohort_id": w.cohortID})
	wantStatus(t, r, http.StatusNoContent)
	var draft storage.Draft
	post(w.mohamed, "/api/v1/drafts", map[string]any{"narrative": secret("Concept: Zoë belde zelf de politie vanuit Zeeland.")}, http.StatusCreated).JSON(t, &draft)
	w.draftID = draft.ID
	var norms struct{ Norms []storage.NormView }
	w.lead.Get("/api/v1/norms").JSON(t, &norms)
	for _, n := range norms.Norms {
		if n.ID == "vt_investigation" {
			w.norm = map[string]any{"amount": n.Amount, "unit": n.Unit, "target": n.Target, "source": n.Source}
		}
	}
	if w.norm == nil {
		t.Fatalf("no norm vt_investigation in %+v", norms)
	}
	return w
}

// walkOutsider is a professional of an organisation that is not on the
// walk's case, with an API client and a browser session.
type walkOutsider struct {
	name      string
	id, orgID int64
	api, web  *client
}

// addOutsider creates an organisation of kind in region (0: the demo region)
// with one professional holding roles (on the piket roster for the next
// two days when duty is set), and logs them in.
func addOutsider(t *testing.T, ts *testServer, name string, region int64, kind schakel.OrganisationKind, duty bool, roles ...schakel.Role) walkOutsider {
	t.Helper()
	ctx := context.Background()
	hash, err := auth.HashPassword(demoPassword, cheapParams)
	if err != nil {
		t.Fatal(err)
	}
	email := name + "@buiten.example"
	var id, orgID int64
	err = ts.DB.Update(ctx, func(tx *storage.Tx) error {
		if region == 0 {
			region = mustProfessional(t, ts, vtIntake).Organisation.RegionID
		}
		org := schakel.Organisation{RegionID: region, Name: "Buiten " + name, Kind: kind}
		if err := app.CreateOrganisationIn(tx, nil, &org); err != nil {
			return err
		}
		orgID = org.ID
		id, err = app.CreateProfessionalIn(tx, nil, schakel.ProfessionalInput{OrganisationID: org.ID, Email: email, Name: "Buitenstaander " + name,
			Team: "Buiten", Phone: "010-0000000", Roles: roles, PasswordHash: hash})
		if err != nil || !duty {
			return err
		}
		now := ts.Clock.Now()
		_, err = app.AddDutyShiftIn(tx, nil, id, now.Add(-time.Hour), now.Add(48*time.Hour))
		return err
	})
	if err != nil {
		t.Fatalf("outsider %s: %v", name, err)
	}
	return walkOutsider{name: name, id: id, orgID: orgID, api: ts.Bearer(email), web: ts.Login(email)}
}

// addRegion creates another region for the outsider from elsewhere.
func addRegion(t *testing.T, ts *testServer, name string) int64 {
	t.Helper()
	var id int64
	err := ts.DB.Update(context.Background(), func(tx *storage.Tx) error {
		var err error
		id, err = tx.CreateRegion(name)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// planMeeting plans a conversation with the walk's child, for the family's
// calendar route, and finds a professional's token for the family's
// revoke route.
func (w *walkCase) planMeeting(t *testing.T, ts *testServer, raw *sql.DB) {
	t.Helper()
	sanne := mustProfessional(t, ts, vtIntake)
	day := ts.Clock.Now().In(workdays.Location()).AddDate(0, 0, 7).Format("2006-01-02")
	id, err := app.New(ts.DB).PlanFamilyMeeting(t.Context(), &schakel.Actor{Professional: sanne, ClientAddr: "127.0.0.1"}, w.caseID, plan.FamilyMeetingInput{
		Date: day, Time: "10:00", Minutes: 60, About: "We praten met " + walkChild + " over thuis.",
		Location:  schakel.ConsultationLocation{Mode: schakel.MeetInPerson, Place: walkAddress},
		PersonIDs: []int64{w.childID}, ProfessionalIDs: []int64{sanne.ID}})
	if err != nil {
		t.Fatalf("plan a family conversation: %v", err)
	}
	w.meetingID = id
	if w.tokenID = queryInt(t, raw, "SELECT MIN(id) FROM api_tokens WHERE principal_kind = 'professional'"); w.tokenID == 0 {
		t.Fatal("no professional's token")
	}
}

// supportTask makes Fatma jeugdbescherming's case holder, lets her post a
// home visit with the family's address for her team, and lets a support
// worker of the team claim it: the claimant, not the walkers, reads it.
func (w *walkCase) supportTask(t *testing.T, ts *testServer, teamID, fatmaID int64, brief string) {
	t.Helper()
	jbLead := ts.Bearer(demo.Email("Erik", "jb"))
	wantStatus(t, jbLead.SendJSON("POST", "/api/v1/cases/"+itoa(w.caseID)+"/holders",
		map[string]any{"professional_id": fatmaID, "position": "first", "reason": "Gezinsvoogd houdt de casus."}), http.StatusOK)
	r := w.fatma.SendJSON("POST", "/api/v1/cases/"+itoa(w.caseID)+"/support-tasks", map[string]any{"kind": schakel.TaskHomeVisit,
		"due_on": ts.Clock.Now().In(workdays.Location()).AddDate(0, 0, 2).Format("2006-01-02"), "brief": brief, "share_address": true})
	wantStatus(t, r, http.StatusCreated)
	var task schakel.SupportTask
	r.JSON(t, &task)
	w.taskID = task.ID
	helper := addSupportWorker(t, ts, "ruud", w.jbOrgID)
	wantStatus(t, w.jbAdmin.SendJSON("POST", "/api/v1/teams/"+itoa(teamID)+"/members", map[string]any{"professional_id": helper.id, "hours_per_week": 24}), http.StatusOK)
	wantStatus(t, helper.api.SendJSON("POST", "/api/v1/support-tasks/"+itoa(task.ID)+"/claim", nil), http.StatusOK)
}

// addSupportWorker creates a support worker in an existing organisation
// (in no team) and logs them in.
func addSupportWorker(t *testing.T, ts *testServer, name string, orgID int64) walkOutsider {
	t.Helper()
	hash, err := auth.HashPassword(demoPassword, cheapParams)
	if err != nil {
		t.Fatal(err)
	}
	email := name + "@ondersteuning.example"
	var id int64
	err = ts.DB.Update(context.Background(), func(tx *storage.Tx) error {
		id, err = app.CreateProfessionalIn(tx, nil, schakel.ProfessionalInput{OrganisationID: orgID, Email: email, Name: "Ondersteuner " + name,
			Team: "Ondersteuning", Phone: "010-0000001", Roles: []schakel.Role{schakel.RoleSupportWorker}, PasswordHash: hash})
		return err
	})
	if err != nil {
		t.Fatalf("support worker %s: %v", name, err)
	}
	return walkOutsider{name: name, id: id, orgID: orgID, api: ts.Bearer(email), web: ts.Login(email)}
}
