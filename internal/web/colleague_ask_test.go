package web_test

import (
	"database/sql"
	"net/http"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// askFixture is a case Jeugdbescherming takes part in and a team of
// Fatma (the asker), Thomas and Naima.
type askFixture struct {
	ts                   *testServer
	raw                  *sql.DB
	caseID, teamID       int64
	fatma, thomas, naima *client
	thomasID             int64
	asks                 string
}

func newAskFixture(t *testing.T, e storagetest.Engine) *askFixture {
	t.Helper()
	ts, raw := startWalkServer(t, e)
	caseID, teamID, lead := caseloadSetup(t, ts)
	f := &askFixture{ts: ts, raw: raw, caseID: caseID, teamID: teamID, fatma: ts.Bearer(jbCaseWorker), thomas: ts.Bearer(demo.Email("Thomas", "jb")),
		naima: ts.Bearer(demo.Email("Naima", "jb")), thomasID: ts.ProfessionalID(demo.Email("Thomas", "jb")), asks: "/api/v1/cases/" + itoa(caseID) + "/colleague-asks"}
	for _, who := range []string{"Thomas", "Naima"} {
		wantStatus(t, lead.SendJSON("POST", "/api/v1/teams/"+itoa(teamID)+"/members",
			map[string]any{"professional_id": ts.ProfessionalID(demo.Email(who, "jb")), "hours_per_week": 32}), http.StatusOK)
	}
	return f
}

func (f *askFixture) join(t *testing.T) schakel.ColleagueAsk {
	t.Helper()
	r := f.fatma.SendJSON("POST", f.asks, map[string]any{"kind": "join", "team_id": f.teamID, "place_kind": "home",
		"at": f.ts.Clock.Now().Add(50 * time.Hour).Format(time.RFC3339), "message": "Huisbezoek, vader kan boos worden."})
	wantStatus(t, r, http.StatusCreated)
	var ask schakel.ColleagueAsk
	r.JSON(t, &ask)
	return ask
}

func wantCode(t *testing.T, r response, status int, field, code string) {
	t.Helper()
	wantStatus(t, r, status)
	if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != field || p.Errors[0].Code != code {
		t.Errorf("%+v, want %s %s", p.Errors, field, code)
	}
}

// TestColleagueAskAPI: asking the team along through the API, with its
// refusals and stable codes; two members accepting at once leave one
// taker and one 409 already_taken; a withdrawn ask is 409 withdrawn.
func TestColleagueAskAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newAskFixture(t, e)
		future := f.ts.Clock.Now().Add(24 * time.Hour).Format(time.RFC3339)
		for _, bad := range []struct {
			name        string
			body        map[string]any
			field, code string
		}{
			{"past", map[string]any{"kind": "join", "team_id": f.teamID, "place_kind": "office", "message": "x",
				"at": f.ts.Clock.Now().Add(-time.Hour).Format(time.RFC3339)}, "at", "past"},
			{"another team", map[string]any{"kind": "join", "team_id": f.teamID + 99, "place_kind": "office", "message": "x", "at": future}, "team_id", "not_member"},
			{"no place", map[string]any{"kind": "join", "team_id": f.teamID, "message": "x", "at": future}, "place_kind", "invalid"},
			{"empty question", map[string]any{"kind": "question", "team_id": f.teamID, "message": " "}, "message", "required"},
		} {
			t.Run(bad.name, func(t *testing.T) { wantCode(t, f.fatma.SendJSON("POST", f.asks, bad.body), 422, bad.field, bad.code) })
		}
		if n := queryInt(t, f.raw, "SELECT COUNT(*) FROM colleague_asks"); n != 0 {
			t.Fatalf("%d asks after bad input, want 0", n)
		}
		for range 3 {
			ask := f.join(t)
			path := "/api/v1/colleague-asks/" + itoa(ask.ID)
			rs := make([]response, 2)
			var wg sync.WaitGroup
			for i, c := range []*client{f.thomas, f.naima} {
				wg.Go(func() { rs[i] = c.SendJSON("POST", path+"/accept", map[string]any{"answer": "Ik kan."}) })
			}
			wg.Wait()
			if rs[0].StatusCode+rs[1].StatusCode != 200+409 {
				t.Fatalf("two accepts answered %d and %d, want 200 and 409", rs[0].StatusCode, rs[1].StatusCode)
			}
			for _, r := range rs {
				if r.StatusCode == 409 {
					wantCode(t, r, 409, "status", "already_taken")
				}
			}
		}
		var mine struct{ Asked []schakel.ColleagueAsk }
		f.fatma.Get("/api/v1/colleague-asks").JSON(t, &mine)
		if len(mine.Asked) != 3 || mine.Asked[0].TakenBy == nil || mine.Asked[0].Status != "accepted" {
			t.Errorf("the asker's asks: %+v", mine.Asked)
		}
		ask := f.join(t)
		path := "/api/v1/colleague-asks/" + itoa(ask.ID)
		wantStatus(t, f.fatma.SendJSON("POST", path+"/accept", nil), http.StatusForbidden)
		wantStatus(t, f.ts.Bearer(vtIntake).SendJSON("POST", path+"/accept", nil), http.StatusNotFound)
		wantStatus(t, f.ts.Bearer(vtIntake).Get(path), http.StatusNotFound)
		wantCode(t, f.thomas.SendJSON("POST", path+"/answer", map[string]any{"answer": "x"}), 422, "kind", "wrong_kind")
		wantStatus(t, f.fatma.SendJSON("POST", path+"/withdraw", nil), http.StatusOK)
		wantCode(t, f.thomas.SendJSON("POST", path+"/accept", nil), 409, "status", "withdrawn")
		wantCode(t, f.fatma.SendJSON("POST", path+"/withdraw", nil), 409, "status", "not_open")
	})
}

