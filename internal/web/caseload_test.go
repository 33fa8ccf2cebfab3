package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"schakel"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// caseloadSetup files a red report, lets jeugdbescherming join the case
// and gives the jeugdbescherming team lead a team with Fatma (36 hours).
// It returns the case, the team and the team lead's client.
func caseloadSetup(t *testing.T, ts *testServer) (int64, int64, *client) {
	t.Helper()
	f := ts.fileReport(t, vtIntake, true)
	if f.Consultation == nil {
		t.Fatal("a red report without a crisis table")
	}
	for _, p := range f.Consultation.Participants {
		if p.Professional.Organisation.Kind == schakel.Jeugdbescherming {
			pro, err := ts.DB.Professional(t.Context(), p.Professional.ID)
			if err != nil {
				t.Fatal(err)
			}
			wantStatus(t, ts.Bearer(pro.Email).SendJSON("POST", "/api/v1/consultations/"+itoa(f.Consultation.ID)+"/accept", map[string]any{}), http.StatusOK)
			break
		}
	}
	lead := ts.Bearer(demo.Email("Erik", "jb"))
	r := lead.SendJSON("POST", "/api/v1/teams", map[string]any{"name": "Team Zuid", "lead_id": ts.ProfessionalID(demo.Email("Erik", "jb"))})
	wantStatus(t, r, http.StatusCreated)
	var team schakel.Team
	r.JSON(t, &team)
	wantStatus(t, lead.SendJSON("POST", "/api/v1/teams/"+itoa(team.ID)+"/members",
		map[string]any{"professional_id": ts.ProfessionalID(jbCaseWorker), "hours_per_week": 36, "started_on": "2019-02-01"}), http.StatusOK)
	for _, bad := range []struct {
		hours int
		code  string
	}{{0, "out_of_range"}, {61, "out_of_range"}} {
		r := lead.SendJSON("POST", "/api/v1/teams/"+itoa(team.ID)+"/members", map[string]any{"professional_id": ts.ProfessionalID(jbCaseWorker), "hours_per_week": bad.hours})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "hours_per_week" || p.Errors[0].Code != bad.code {
			t.Errorf("%d hours: %+v", bad.hours, p.Errors)
		}
	}
	return f.CaseID, team.ID, lead
}

