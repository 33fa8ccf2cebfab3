package web_test

import (
	"database/sql"
	"net/http"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// supportFixture is a case held by Fatma in Team Zuid, with two support
// workers in the team and one without a team, made by the organisation's
// administrator.
type supportFixture struct {
	ts                 *testServer
	raw                *sql.DB
	caseID, teamID     int64
	lead, fatma        *client
	sam, sara, iris    *client
	samID, saraID      int64
	due                string
	holderID, irisID   int64
	tasks              string
	board, orgCaseload string
}

func newSupportFixture(t *testing.T, e storagetest.Engine) *supportFixture {
	t.Helper()
	ts, raw := startWalkServer(t, e)
	caseID, teamID, lead := caseloadSetup(t, ts)
	f := &supportFixture{ts: ts, raw: raw, caseID: caseID, teamID: teamID, lead: lead, fatma: ts.Bearer(jbCaseWorker),
		holderID: ts.ProfessionalID(jbCaseWorker), tasks: "/api/v1/cases/" + itoa(caseID) + "/support-tasks",
		board: "/api/v1/teams/" + itoa(teamID) + "/caseload", orgCaseload: "/api/v1/caseload/organisation"}
	wantStatus(t, lead.SendJSON("POST", "/api/v1/cases/"+itoa(caseID)+"/holders",
		map[string]any{"professional_id": f.holderID, "position": "first", "reason": "Nieuwe casus."}), http.StatusOK)
	// The report gave the family's address (synthetic).
	if _, err := raw.Exec("UPDATE reports SET address = 'Lindelaan 12', postcode = '3012 AB' WHERE case_id = " + itoa(caseID)); err != nil {
		t.Fatal(err)
	}
	admin := ts.Bearer(jbAdmin).StepUp()
	for _, w := range []struct {
		name string
		into *int64
	}{{"Sam Steun", &f.samID}, {"Sara Hulp", &f.saraID}, {"Iris Zonderteam", &f.irisID}} {
		email := strings.ToLower(strings.ReplaceAll(w.name, " ", ".")) + "@jb.example"
		r := admin.SendJSON("POST", "/api/v1/professionals", map[string]any{"email": email, "name": w.name, "team": "Zuid",
			"roles": []string{"support_worker"}, "password": demoPassword})
		wantStatus(t, r, http.StatusCreated)
		var p struct{ ID int64 }
		r.JSON(t, &p)
		*w.into = p.ID
		if w.name != "Iris Zonderteam" {
			wantStatus(t, lead.SendJSON("POST", "/api/v1/teams/"+itoa(teamID)+"/members",
				map[string]any{"professional_id": p.ID, "hours_per_week": 24, "started_on": "2024-01-01"}), http.StatusOK)
		}
	}
	f.sam, f.sara, f.iris = ts.Bearer("sam.steun@jb.example"), ts.Bearer("sara.hulp@jb.example"), ts.Bearer("iris.zonderteam@jb.example")
	f.due = ts.Clock.Now().In(workdays.Location()).AddDate(0, 0, 3).Format("2006-01-02")
	return f
}

// post posts a task as Fatma and returns it.
func (f *supportFixture) post(t *testing.T, kind string, share bool) schakel.SupportTask {
	t.Helper()
	r := f.fatma.SendJSON("POST", f.tasks, map[string]any{"kind": kind, "due_on": f.due, "share_address": share,
		"brief": "Donderdag 14:00 mee naar moeder, zij spreekt weinig Nederlands. Rustig blijven, niet over de melding praten."})
	wantStatus(t, r, http.StatusCreated)
	var task schakel.SupportTask
	r.JSON(t, &task)
	return task
}

// entries counts a professional's audit entries about a task with an
// outcome and a basis.
func (f *supportFixture) entries(t *testing.T, user int64, outcome, basis string) int64 {
	t.Helper()
	return queryInt(t, f.raw, "SELECT COUNT(*) FROM audit_log WHERE resource_type = 'support_task' AND user_id = "+itoa(user)+
		" AND outcome = '"+outcome+"' AND access_basis = '"+basis+"'")
}

// TestSupportTaskPost: a case holder posts a task; bad input and someone
// who does not hold the case are refused with stable codes, audited, and
// leave no task.
func TestSupportTaskPost(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newSupportFixture(t, e)
		past := f.ts.Clock.Now().In(workdays.Location()).AddDate(0, 0, -1).Format("2006-01-02")
		for _, bad := range []struct {
			name        string
			body        map[string]any
			field, code string
		}{
			{"unknown kind", map[string]any{"kind": "cleaning", "due_on": f.due, "brief": "x"}, "kind", "invalid"},
			{"due in the past", map[string]any{"kind": "documents", "due_on": past, "brief": "x"}, "due_on", "past"},
			{"not a date", map[string]any{"kind": "documents", "due_on": "morgen", "brief": "x"}, "due_on", "invalid"},
			{"empty brief", map[string]any{"kind": "documents", "due_on": f.due, "brief": "  "}, "brief", "required"},
			{"address for documents", map[string]any{"kind": "documents", "due_on": f.due, "brief": "x", "share_address": true}, "share_address", "not_needed"},
		} {
			t.Run(bad.name, func(t *testing.T) {
				r := f.fatma.SendJSON("POST", f.tasks, bad.body)
				wantStatus(t, r, http.StatusUnprocessableEntity)
				if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != bad.field || p.Errors[0].Code != bad.code {
					t.Errorf("%+v, want %s %s", p.Errors, bad.field, bad.code)
				}
			})
		}
		if n := f.entries(t, f.holderID, "refused", "none"); n != 5 {
			t.Errorf("%d refused entries for bad input, want 5", n)
		}
		// Thomas works at Jeugdbescherming on the case but does not hold it.
		thomas := f.ts.Bearer(demo.Email("Thomas", "jb"))
		wantStatus(t, thomas.SendJSON("POST", f.tasks, map[string]any{"kind": "documents", "due_on": f.due, "brief": "x"}), http.StatusForbidden)
		// A support worker never posts: they cannot write on the case.
		wantStatus(t, f.sam.SendJSON("POST", f.tasks, map[string]any{"kind": "documents", "due_on": f.due, "brief": "x"}), http.StatusForbidden)
		if n := queryInt(t, f.raw, "SELECT COUNT(*) FROM support_tasks"); n != 0 {
			t.Fatalf("%d tasks after refusals, want 0", n)
		}
		task := f.post(t, schakel.TaskHomeVisit, true)
		if task.CaseID != f.caseID || task.Status != schakel.TaskOpen || task.TeamID != f.teamID || task.PostedBy.ID != f.holderID {
			t.Errorf("posted %+v", task)
		}
		// Both support workers of the team are told, without the case.
		if n := queryInt(t, f.raw, "SELECT COUNT(*) FROM notifications WHERE kind = 'support_task' AND case_id IS NULL AND professional_id IN ("+
			itoa(f.samID)+","+itoa(f.saraID)+")"); n != 2 {
			t.Errorf("%d notices to the team's support workers, want 2", n)
		}
	})
}
