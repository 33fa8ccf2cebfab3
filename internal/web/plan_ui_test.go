package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/storage/storagetest"
)

// TestPlanScreens posts the workspace forms without a browser: a form
// with errors comes back with what was typed and the errors next to the
// fields (422); a refusal or conflict shows at the top; what works
// redirects with a notice.
func TestPlanScreens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		ts := f.ts
		web := ts.Login(vtIntake)
		base := "/casussen/" + itoa(f.caseID)

		// An action without a title and with a date in the past.
		r := web.PostForm(base+"/acties", url.Values{"title": {""}, "kind": {"action"}, "for": {"parents"}, "owner": {itoa(f.pros[vtMohamed])},
			"due_date": {today(ts, -3)}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "<title>Fout: Plan van aanpak", `id="action-title" name="title" value=""`, `aria-invalid="true"`,
			"Schrijf op wat er moet gebeuren.", "Deze datum is voorbij", `value="`+today(ts, -3)+`"`, `href="#action-due_date"`)
		// The same, right.
		r = web.PostForm(base+"/acties", url.Values{"title": {"Gesprek met moeder"}, "kind": {"action"}, "for": {"parents"},
			"owner": {itoa(f.pros[vtMohamed])}, "due_date": {today(ts, 2)}})
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != base+"/plan?ok=actie" {
			t.Fatalf("redirect to %q", loc)
		}
		r = web.Get(base + "/plan?ok=actie")
		wantContains(t, r, "De actie staat op het plan.", "Gesprek met moeder", "Praat met het kind:", "nog niemand aangewezen")

		// Agreeing without a talk with the child: the reason at the form.
		r = web.PostForm(base+"/plan/vaststellen", url.Values{"consultation_id": {itoa(f.consultID)}, "review_date": {today(ts, 30)}, "version": {"999"}})
		wantStatus(t, r, http.StatusConflict)
		wantContains(t, r, "Iemand anders heeft deze casus net gewijzigd")
		p := mustPlan(t, f)
		r = web.PostForm(base+"/plan/vaststellen", url.Values{"consultation_id": {itoa(f.consultID)}, "review_date": {today(ts, 30)}, "version": {itoa(p.Version)}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "met het kind te praten", `tabindex="-1" autofocus`)

		// The case page shows it at a glance.
		r = web.Get(base)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "In één oogopslag", "Plan van aanpak in de maak", "Regie", "Volgend overleg", `href="`+base+`/voor-ouders"`)

		// A safety scale outside 0–10 by a hand-made form.
		r = web.PostForm(base+"/veiligheidsschaal", url.Values{"value": {"12"}, "reason": {"Heel erg veilig"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "Kies een cijfer van 0 tot en met 10. U koos 12.", "Heel erg veilig")

		// Exit of an organisation that owns an open action: 409 at the exit form.
		f.join(t, schuldhulpRob, schakel.RoleAdvies)
		f.action(t, f.sanne, schuldhulpRob, "", schakel.ActionTask, today(ts, 4))
		robWeb := ts.Login(schuldhulpRob)
		r = robWeb.PostForm(base+"/organisaties/"+itoa(f.orgs["schuldhulp"])+"/uitstappen", url.Values{"handover": {"Overdracht is gedaan."}, "next_steps": {"Wijkteam neemt het over."}})
		wantStatus(t, r, http.StatusConflict)
		wantContains(t, r, "1 open actie", "Overdracht is gedaan.")

		// A colleague answers a request from the work list.
		r = f.sanne.SendJSON("POST", f.path("/colleague-requests"), map[string]any{"to_professional_id": f.pros[jbCaseWorker], "kind": "think_along",
			"at": ts.Clock.Now().Add(24 * time.Hour).Format(time.RFC3339), "message": "Denkt u mee over het plan?"})
		wantStatus(t, r, http.StatusCreated)
		var req schakel.ColleagueRequest
		r.JSON(t, &req)
		fatmaWeb := ts.Login(jbCaseWorker)
		home := fatmaWeb.Get("/")
		wantContains(t, home, "Collega vraagt u mee", "Sanne de Wit vraagt u mee te denken", `action="/werk/verzoeken/`+itoa(req.ID)+`"`)
		r = fatmaWeb.PostForm("/werk/verzoeken/"+itoa(req.ID), url.Values{"decision": {"accept"}})
		wantStatus(t, r, http.StatusSeeOther)
		if home = fatmaWeb.Get("/?ok=verzoek"); strings.Contains(home.Body, `action="/werk/verzoeken/`+itoa(req.ID)+`"`) {
			t.Error("an answered request stays in the work list")
		}
		wantContains(t, home, "Uw antwoord is verstuurd")
	})
}

func mustPlan(t *testing.T, f *planFixture) schakel.Plan {
	t.Helper()
	var p schakel.Plan
	r := f.sanne.Get(f.path("/plan"))
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &p)
	return p
}
