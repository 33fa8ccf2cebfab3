package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// TestCohortMembersAPI: a team lead makes an intervention cohort with a
// first day, puts the team in it, and the comparison counts the case a
// member holds on the cohort's side, withheld below five; a case worker
// is refused, bad input is named at its field, the screen form works.
func TestCohortMembersAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		caseID, teamID, lead := caseloadSetup(t, ts)
		lead.StepUp()
		r := lead.SendJSON("POST", "/api/v1/cohorts", map[string]any{"name": "Ondersteuning", "intervention": "geld"})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "intervention" {
			t.Errorf("unknown intervention: %+v", p.Errors)
		}
		r = lead.SendJSON("POST", "/api/v1/cohorts", map[string]any{"name": "Ondersteuning", "intervention": "support_work", "starts_on": "2026-01-05"})
		wantStatus(t, r, http.StatusCreated)
		var k struct {
			ID       int64  `json:"id"`
			Kind     string `json:"kind"`
			StartsAt string `json:"starts_at"`
		}
		r.JSON(t, &k)
		if k.Kind != "intervention" || !strings.HasPrefix(k.StartsAt, "2026-01-04T23:00:00") {
			t.Errorf("cohort %+v", k)
		}
		members := "/api/v1/cohorts/" + itoa(k.ID) + "/members"
		wantStatus(t, ts.Bearer(jbCaseWorker).SendJSON("POST", members, map[string]any{"team_id": teamID}), http.StatusForbidden)
		r = lead.SendJSON("POST", members, map[string]any{})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "team_id" || p.Errors[0].Code != "required" {
			t.Errorf("nobody named: %+v", p.Errors)
		}
		wantStatus(t, lead.SendJSON("POST", "/api/v1/cohorts/999999/members", map[string]any{"team_id": teamID}), http.StatusNotFound)
		wantStatus(t, lead.SendJSON("POST", members, map[string]any{"team_id": teamID}), http.StatusNoContent)
		wantStatus(t, lead.SendJSON("POST", "/api/v1/cases/"+itoa(caseID)+"/holders",
			map[string]any{"professional_id": ts.ProfessionalID(jbCaseWorker), "position": "first", "reason": "Nieuwe casus."}), http.StatusOK)
		cmp := "/api/v1/cohorts/" + itoa(k.ID) + "/comparison"
		r = ts.Bearer(jbCaseWorker).Get(cmp + "?to=2030-01-01")
		wantStatus(t, r, http.StatusOK)
		var c struct {
			From     string `json:"from"`
			InCohort struct {
				Cases      int  `json:"cases"`
				Suppressed bool `json:"suppressed"`
			} `json:"in_cohort"`
			Rest struct {
				Cases int `json:"cases"`
			} `json:"rest"`
		}
		r.JSON(t, &c)
		if c.InCohort.Cases != 1 || !c.InCohort.Suppressed || !strings.HasPrefix(c.From, "2026-01-04T23:00:00") {
			t.Errorf("comparison %+v", c)
		}
		wantStatus(t, lead.Get(cmp+"?from=gisteren"), http.StatusUnprocessableEntity)
		wantStatus(t, lead.Get("/api/v1/cohorts/999999/comparison"), http.StatusNotFound)
		wantStatus(t, lead.SendJSON("POST", members+"/remove", map[string]any{"team_id": teamID}), http.StatusNoContent)

		// The screen: the team lead puts a worker in from the cohorts page.
		web := ts.Login(demo.Email("Erik", "jb"))
		r = web.PostForm("/beheer/cohorten/"+itoa(k.ID)+"/leden", url.Values{"member": {"worker:" + itoa(ts.ProfessionalID(jbCaseWorker))}})
		wantStatus(t, r, http.StatusSeeOther)
		r = web.Get(r.Header.Get("Location"))
		wantContains(t, r, "Het cohort is bijgewerkt.")
		wantContains(t, r, "Fatma Yilmaz")
		r = ts.Login(jbCaseWorker).PostForm("/beheer/cohorten/"+itoa(k.ID)+"/leden", url.Values{"member": {"team:" + itoa(teamID)}})
		wantStatus(t, r, http.StatusForbidden)
	})
}

// TestBrowserCohorts: the cohorts page with the intervention, its team
// and the add form, and the dashboard with the cohort against the rest,
// at desktop and phone widths, axe-clean.
func TestBrowserCohorts(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	// A generated history, for a comparison with figures: support work
	// in Rijnmond is tagged from 8 months ago.
	if _, err := demo.LoadNational(context.Background(), ts.DB, demo.NationalOptions{Families: 10000, Years: 2, Seed: 7, Now: ts.Clock.Now()}); err != nil {
		t.Fatalf("generate history: %v", err)
	}
	caseID, teamID, lead := caseloadSetup(t, ts)
	wantStatus(t, lead.SendJSON("POST", "/api/v1/cases/"+itoa(caseID)+"/holders",
		map[string]any{"professional_id": ts.ProfessionalID(jbCaseWorker), "position": "first", "reason": "Nieuwe casus."}), http.StatusOK)
	r := lead.SendJSON("POST", "/api/v1/cohorts", map[string]any{"name": "Ondersteunend werk Team Zuid", "intervention": "support_work", "starts_on": "2026-01-05",
		"description": "Een ondersteuner doet op verzoek taken voor de jeugdbeschermers."})
	wantStatus(t, r, http.StatusCreated)
	var k struct {
		ID int64 `json:"id"`
	}
	r.JSON(t, &k)
	wantStatus(t, lead.SendJSON("POST", "/api/v1/cohorts/"+itoa(k.ID)+"/members", map[string]any{"team_id": teamID}), http.StatusNoContent)
	ctx := browsertest.New(t)
	browserLogin(t, ctx, ts.URL, demo.Email("Erik", "jb"))
	checkCaseloadPage(t, ctx, ts, "/beheer/cohorten", "cohorts")
	checkCaseloadPage(t, ctx, ts, "/dashboard?cohort="+itoa(k.ID), "dashboard_team_cohort")
	if got := browsertest.Text(t, ctx, "#kop-tegenover + p + table"); !strings.Contains(got, "minder dan 5 casussen: niet getoond") {
		t.Errorf("one case of the team's cohort should be withheld: %q", got)
	}
	cohorts, err := ts.DB.CohortList(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cohorts {
		if c.Intervention == "support_work" && c.Name != "Ondersteunend werk Team Zuid" {
			checkCaseloadPage(t, ctx, ts, "/dashboard?cohort="+itoa(c.ID), "dashboard_cohort")
			got := browsertest.Text(t, ctx, "#kop-tegenover + p + table")
			if !strings.Contains(got, "per 100 casussen") || strings.Contains(got, "niet getoond") {
				t.Errorf("the generated support-work cohort against the rest: %q", got)
			}
		}
	}
}