// TestCaseHoldersAndCaseloadAPI: the team lead assigns the case holder
// through the API, bad assignments come back with stable codes, and the
// holder sees the case on "Mijn caseload" in JSON and HTML.
func TestCaseHoldersAndCaseloadAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		caseID, teamID, lead := caseloadSetup(t, ts)
		holders := "/api/v1/cases/" + itoa(caseID) + "/holders"
		fatma := ts.ProfessionalID(jbCaseWorker)
		for _, bad := range []struct {
			name  string
			body  map[string]any
			field string
			code  string
		}{
			{"organisation not on the case", map[string]any{"professional_id": ts.ProfessionalID(demo.Email("Rob", "schuldhulp")), "position": "first", "reason": "Verdeling."}, "professional_id", "not_on_case"},
			{"no reason", map[string]any{"professional_id": fatma, "position": "first", "reason": " "}, "reason", "required"},
			{"second before first", map[string]any{"professional_id": fatma, "position": "second", "reason": "Verdeling."}, "position", "no_first_holder"},
		} {
			r := lead.SendJSON("POST", holders, bad.body)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != bad.field || p.Errors[0].Code != bad.code {
				t.Errorf("%s: %+v, want %s %s", bad.name, p.Errors, bad.field, bad.code)
			}
		}
		worker := ts.Bearer(jbCaseWorker)
		wantStatus(t, worker.SendJSON("POST", holders, map[string]any{"professional_id": fatma, "position": "first", "reason": "Zelf gepakt."}), http.StatusForbidden)
		r := lead.SendJSON("POST", holders, map[string]any{"professional_id": fatma, "position": "first", "reason": "Nieuwe casus, Fatma heeft ruimte."})
		wantStatus(t, r, http.StatusOK)
		var hs []schakel.CaseHolder
		r.JSON(t, &hs)
		if len(hs) != 1 || hs[0].ProfessionalID != fatma || hs[0].Position != schakel.FirstHolder {
			t.Fatalf("holders %+v, want Fatma first", hs)
		}
		r = worker.SendJSON("POST", holders, map[string]any{"professional_id": fatma, "position": "second", "reason": "Ook tweede."})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Code != "overlap" {
			t.Errorf("first holder also second: %+v", p.Errors)
		}

		r = worker.Get("/api/v1/caseload")
		wantStatus(t, r, http.StatusOK)
		var load struct {
			Cases   int      `json:"cases"`
			Percent *float64 `json:"percent"`
			Band    string   `json:"band"`
		}
		r.JSON(t, &load)
		// One red case without a court measure: 1.5 of 12 is 13 %.
		if load.Cases != 1 || load.Percent == nil || *load.Percent != 13 || load.Band != "room" {
			t.Errorf("caseload %+v, want 1 case at 13 %% (room)", load)
		}
		page := ts.Login(jbCaseWorker).Get("/mijn-caseload")
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "<h1>Mijn caseload</h1>", `href="/casussen/`+itoa(caseID)+`"`, "13 %", "Ruimte (onder 95 %)", `data-label="Kleur"`)

		board := "/api/v1/teams/" + itoa(teamID) + "/caseload"
		wantStatus(t, worker.Get(board), http.StatusForbidden)
		r = lead.Get(board)
		wantStatus(t, r, http.StatusOK)
		var tb struct {
			Members []struct {
				Name  string `json:"name"`
				Cases int    `json:"cases"`
			} `json:"members"`
			Bands map[string]int `json:"bands"`
		}
		r.JSON(t, &tb)
		if len(tb.Members) != 1 || tb.Members[0].Cases != 1 || tb.Bands["room"] != 1 {
			t.Errorf("team board %+v, want Fatma with one case, in room", tb)
		}
		wantContains(t, ts.Login(demo.Email("Erik", "jb")).Get("/mijn-team"), "<h1>Teambord</h1>", "Team Zuid", "Fatma Yilmaz", `data-label="Belasting"`)

		weights := map[string]any{"red": -0.5, "orange": 1.2, "green": 1, "unrated": 1, "second_holder": 0.25, "source": "MT-besluit"}
		r = lead.SendJSON("PUT", "/api/v1/caseload/weights", weights)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "red" || p.Errors[0].Code != "negative" {
			t.Errorf("negative weight: %+v", p.Errors)
		}
		weights["red"] = 3
		wantStatus(t, worker.SendJSON("PUT", "/api/v1/caseload/weights", weights), http.StatusForbidden)
		wantStatus(t, lead.SendJSON("PUT", "/api/v1/caseload/weights", weights), http.StatusOK)
		r = worker.Get("/api/v1/caseload/weights")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"red":3`, `"default":false`)
		r = worker.Get("/api/v1/caseload")
		r.JSON(t, &load)
		if load.Percent == nil || *load.Percent != 25 {
			t.Errorf("caseload with red weighing 3: %+v, want 25 %%", load)
		}
		weights["measures"] = map[string]any{"interim_supervision": 1, "supervision": -1, "placement_authorisation": 0.5, "guardianship": 1, "none": 2}
		r = lead.SendJSON("PUT", "/api/v1/caseload/weights", weights)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "measure.supervision" || p.Errors[0].Code != "negative" {
			t.Errorf("negative measure weight: %+v", p.Errors)
		}
		weights["measures"].(map[string]any)["supervision"] = 1
		weights["phases"] = map[string]any{"start": 1.5, "running": 1}
		wantStatus(t, lead.SendJSON("PUT", "/api/v1/caseload/weights", weights), http.StatusOK)
		wantContains(t, worker.Get("/api/v1/caseload/weights"), `"none":2`, `"start":1.5`)
		r = worker.Get("/api/v1/caseload")
		r.JSON(t, &load)
		if load.Percent == nil || *load.Percent != 50 {
			t.Errorf("caseload with a case without measure weighing 2 (red 3): %+v, want 50 %%", load)
		}

		norm := "/api/v1/caseload/norms/jeugdbescherming"
		admin := ts.Bearer(demo.Email("Marco", "jb"))
		wantStatus(t, lead.SendJSON("PUT", norm, map[string]any{"measures_per_fte": 9, "full_time_hours": 36, "source": "Veilig maximum"}), http.StatusForbidden)
		for _, bad := range []map[string]any{
			{"measures_per_fte": 0, "full_time_hours": 36, "source": "x"},
			{"measures_per_fte": 9, "full_time_hours": 61, "source": "x"},
			{"measures_per_fte": 9, "full_time_hours": 36, "source": " "},
		} {
			wantStatus(t, admin.SendJSON("PUT", norm, bad), http.StatusUnprocessableEntity)
		}
		wantStatus(t, admin.SendJSON("PUT", "/api/v1/caseload/norms/bakkerij", map[string]any{"measures_per_fte": 9, "full_time_hours": 36, "source": "x"}), http.StatusNotFound)
		r = admin.SendJSON("PUT", norm, map[string]any{"measures_per_fte": 6, "full_time_hours": 36, "source": "Regiobesluit: veilig maximum van 8 à 9 gezinnen, hier halve norm om te testen."})
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"default":false`)
		wantContains(t, worker.Get("/api/v1/caseload/norms"), `"organisation_kind":"jeugdbescherming","measures_per_fte":6`, `"organisation_kind":"veilig_thuis","measures_per_fte":12`)
		r = worker.Get("/api/v1/caseload")
		r.JSON(t, &load)
		if load.Percent == nil || *load.Percent != 100 || load.Band != "full" {
			t.Errorf("caseload under the region's norm of 6: %+v, want 100 %% (full)", load)
		}

		end := holders + "/first/end"
		wantStatus(t, worker.SendJSON("POST", end, map[string]any{"reason": ""}), http.StatusUnprocessableEntity)
		r = worker.SendJSON("POST", end, map[string]any{"reason": "Ik ga met verlof."})
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &hs)
		if len(hs) != 0 {
			t.Errorf("holders after leaving: %+v", hs)
		}

		// The same on the case's page: the form keeps what was typed.
		holdersPage := "/casussen/" + itoa(caseID) + "/casushouders"
		browser := ts.Login(demo.Email("Erik", "jb"))
		wantContains(t, browser.Get(holdersPage), "<h1>Casushouders</h1>", "Nog geen enkele organisatie")
		r = browser.PostForm(holdersPage, url.Values{"professional_id": {itoa(fatma)}, "position": {"first"}, "reason": {" "}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "Fout: ", "Schrijf op waarom")
		r = browser.PostForm(holdersPage, url.Values{"professional_id": {itoa(fatma)}, "position": {"first"}, "reason": {"Terug van verlof."}})
		wantStatus(t, r, http.StatusSeeOther)
		wantContains(t, browser.Get(holdersPage+"?ok=casushouder"), "De casushouder is vastgelegd", "Terug van verlof.", "Fatma")
		r = browser.PostForm(holdersPage+"/first/einde", url.Values{"reason": {"Toch niet."}})
		wantStatus(t, r, http.StatusSeeOther)

		handover := "/api/v1/professionals/" + itoa(fatma) + "/handover"
		naima := ts.ProfessionalID(demo.Email("Naima", "jb"))
		wantStatus(t, lead.SendJSON("POST", handover, map[string]any{"to": naima, "reason": ""}), http.StatusUnprocessableEntity)
		r = lead.SendJSON("POST", handover, map[string]any{"to": naima, "reason": "Vertrek."})
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"cases":0`)
		r = lead.Get("/api/v1/caseload/overrides")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"total":0`)
	})
}
