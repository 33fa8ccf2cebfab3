package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// TestTeamAndHandOverScreens: the team lead makes a team, adds a member
// with hours and names the team lead on /beheer/teams; bad hours come
// back beside the field with what was typed; the hand-over form moves a
// worker's case to a colleague; the override count has its own page; a
// worker is refused the team screens.
func TestTeamAndHandOverScreens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		caseID, _, lead := caseloadSetup(t, ts)
		fatma, naima := ts.ProfessionalID(jbCaseWorker), ts.ProfessionalID(demo.Email("Naima", "jb"))
		erik := ts.Login(demo.Email("Erik", "jb"))
		wantContains(t, erik.Get("/beheer/teams"), "<h1>Teams</h1>", "Team Zuid", "Erik van Dijk")

		r := erik.PostForm("/beheer/teams", url.Values{"name": {" "}, "lead_id": {""}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "Fout: ", "Geef het team een naam.")
		r = erik.PostForm("/beheer/teams", url.Values{"name": {"Team Noord"}, "lead_id": {itoa(ts.ProfessionalID(demo.Email("Erik", "jb")))}})
		wantStatus(t, r, http.StatusSeeOther)
		loc, _ := url.Parse(r.Header.Get("Location"))
		team := loc.Path
		wantContains(t, erik.Get(team+"?ok=team"), "<h1>Team Noord</h1>", "Het team is gemaakt", "Erik van Dijk")

		r = erik.PostForm(team+"/leden", url.Values{"professional_id": {itoa(naima)}, "hours_per_week": {"61"}, "started_on": {"2026-01-05"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "Fout: ", "maximaal 60", `value="2026-01-05"`)
		r = erik.PostForm(team+"/leden", url.Values{"professional_id": {itoa(naima)}, "hours_per_week": {"24"}, "started_on": {"2020-01-05"}})
		wantStatus(t, r, http.StatusSeeOther)
		wantContains(t, erik.Get(team+"?ok=lid"), "Naima Bouzid", `data-label="Uren per week">24`)
		r = erik.PostForm(team+"/teamleider", url.Values{"lead_id": {itoa(fatma)}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "heeft de rol teamleider niet")

		wantStatus(t, lead.SendJSON("POST", "/api/v1/cases/"+itoa(caseID)+"/holders",
			map[string]any{"professional_id": fatma, "position": "first", "reason": "Nieuwe casus."}), http.StatusOK)
		handover := "/medewerkers/" + itoa(fatma) + "/overdragen"
		wantContains(t, erik.Get(handover), "Alles overdragen van Fatma Yilmaz", "Casus "+itoa(caseID))
		r = erik.PostForm(handover, url.Values{"to": {itoa(naima)}, "reason": {" "}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "Fout: ", "Schrijf op waarom")
		r = erik.PostForm(handover, url.Values{"to": {itoa(ts.ProfessionalID(demo.Email("Thomas", "jb")))}, "case_" + itoa(caseID): {itoa(naima)}, "reason": {"Zwangerschapsverlof."}})
		wantStatus(t, r, http.StatusSeeOther)
		wantContains(t, erik.Get(r.Header.Get("Location")), "Overgedragen: 1 casussen")
		wantContains(t, ts.Login(demo.Email("Naima", "jb")).Get("/mijn-caseload"), "Casus "+itoa(caseID))

		wantContains(t, erik.Get("/caseload/boven-de-norm"), "<h1>Boven de norm toegewezen</h1>", "0 keer")
		wantContains(t, erik.Get("/mijn-team"), "Er is nog geen week vastgelegd")
		if n, err := app.New(ts.DB).RecordCaseloadWeek(t.Context()); err != nil || n != 2 {
			t.Fatalf("record the week: %d teams, %v", n, err)
		}
		wantContains(t, erik.Get("/mijn-team"), "Verloop per week: Team Zuid", "Belasting per medewerker per week", "Naima Bouzid")
		r = lead.Get("/api/v1/caseload/organisation")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"name":"Team Noord"`, `"trend":[{"week":"`)
		if strings.Contains(r.Body, "Naima") {
			t.Errorf("the organisation view names a worker: %s", r.Body)
		}
		wantContains(t, erik.Get("/organisatie/caseload"), "<h1>Caseload van de organisatie</h1>", "Team Noord", "Verloop per week")
		wantStatus(t, ts.Bearer(jbCaseWorker).Get("/api/v1/caseload/organisation"), http.StatusForbidden)
		worker := ts.Login(jbCaseWorker)
		for _, path := range []string{"/beheer/teams", team, "/organisatie/caseload", "/medewerkers/" + itoa(naima) + "/overdragen"} {
			wantStatus(t, worker.Get(path), http.StatusForbidden)
		}
		wantStatus(t, worker.PostForm(team+"/leden/weg", url.Values{"professional_id": {itoa(naima)}}), http.StatusForbidden)
		wantStatus(t, erik.PostForm(team+"/leden/weg", url.Values{"professional_id": {itoa(naima)}}), http.StatusSeeOther)
	})
}
