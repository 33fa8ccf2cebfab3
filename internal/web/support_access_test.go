package web_test

import (
	"net/http"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// TestSupportTaskAccess walks a task from post to done: the pool shows
// what, when and by whom but no brief and no case; only the claimant
// reads the task (basis task, audited with the family's persons), never
// the case; handing back or finishing ends that access; every refusal
// leaves one refused entry and changes nothing.
func TestSupportTaskAccess(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newSupportFixture(t, e)
		task := f.post(t, schakel.TaskHomeVisit, true)
		path := "/api/v1/support-tasks/" + itoa(task.ID)
		brief := "Donderdag 14:00 mee naar moeder"

		r := f.sam.Get("/api/v1/support-tasks")
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.Body, brief) || strings.Contains(r.Body, `"brief"`) {
			t.Errorf("the pool shows the brief: %s", r.Body)
		}
		var work struct {
			SeesPool bool                  `json:"sees_pool"`
			Pool     []schakel.SupportTask `json:"pool"`
		}
		r.JSON(t, &work)
		if !work.SeesPool || len(work.Pool) != 1 || work.Pool[0].ID != task.ID || work.Pool[0].CaseID != 0 {
			t.Fatalf("Sam's pool %+v, want the task without its case", work)
		}
		f.iris.Get("/api/v1/support-tasks").JSON(t, &work)
		if work.SeesPool || len(work.Pool) != 0 {
			t.Errorf("a support worker without a team sees a pool: %+v", work)
		}

		refusedBefore := f.entries(t, f.samID, "refused", "none")
		wantStatus(t, f.sam.Get(path), http.StatusForbidden) // not claimed yet
		wantStatus(t, f.sam.Get("/api/v1/cases/"+itoa(f.caseID)), http.StatusForbidden)
		wantStatus(t, f.iris.SendJSON("POST", path+"/claim", nil), http.StatusForbidden) // not in the team
		wantStatus(t, f.sam.SendJSON("POST", path+"/claim", nil), http.StatusOK)
		wantStatus(t, f.sara.SendJSON("POST", path+"/claim", nil), http.StatusForbidden) // taken
		wantStatus(t, f.sara.Get(path), http.StatusForbidden)

		r = f.sam.Get(path)
		wantStatus(t, r, http.StatusOK)
		var view schakel.TaskView
		r.JSON(t, &view)
		if !strings.Contains(view.Brief, brief) || view.Address == nil || view.Address.Address == "" || view.Task.CaseID != 0 {
			t.Fatalf("Sam's task view %+v, want the brief and the address, not the case", view)
		}
		if n := f.entries(t, f.samID, "allowed", "task"); n != 1 {
			t.Errorf("%d reads with basis task, want 1", n)
		}
		persons := queryInt(t, f.raw, "SELECT COUNT(*) FROM audit_persons ap JOIN audit_log a ON a.seq = ap.seq WHERE a.user_id = "+
			itoa(f.samID)+" AND a.access_basis = 'task'")
		if persons == 0 {
			t.Error("the read by basis task names none of the family's persons")
		}
		// The task never opens the case: not its API, not its page, not
		// its crisis table or plan.
		for _, p := range []string{"/api/v1/cases/" + itoa(f.caseID), "/api/v1/cases/" + itoa(f.caseID) + "/workspace"} {
			wantStatus(t, f.sam.Get(p), http.StatusForbidden)
		}
		page := f.ts.Login("sam.steun@jb.example").Get("/casussen/" + itoa(f.caseID))
		if page.StatusCode == http.StatusOK && strings.Contains(page.Body, "Plan van aanpak") {
			t.Error("the claimant opens the case page")
		}
		wantStatus(t, f.sam.SendJSON("POST", "/api/v1/cases/"+itoa(f.caseID)+"/actions", map[string]any{"title": "x"}), http.StatusForbidden)

		// Handing back ends the access.
		wantStatus(t, f.sam.SendJSON("POST", path+"/hand-back", nil), http.StatusOK)
		wantStatus(t, f.sam.Get(path), http.StatusForbidden)

		// Sara takes it and finishes; bad hours are refused.
		wantStatus(t, f.sara.SendJSON("POST", path+"/claim", nil), http.StatusOK)
		for _, bad := range []struct {
			body map[string]any
			code string
		}{{map[string]any{"hours_saved": -1}, "negative"}, {map[string]any{"hours_saved": 41}, "too_many"}, {map[string]any{}, "required"}} {
			r := f.sara.SendJSON("POST", path+"/done", bad.body)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Code != bad.code {
				t.Errorf("%v: %+v, want %s", bad.body, p.Errors, bad.code)
			}
		}
		r = f.sara.SendJSON("POST", path+"/done", map[string]any{"hours_saved": 2.5})
		wantStatus(t, r, http.StatusOK)
		var done schakel.SupportTask
		r.JSON(t, &done)
		if done.Status != schakel.TaskDone || done.HoursSaved == nil || *done.HoursSaved != 2.5 || done.HandedBack != 1 {
			t.Errorf("done task %+v", done)
		}
		wantStatus(t, f.sara.Get(path), http.StatusForbidden)
		wantStatus(t, f.sara.SendJSON("POST", path+"/hand-back", nil), http.StatusForbidden)
		wantStatus(t, f.fatma.Get(path), http.StatusOK) // the poster still reads her task

		// Every refusal of Sam left exactly one refused entry, nothing else.
		if n := f.entries(t, f.samID, "refused", "none") - refusedBefore; n != 2 {
			t.Errorf("Sam has %d refused task entries, want 2 (read before claiming, read after handing back)", n)
		}
		f.checkCounts(t)
	})
}