// TestColleagueQuestionAPI: a quick question to a colleague of a partner
// organisation that is not on the case shows them what the asker wrote,
// not the case; answering opens nothing; the asker reads the answer on
// the case.
func TestColleagueQuestionAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newAskFixture(t, e)
		wouter := f.ts.Bearer(demo.Email("Wouter", "raad"))
		r := f.fatma.SendJSON("POST", f.asks, map[string]any{"kind": "question", "to_professional_id": f.ts.ProfessionalID(demo.Email("Wouter", "raad")),
			"message": "Wanneer vraag je een raadsonderzoek aan bij twijfel over de veiligheid?"})
		wantStatus(t, r, http.StatusCreated)
		var ask schakel.ColleagueAsk
		r.JSON(t, &ask)
		var theirs struct {
			ForMe []schakel.ColleagueAsk `json:"for_me"`
		}
		wouter.Get("/api/v1/colleague-asks").JSON(t, &theirs)
		if len(theirs.ForMe) != 1 || theirs.ForMe[0].CaseID != 0 || theirs.ForMe[0].Message == "" {
			t.Fatalf("Wouter's asks: %+v, want the question without the case", theirs.ForMe)
		}
		wantCode(t, wouter.SendJSON("POST", "/api/v1/colleague-asks/"+itoa(ask.ID)+"/answer", map[string]any{"answer": " "}), 422, "answer", "required")
		wantStatus(t, wouter.SendJSON("POST", "/api/v1/colleague-asks/"+itoa(ask.ID)+"/answer", map[string]any{"answer": "Als afspraken niet werken."}), http.StatusOK)
		wantStatus(t, wouter.Get("/api/v1/cases/"+itoa(f.caseID)), http.StatusForbidden)
		var onCase []schakel.ColleagueAsk
		f.fatma.Get(f.asks).JSON(t, &onCase)
		if len(onCase) != 1 || onCase[0].Answer != "Als afspraken niet werken." || onCase[0].Status != "answered" {
			t.Errorf("the asks on the case: %+v", onCase)
		}
		// Thomas of the team was not asked: the question is not his.
		wantStatus(t, f.thomas.SendJSON("POST", "/api/v1/colleague-asks/"+itoa(ask.ID)+"/answer", map[string]any{"answer": "x"}), http.StatusNotFound)
	})
}