// checkCounts: the team board shows the running tasks and the hours per
// case holder; the organisation view only the team's sums.
func (f *supportFixture) checkCounts(t *testing.T) {
	t.Helper()
	open := f.post(t, schakel.TaskDocuments, false)
	var board struct {
		Members []struct {
			ProfessionalID int64   `json:"professional_id"`
			Posted         int     `json:"support_posted"`
			Done           int     `json:"support_done"`
			Hours          float64 `json:"support_hours_saved"`
		} `json:"members"`
		Tasks   []schakel.SupportTask `json:"support_tasks"`
		Hours   float64               `json:"support_hours_saved"`
		Support []schakel.TeamMember  `json:"support_workers"`
	}
	r := f.lead.Get(f.board)
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &board)
	if len(board.Tasks) != 1 || board.Tasks[0].ID != open.ID || board.Hours != 2.5 {
		t.Errorf("board tasks %+v, hours %v; want the open task and 2.5 hours", board.Tasks, board.Hours)
	}
	if len(board.Support) != 2 || len(board.Members) != 1 {
		t.Errorf("board: %d members and support workers %+v; want Fatma as the one member and Sam and Sara as support workers (no caseload)",
			len(board.Members), board.Support)
	}
	for _, m := range board.Members {
		if m.ProfessionalID == f.holderID && (m.Posted != 2 || m.Done != 1 || m.Hours != 2.5) {
			t.Errorf("Fatma's line %+v, want 2 posted, 1 done, 2.5 hours", m)
		}
	}
	r = f.lead.Get(f.orgCaseload)
	wantStatus(t, r, http.StatusOK)
	var org struct {
		Total struct {
			Hours float64 `json:"support_hours_saved"`
			Done  int     `json:"support_done"`
		} `json:"total"`
	}
	r.JSON(t, &org)
	if org.Total.Hours != 2.5 || org.Total.Done != 1 || strings.Contains(r.Body, "Fatma") {
		t.Errorf("organisation view %s", r.Body)
	}
	page := f.ts.Login(demo.Email("Erik", "jb")).Get("/mijn-team")
	wantContains(t, page, "Open ondersteuningstaken", "Papieren regelen", "2,5 uur")
}
