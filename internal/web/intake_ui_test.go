package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

var (
	politieCaseWorker = demo.Email("Rachid", "politie") // police: at a crisis table only when they reported or a suspect may return
	resultLocation    = regexp.MustCompile(`^/meldingen/(\d+)/resultaat\?casus=(\d+)$`)
)

// intakeUIForm is a complete red report as the HTML form posts it, with a
// blank child row in front (blank rows are ignored).
func intakeUIForm(ts *testServer, family, key string) url.Values {
	return url.Values{
		"idempotency_key":              {key},
		"reporter.kind":                {"professional"},
		"reporter.name":                {"Annemiek Vos"},
		"reporter.organisation":        {"Basisschool De Regenboog"},
		"reporter.phone":               {"010-1234567"},
		"received_at":                  {ts.Clock.Now().In(workdays.Location()).Format("2006-01-02T15:04")},
		"children[0].given_names":      {""},
		"children[0].family_name":      {""},
		"children[0].birth_date":       {""},
		"children[0].relation":         {"child"},
		"children[1].given_names":      {"Daan"},
		"children[1].family_name":      {family},
		"children[1].birth_date":       {"2016-03-09"},
		"children[1].bsn":              {""},
		"children[1].relation":         {"child"},
		"children[2].relation":         {"child"},
		"adults[0].given_names":        {"Kim"},
		"adults[0].family_name":        {family},
		"adults[0].birth_date":         {"1988-11-02"},
		"adults[0].relation":           {"parent"},
		"adults[0].parental_authority": {"1"},
		"adults[1].relation":           {"parent"},
		"address":                      {"Dorpsweg 12"},
		"postcode":                     {"3083 AB"},
		"municipality":                 {"Rotterdam"},
		"concerns":                     {"physical_abuse", "domestic_violence"},
		"indicators":                   {"injury_needs_medical_care", "witnessed_domestic_violence"},
		"finances.enough_food":         {"no"},
		"finances.housing_at_risk":     {"unknown"},
		"narrative":                    {"Daan kwam met een blauw oog en een gezwollen pols op school. Hij zegt dat zijn vader hem heeft geslagen."},
		"action":                       {"submit"},
	}
}

// intakeUIFile posts the form and returns the report and case ids.
func intakeUIFile(t *testing.T, c *client, form url.Values) (report, caseID int64) {
	t.Helper()
	r := c.PostForm("/meldingen", form)
	wantStatus(t, r, http.StatusSeeOther)
	m := resultLocation.FindStringSubmatch(r.Header.Get("Location"))
	if m == nil {
		t.Fatalf("redirect to %q, want /meldingen/{id}/resultaat?casus={id}", r.Header.Get("Location"))
	}
	report, _ = strconv.ParseInt(m[1], 10, 64)
	caseID, _ = strconv.ParseInt(m[2], 10, 64)
	return report, caseID
}

// intakeUIHidden returns the value of the hidden input with this name.
func intakeUIHidden(t *testing.T, body, name string) string {
	t.Helper()
	m := regexp.MustCompile(`<input type="hidden" name="` + regexp.QuoteMeta(name) + `" value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no hidden field %q", name)
	}
	return html.UnescapeString(m[1])
}

// intakeUICheckPage applies the checks of TestRenderEveryTemplate to a
// screen of this file: one h1, labels for every control, aria-describedby
// pointing at ids that exist, no missing values, no inline script or style.
func intakeUICheckPage(t *testing.T, r response) {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("%s: Content-Type = %q", r.Request.URL.Path, ct)
		return
	}
	body := r.Body
	if n := len(regexp.MustCompile(`<h1[ >]`).FindAllString(body, -1)); n != 1 {
		t.Errorf("%s: %d <h1> elements, want 1", r.Request.URL.Path, n)
	}
	if strings.Contains(body, "<no value>") || strings.Contains(body, "%!") {
		t.Errorf("%s: template printed a missing value", r.Request.URL.Path)
	}
	for _, m := range regexp.MustCompile(`<(?:input|select|textarea)[^>]*\sid="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		if !strings.Contains(body, `for="`+m[1]+`"`) {
			t.Errorf("%s: field %q has no label", r.Request.URL.Path, m[1])
		}
	}
	for _, m := range regexp.MustCompile(`aria-describedby="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		for _, id := range strings.Fields(m[1]) {
			if !strings.Contains(body, `id="`+id+`"`) {
				t.Errorf("%s: aria-describedby names missing id %q", r.Request.URL.Path, id)
			}
		}
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`\sid="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		if ids[m[1]] {
			t.Errorf("%s: id %q is used twice", r.Request.URL.Path, m[1])
		}
		ids[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(body, -1) {
		if !ids[m[1]] && m[1] != "inhoud" {
			t.Errorf("%s: link to missing #%s", r.Request.URL.Path, m[1])
		}
	}
	low := strings.ToLower(body)
	if strings.Contains(low, "<script>") || strings.Contains(low, " style=") || strings.Contains(low, "<style") || strings.Contains(low, " onclick=") {
		t.Errorf("%s: inline script or style", r.Request.URL.Path)
	}
}

func TestIntakeScreens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		sanne := ts.Login(vtIntake)

		t.Run("the form", func(t *testing.T) {
			r := sanne.Get("/meldingen/nieuw")
			wantStatus(t, r, http.StatusOK)
			intakeUICheckPage(t, r)
			wantContains(t, r, "<h1>Nieuwe melding</h1>", `action="/meldingen"`, `name="children[2].given_names"`, `id="children-2-given_names"`,
				`name="adults[1].family_name"`, `type="date"`, `type="datetime-local"`, "Acute onveiligheid (rood)", "Structurele onveiligheid (oranje)",
				"Kies dit bij elk letsel bij een baby jonger dan 1 jaar", `name="finances.enough_food" value="unknown"`, `value="save_draft"`,
				"Kleur zelf kiezen", `<script src="/static/draft.js" defer></script>`, `aria-live="polite"`)
			if strings.Contains(r.Body, `name="children[3].given_names"`) {
				t.Errorf("more than 3 child rows on a new form")
			}
			if key := intakeUIHidden(t, r.Body, "idempotency_key"); len(key) < 16 {
				t.Errorf("idempotency key %q", key)
			}
			// The menu offers a new report to those who may file one.
			wantContains(t, sanne.Get("/"), `href="/meldingen/nieuw"`, `href="/meldingen/concepten"`)
			admin := ts.Login(vtAdmin)
			if strings.Contains(admin.Get("/").Body, `href="/meldingen/nieuw"`) {
				t.Errorf("an administrator is offered the intake form")
			}
			wantStatus(t, admin.Get("/meldingen/nieuw"), http.StatusForbidden)
			s := ts.Anonymous().Get("/static/draft.js")
			wantStatus(t, s, http.StatusOK)
		})

		t.Run("more rows keep what was typed", func(t *testing.T) {
			f := intakeUIForm(ts, "Bakker", "k-rows")
			f.Set("action", "more_rows:children")
			r := sanne.PostForm("/meldingen", f)
			wantStatus(t, r, http.StatusOK)
			intakeUICheckPage(t, r)
			wantContains(t, r, `name="children[4].given_names"`, `value="Bakker"`, `value="2016-03-09"`, "Daan kwam met een blauw oog",
				`id="children-3-given_names" name="children[3].given_names" value="" maxlength="200" autocomplete="off" autofocus`)
			if strings.Contains(r.Body, `name="children[5].given_names"`) || strings.Contains(r.Body, `name="adults[2].given_names"`) {
				t.Errorf("wrong number of rows")
			}
			if n, _ := app.New(ts.DB).Drafts(context.Background(), sanneActor(t, ts)); len(n) != 0 {
				t.Errorf("more rows saved a draft")
			}
		})

		t.Run("a validation error keeps what was typed", func(t *testing.T) {
			f := intakeUIForm(ts, "Jansen-de Vries", "k-invalid")
			f.Set("children[1].bsn", "123456789") // fails the 11-test
			f.Set("narrative", "")
			f.Set("reporter.name", "Annemiek <Vos>")
			f.Set("rating.color", "green")
			r := sanne.PostForm("/meldingen", f)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			intakeUICheckPage(t, r)
			wantContains(t, r, `role="alert"`, "Er zijn 2 fouten in het formulier", `href="#children-1-bsn"`, `href="#narrative"`,
				`id="children-1-bsn" name="children[1].bsn" value="123456789"`, `aria-invalid="true" aria-describedby="children-1-bsn-count children-1-bsn-error"`,
				`id="children-1-bsn-error"`, "elfproef", `value="Jansen-de Vries"`, `value="Annemiek &lt;Vos&gt;"`,
				`id="indicators-injury_needs_medical_care" name="indicators" value="injury_needs_medical_care" checked`,
				`id="concerns-domestic_violence" name="concerns" value="domestic_violence" checked`,
				`id="finances-enough_food-no" name="finances.enough_food" value="no" checked`,
				`<option value="green" selected>`, "<title>Fout: Nieuwe melding")
			if got := intakeUIHidden(t, r.Body, "idempotency_key"); got != "k-invalid" {
				t.Errorf("idempotency key changed to %q", got)
			}
			// No report was filed.
			if strings.Contains(sanne.Get("/").Body, "Jansen-de Vries") {
				t.Errorf("an invalid report reached the work list")
			}
			// Missing children point at the first child row.
			g := intakeUIForm(ts, "Jansen-de Vries", "k-invalid2")
			g.Set("children[1].given_names", "")
			g.Set("children[1].family_name", "")
			g.Set("children[1].birth_date", "")
			r = sanne.PostForm("/meldingen", g)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			wantContains(t, r, `href="#children-0-given_names"`, `id="children-error"`, "Vul minstens één kind in.")
			// A lowering without a reason names the reason field.
			h := intakeUIForm(ts, "Jansen-de Vries", "k-invalid3")
			h.Set("rating.color", "green")
			r = sanne.PostForm("/meldingen", h)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			wantContains(t, r, `href="#rating-reason"`, `id="rating-reason-error"`)
		})

		var report, caseID int64
		var result response
		t.Run("file a red report", func(t *testing.T) {
			f := intakeUIForm(ts, "Verhoeven", "k-red-1")
			report, caseID = intakeUIFile(t, sanne, f)
			// The same form sent twice files one report.
			r := sanne.PostForm("/meldingen", f)
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); loc != "/meldingen/"+itoa(report)+"/resultaat?casus="+itoa(caseID) {
				t.Errorf("second submit went to %s", loc)
			}
			// The same key with other content files nothing and says so.
			g := intakeUIForm(ts, "Verhoeven", "k-red-1")
			g.Set("narrative", "Een ander verhaal.")
			r = sanne.PostForm("/meldingen", g)
			wantStatus(t, r, http.StatusConflict)
			wantContains(t, r, "al eens verstuurd", "Een ander verhaal.", `href="#intake-form"`)
			if key := intakeUIHidden(t, r.Body, "idempotency_key"); key == "k-red-1" {
				t.Errorf("the used key is offered again")
			}
			result = sanne.Get("/meldingen/" + itoa(report) + "/resultaat?casus=" + itoa(caseID))
			wantStatus(t, result, http.StatusOK)
			intakeUICheckPage(t, result)
			wantContains(t, result, "<h1>Melding opgeslagen</h1>", `class="badge color-red">Rood</span>`, "Letsel waarvoor medische zorg nodig is",
				"Crisisoverleg is gepland", "Genodigden, met waarvoor zij er zijn", "Jeugdbescherming Rotterdam Rijnmond", "Raad voor de Kinderbescherming",
				"een vertrouwensarts", "Waarom gekozen", "Veiligheidsbeoordeling", "Bij rood gebeurt dit op het crisisoverleg",
				"geen eerdere meldingen", `href="/casussen/`+itoa(caseID)+`"`)
		})
		if t.Failed() {
			return
		}
		c, err := app.New(ts.DB).Case(context.Background(), sanneActor(t, ts), caseID)
		if err != nil || len(c.Consultations) != 1 || len(c.Reports) != 1 {
			t.Fatalf("case after filing: %v, %d consultations, %d reports", err, len(c.Consultations), len(c.Reports))
		}
		cons := c.Consultations[0]

		t.Run("case page", func(t *testing.T) {
			r := sanne.Get("/casussen/" + itoa(caseID))
			wantStatus(t, r, http.StatusOK)
			intakeUICheckPage(t, r)
			wantContains(t, r, "<h1>Casus "+itoa(caseID)+": gezin Verhoeven</h1>", `badge big color-red">Rood</span>`, "Crisisoverleg", cons.Participants[0].Professional.Name,
				"Waarom gekozen", "Betrokken organisaties", "Regie (coördineert de casus)", "Daan Verhoeven", "Kind van de ouder(s)",
				`<details>`, "Inhoud van melding", "Veiligheidsbeoordeling afgerond", "Kleur opslaan", `name="version" value="`+strconv.FormatInt(c.Version, 10)+`"`,
				"Kleurgeschiedenis", "Voorstel van de regels", "Andere organisaties die dit gezin kennen", "Voorstel bevestigen: rood", "Basisschool De Regenboog")
		})

		t.Run("consultation page and invitation", func(t *testing.T) {
			inv, err := ts.DB.Professional(context.Background(), cons.Participants[0].Professional.ID)
			if err != nil {
				t.Fatal(err)
			}
			guest := ts.Login(inv.Email)
			home := guest.Get("/")
			wantContains(t, home, "Crisisoverleg", `href="/overleggen/`+itoa(cons.ID)+`"`)
			r := guest.Get("/overleggen/" + itoa(cons.ID))
			wantStatus(t, r, http.StatusOK)
			intakeUICheckPage(t, r)
			wantContains(t, r, "<h1>Crisisoverleg (Samen in Crisis)</h1>", `href="/api/v1/consultations/`+itoa(cons.ID)+`/invite.ics"`,
				`href="/casussen/`+itoa(caseID)+`"`, inv.Name,
				"Wat is er nodig, en waarom?", "Elke rode melding komt aan de crisistafel", "Nam de melding aan: kent de feiten en zit altijd aan tafel", "Nu, aan tafel")
			ics := guest.Get("/api/v1/consultations/" + itoa(cons.ID) + "/invite.ics")
			wantStatus(t, ics, http.StatusOK)
			if !strings.HasPrefix(ics.Header.Get("Content-Type"), "text/calendar") {
				t.Errorf("ics Content-Type %q", ics.Header.Get("Content-Type"))
			}
			// The invitee may open the case: crisis duty.
			wantStatus(t, guest.Get("/casussen/"+itoa(caseID)), http.StatusOK)
			// The result page rebuilt from the case (no filing in memory).
			r = guest.Get("/meldingen/" + itoa(report) + "/resultaat?casus=" + itoa(caseID))
			wantStatus(t, r, http.StatusOK)
			intakeUICheckPage(t, r)
			wantContains(t, r, "Crisisoverleg is gepland", "Letsel waarvoor medische zorg nodig is", "Dit overzicht komt uit de casus.")
			// Sanne took the report: she always sits at the table, so she
			// has the calendar link; her colleague who was not invited has none.
			if r := sanne.Get("/overleggen/" + itoa(cons.ID)); !strings.Contains(r.Body, "invite.ics") {
				t.Errorf("the intake worker who took the report has no calendar link")
			}
			if r := ts.Login(demo.Email("Mohamed", "vt")).Get("/overleggen/" + itoa(cons.ID)); r.StatusCode != http.StatusOK || strings.Contains(r.Body, "invite.ics") {
				t.Errorf("colleague not invited: status %d, calendar link offered: %v", r.StatusCode, strings.Contains(r.Body, "invite.ics"))
			}
		})

		t.Run("work list", func(t *testing.T) {
			r := sanne.Get("/")
			wantStatus(t, r, http.StatusOK)
			intakeUICheckPage(t, r)
			wantContains(t, r, "Gezin Verhoeven", "Kleur bevestigen", "Veiligheidsbeoordeling", `href="/casussen/`+itoa(caseID)+`#kleur"`,
				`badge small color-red">Rood</span>`, "nog ", `id="filter-scope"`, `id="filter-color"`, `id="filter-org"`)
			r = sanne.Get("/?scope=mine&color=green")
			wantStatus(t, r, http.StatusOK)
			if strings.Contains(r.Body, "Gezin Verhoeven") {
				t.Errorf("colour filter ignored")
			}
			wantContains(t, r, `<option value="mine" selected>`, `<option value="green" selected>`)
			r = sanne.Get("/?scope=bogus")
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, "Een filter klopte niet")
		})

		t.Run("another organisation gets 403 and may ask emergency access", func(t *testing.T) {
			rachid := ts.Login(politieCaseWorker).StepUp()
			r := rachid.Get("/casussen/" + itoa(caseID))
			wantStatus(t, r, http.StatusForbidden)
			intakeUICheckPage(t, r)
			wantContains(t, r, "<h1>Geen toegang</h1>", "niet betrokken", "Noodtoegang", `action="/casussen/`+itoa(caseID)+`/noodtoegang"`)
			if strings.Contains(r.Body, "Verhoeven") {
				t.Errorf("refusal page shows case content")
			}
			r = rachid.PostForm("/casussen/"+itoa(caseID)+"/noodtoegang", url.Values{"reason": {"te kort <b>"}})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			intakeUICheckPage(t, r)
			wantContains(t, r, "te kort &lt;b&gt;", `aria-invalid="true"`, "minstens 20 tekens")
			r = rachid.PostForm("/casussen/"+itoa(caseID)+"/noodtoegang", url.Values{"reason": {"Politie staat bij de woning, kind alleen thuis, ouders onbekend."}})
			wantStatus(t, r, http.StatusOK)
			intakeUICheckPage(t, r)
			wantContains(t, r, "U kijkt met noodtoegang", "gezin Verhoeven")
			for _, form := range []string{"Kleur opslaan", `/beoordeeld"`, "/matches/"} {
				if strings.Contains(r.Body, form) {
					t.Errorf("emergency view offers %q", form)
				}
			}
			// The next visit is refused again.
			wantStatus(t, rachid.Get("/casussen/"+itoa(caseID)), http.StatusForbidden)
			// Writing stays refused.
			r = rachid.PostForm("/casussen/"+itoa(caseID)+"/kleur", url.Values{"color": {"orange"}, "reason": {"Het is minder erg dan gedacht."}, "version": {"1"}})
			wantStatus(t, r, http.StatusForbidden)
		})

		t.Run("re-rate, second professional, conflict", func(t *testing.T) {
			cur, _ := app.New(ts.DB).Case(context.Background(), sanneActor(t, ts), caseID)
			v := strconv.FormatInt(cur.Version, 10)
			// No reason: the typed form comes back with the error.
			r := sanne.PostForm("/casussen/"+itoa(caseID)+"/kleur", url.Values{"color": {"orange"}, "reason": {"kort"}, "version": {v}})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			intakeUICheckPage(t, r)
			wantContains(t, r, `id="rate-reason-error"`, ">kort</textarea>", `<option value="orange" selected>`, `aria-invalid="true"`)
			// Lowering red waits for a second professional.
			r = sanne.PostForm("/casussen/"+itoa(caseID)+"/kleur", url.Values{"color": {"orange"}, "reason": {"Vader is aangehouden, moeder en kind zijn veilig bij oma."}, "version": {v}})
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); !strings.Contains(loc, "ok=kleur-wacht") {
				t.Errorf("redirect %s", loc)
			}
			r = sanne.Get("/casussen/" + itoa(caseID) + "?ok=kleur-wacht")
			wantContains(t, r, "Een tweede professional moet die nog bevestigen", "Verlaging wacht op een tweede professional", "U kunt uw eigen verlaging niet bevestigen",
				`badge big color-red">Rood</span>`)
			// The stale version is a conflict, shown in Dutch with the reason kept.
			r = sanne.PostForm("/casussen/"+itoa(caseID)+"/kleur", url.Values{"color": {"green"}, "reason": {"Alles is in orde, zegt de school."}, "version": {v}})
			wantStatus(t, r, http.StatusConflict)
			intakeUICheckPage(t, r)
			wantContains(t, r, "Iemand anders heeft deze casus net gewijzigd", "Alles is in orde, zegt de school.")
			// A team lead confirms; the notice leaves the work list when read.
			linda := ts.Login(vtTeamLead)
			home := linda.Get("/")
			wantContains(t, home, "Bericht", "Gelezen")
			pending := regexp.MustCompile(`/casussen/` + itoa(caseID) + `/kleur/(\d+)/tweede`).FindStringSubmatch(linda.Get("/casussen/" + itoa(caseID)).Body)
			if pending == nil {
				t.Fatalf("no second-opinion form for the team lead")
			}
			r = linda.PostForm(pending[0], url.Values{"decision": {"approve"}})
			wantStatus(t, r, http.StatusSeeOther)
			wantContains(t, linda.Get("/casussen/"+itoa(caseID)), `badge big color-orange">Oranje</span>`)
			// Confirming twice is a conflict, explained.
			r = linda.PostForm(pending[0], url.Values{"decision": {"approve"}})
			wantStatus(t, r, http.StatusConflict)
			wantContains(t, r, "wacht niet (meer) op een tweede professional")
			if m := regexp.MustCompile(`action="/werk/notificaties/(\d+)"`).FindStringSubmatch(home.Body); m != nil {
				r = linda.PostForm("/werk/notificaties/"+m[1], nil)
				wantStatus(t, r, http.StatusSeeOther)
				if strings.Contains(linda.Get("/").Body, `action="/werk/notificaties/`+m[1]+`"`) {
					t.Errorf("notice still listed after Gelezen")
				}
			} else {
				t.Errorf("no Gelezen button for the notice")
			}
		})

		t.Run("assessment done", func(t *testing.T) {
			path := "/meldingen/" + itoa(report) + "/beoordeeld"
			r := sanne.PostForm(path, url.Values{"case_id": {itoa(caseID)}})
			wantStatus(t, r, http.StatusSeeOther)
			wantContains(t, sanne.Get("/casussen/"+itoa(caseID)+"?ok=beoordeeld"), "De veiligheidsbeoordeling is afgerond.", "Veiligheidsbeoordeling afgerond op")
			r = sanne.PostForm(path, url.Values{"case_id": {itoa(caseID)}})
			wantStatus(t, r, http.StatusConflict)
			wantContains(t, r, "al afgerond")
		})

		t.Run("draft: save, reopen, autosave, file", func(t *testing.T) {
			f := intakeUIForm(ts, "Concept-Pietersen", "k-draft")
			f.Set("narrative", "Half ingevuld verhaal.")
			f.Set("action", "save_draft")
			r := sanne.PostForm("/meldingen", f)
			wantStatus(t, r, http.StatusOK)
			intakeUICheckPage(t, r)
			wantContains(t, r, "Concept opgeslagen om", "Half ingevuld verhaal.", `value="Concept-Pietersen"`)
			id := intakeUIHidden(t, r.Body, "concept_id")
			if id == "" {
				t.Fatal("no concept id after saving")
			}
			// Saving again updates the same draft.
			f.Set("concept_id", id)
			f.Set("narrative", "Iets meer ingevuld verhaal.")
			r = sanne.PostForm("/meldingen", f)
			if got := intakeUIHidden(t, r.Body, "concept_id"); got != id {
				t.Errorf("second save made draft %s, want %s", got, id)
			}
			list := sanne.Get("/meldingen/concepten")
			wantStatus(t, list, http.StatusOK)
			intakeUICheckPage(t, list)
			// Named after the family and the day it was begun, not "Concept 1".
			wantContains(t, list, "<th scope=\"row\">Gezin Concept-Pietersen, ", `href="/meldingen/nieuw?concept=`+id+`"`)
			if n := strings.Count(list.Body, "<th scope=\"row\">"); n != 1 {
				t.Errorf("%d drafts listed, want 1", n)
			}
			open := sanne.Get("/meldingen/nieuw?concept=" + id)
			wantStatus(t, open, http.StatusOK)
			intakeUICheckPage(t, open)
			wantContains(t, open, "U gaat verder met het concept", "Iets meer ingevuld verhaal.", `value="Concept-Pietersen"`, `value="2016-03-09"`,
				`id="finances-enough_food-no" name="finances.enough_food" value="no" checked`, `value="Annemiek Vos"`)
			if got := intakeUIHidden(t, open.Body, "concept_id"); got != id {
				t.Errorf("reopened form has concept %q", got)
			}
			// Someone else cannot open it.
			wantStatus(t, ts.Login(vtCaseWorker).Get("/meldingen/nieuw?concept="+id), http.StatusNotFound)
			// The automatic save answers JSON and updates the same draft.
			f.Set("narrative", "Automatisch bewaard verhaal.")
			f.Del("action")
			sanne.Header.Set("Accept", "application/json")
			r = sanne.PostForm("/meldingen/concept", f)
			sanne.Header.Del("Accept")
			wantStatus(t, r, http.StatusOK)
			var saved struct {
				ID      int64  `json:"id"`
				SavedAt string `json:"saved_at"`
			}
			r.JSON(t, &saved)
			if itoa(saved.ID) != id || len(saved.SavedAt) != 5 {
				t.Errorf("autosave answered %+v, want draft %s", saved, id)
			}
			wantContains(t, sanne.Get("/meldingen/nieuw?concept="+id), "Automatisch bewaard verhaal.")
			// Filing removes the draft.
			f.Set("action", "submit")
			f.Set("narrative", "Nu compleet verhaal over het gezin.")
			intakeUIFile(t, sanne, f)
			if strings.Contains(sanne.Get("/meldingen/concepten").Body, "?concept="+id+`"`) {
				t.Errorf("draft kept after filing")
			}
			// A draft that is too large to save comes back on the form.
			big := intakeUIForm(ts, "Groot", "k-big")
			big.Set("action", "save_draft")
			big.Set("narrative", strings.Repeat("Heel lang verhaal. ", 15000))
			r = sanne.PostForm("/meldingen", big)
			wantStatus(t, r, http.StatusRequestEntityTooLarge)
			wantContains(t, r, "te groot", `value="Groot"`, "Heel lang verhaal. Heel lang verhaal.")
			// Delete from the list.
			g := intakeUIForm(ts, "Weg", "k-del")
			g.Set("action", "save_draft")
			id2 := intakeUIHidden(t, sanne.PostForm("/meldingen", g).Body, "concept_id")
			r = sanne.PostForm("/meldingen/concepten/"+id2+"/verwijderen", nil)
			wantStatus(t, r, http.StatusSeeOther)
			wantContains(t, sanne.Get("/meldingen/concepten"), "U heeft geen concepten.")
		})

		t.Run("a match shows who knows the family", func(t *testing.T) {
			// Jeugdbescherming reports the same child with a typo in the
			// family name: a proposed match, known at Veilig Thuis.
			fatma := ts.Login(jbCaseWorker)
			f := intakeUIForm(ts, "Verhoeve", "k-match")
			f.Set("adults[0].given_names", "")
			f.Set("adults[0].family_name", "")
			f.Set("adults[0].birth_date", "")
			f.Set("indicators", "chronic_neglect")
			f.Del("rating.color")
			rep2, case2 := intakeUIFile(t, fatma, f)
			if case2 == caseID {
				t.Fatalf("a fuzzy match joined the case without confirmation")
			}
			r := fatma.Get("/meldingen/" + itoa(rep2) + "/resultaat?casus=" + itoa(case2))
			wantStatus(t, r, http.StatusOK)
			intakeUICheckPage(t, r)
			wantContains(t, r, "Mogelijk hetzelfde gezin", "Daan Verhoeve", "zelfde geboortedatum", "Veilig Thuis Rotterdam Rijnmond", "Sanne de Wit",
				"de intake van Veilig Thuis, beslist", `class="badge color-orange">Oranje</span>`)
			// Confirm the orange proposal with one click.
			page := fatma.Get("/casussen/" + itoa(case2))
			wantContains(t, page, "Voorstel bevestigen: oranje")
			v := intakeUIHidden(t, page.Body, "version")
			r2 := fatma.PostForm("/casussen/"+itoa(case2)+"/kleur", url.Values{"color": {"orange"}, "version": {v}})
			wantStatus(t, r2, http.StatusSeeOther)
			page = fatma.Get("/casussen/" + itoa(case2) + "?ok=kleur")
			wantContains(t, page, "De kleur is opgeslagen.", "Bevestigd", "Fatma Yilmaz")
			if strings.Contains(page.Body, "Voorstel bevestigen") {
				t.Errorf("proposal still open after confirming")
			}
			if strings.Contains(page.Body, `/matches/`) {
				t.Errorf("the reporter is offered to decide their own match")
			}
			// The reporter who proposed the match cannot decide it.
			mine := fatma.PostForm("/casussen/"+itoa(case2)+"/matches/1", url.Values{"decision": {"confirm"}})
			wantStatus(t, mine, http.StatusForbidden)
			// Veilig Thuis, on the known case, sees the new report and decides.
			sanne := ts.Login(vtIntake)
			known := sanne.Get("/casussen/" + itoa(caseID))
			wantContains(t, known, "Nieuwe meldingen die over dit gezin kunnen gaan", "Gemeld door Jeugdbescherming Rotterdam Rijnmond")
			m := regexp.MustCompile(`action="(/casussen/` + itoa(caseID) + `/matches/\d+)"`).FindStringSubmatch(known.Body)
			if m == nil {
				t.Fatal("no match form on the known case")
			}
			r = sanne.PostForm(m[1], url.Values{"decision": {"confirm"}})
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "/casussen/"+itoa(caseID)+"?ok=match-bevestigd") {
				t.Errorf("after confirming: %s, want the known family's case %d", loc, caseID)
			}
			r = sanne.Get("/casussen/" + itoa(caseID) + "?ok=match-bevestigd")
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, "De match is bevestigd", "Bevestigd: zelfde gezin")
		})
	})
}

// sanneActor is the intake worker as a storage actor, to check state.
func sanneActor(t *testing.T, ts *testServer) *schakel.Actor {
	t.Helper()
	return &schakel.Actor{Professional: mustProfessional(t, ts, vtIntake)}
}

func TestIntakeExpiredSession(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		sanne := ts.Login(vtIntake)
		f := intakeUIForm(ts, "Sessie-de Jong", "k-expired")
		f.Set("narrative", "Lang verhaal dat niet verloren mag gaan.")
		ts.Clock.Advance(31 * time.Minute) // past the idle timeout

		// The automatic save says so in JSON.
		sanne.Header.Set("Accept", "application/json")
		r := sanne.PostForm("/meldingen/concept", f)
		sanne.Header.Del("Accept")
		wantStatus(t, r, http.StatusUnauthorized)
		r.Problem(t)

		// Sending the form shows a login that carries it.
		r = sanne.PostForm("/meldingen", f)
		wantStatus(t, r, http.StatusUnauthorized)
		intakeUICheckPage(t, r)
		wantContains(t, r, "<h1>Uw sessie is verlopen</h1>", `action="/meldingen/herstel"`, "Er is nog niets verstuurd")
		stash := intakeUIHidden(t, r.Body, "stash")
		if stash == "" || strings.Contains(r.Body, "Lang verhaal") {
			t.Fatalf("stash %q, or the form shown in clear", stash)
		}
		if c := sanne.SessionCookie(); c != nil {
			t.Errorf("expired session cookie kept")
		}

		// A wrong password keeps the stash.
		r = sanne.PostForm("/meldingen/herstel", url.Values{"email": {vtIntake}, "password": {"fout"}, "stash": {stash}})
		wantStatus(t, r, http.StatusUnauthorized)
		intakeUICheckPage(t, r)
		wantContains(t, r, `aria-describedby="login-error"`, "klopt niet")
		if got := intakeUIHidden(t, r.Body, "stash"); got != stash {
			t.Errorf("stash lost after a wrong password")
		}

		// Logging in saves it as a draft and opens it.
		r = sanne.PostForm("/meldingen/herstel", url.Values{"email": {vtIntake}, "password": {demoPassword}, "stash": {stash}})
		wantStatus(t, r, http.StatusSeeOther)
		loc := r.Header.Get("Location")
		if !regexp.MustCompile(`^/meldingen/nieuw\?concept=\d+&hersteld=1$`).MatchString(loc) {
			t.Fatalf("after restoring: %s", loc)
		}
		r = sanne.Get(loc)
		wantStatus(t, r, http.StatusOK)
		intakeUICheckPage(t, r)
		wantContains(t, r, "Uw sessie was verlopen. Wat u had ingevuld is bewaard.", "Lang verhaal dat niet verloren mag gaan.",
			`value="Sessie-de Jong"`, `id="indicators-injury_needs_medical_care" name="indicators" value="injury_needs_medical_care" checked`)
		// And it can be filed from there.
		g := f
		g.Set("concept_id", intakeUIHidden(t, r.Body, "concept_id"))
		g.Set("idempotency_key", intakeUIHidden(t, r.Body, "idempotency_key"))
		g.Set("received_at", ts.Clock.Now().In(workdays.Location()).Format("2006-01-02T15:04"))
		intakeUIFile(t, sanne, g)
		wantContains(t, sanne.Get("/meldingen/concepten"), "U heeft geen concepten.")

		// Another person logging in with someone's stash gets it as their
		// own draft, not into the first person's drafts.
		mohamed := ts.Anonymous()
		r = mohamed.PostForm("/meldingen/herstel", url.Values{"email": {vtCaseWorker}, "password": {demoPassword}, "stash": {stash}})
		wantStatus(t, r, http.StatusSeeOther)
		ds, err := app.New(ts.DB).Drafts(context.Background(), &schakel.Actor{Professional: mustProfessional(t, ts, vtCaseWorker)})
		if err != nil || len(ds) != 1 {
			t.Errorf("drafts of the second person: %v %v", ds, err)
		}

		// A broken stash still logs in.
		r = ts.Anonymous().PostForm("/meldingen/herstel", url.Values{"email": {vtIntake}, "password": {demoPassword}, "stash": {"!!!"}})
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/meldingen/nieuw" {
			t.Errorf("broken stash: %s", loc)
		}
	})
}

func TestIntakeDurationText(t *testing.T) {
	// The work list's wording, checked through a red case's due time.
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		sanne := ts.Login(vtIntake)
		intakeUIFile(t, sanne, intakeUIForm(ts, "Tijd", "k-time"))
		wantContains(t, sanne.Get("/"), "nog ")
		ts.Clock.Advance(54 * time.Hour) // red is due 4 hours after receipt
		sanne = ts.Login(vtIntake)
		r := sanne.Get("/")
		wantContains(t, r, "Te laat", "2 dagen te laat", `class="overdue"`)
	})
}

// TestBrowserIntake files a red report through the form in a real browser,
// checks each intake screen with axe-core, and watches draft.js save a
// draft. With SCHAKEL_SCREENSHOTS set it leaves screenshots there.
func TestBrowserIntake(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, ts.URL+"/login")
	browsertest.Fill(t, ctx, "#email", vtIntake)
	browsertest.Fill(t, ctx, "#password", demoPassword)
	if st := browsertest.Submit(t, ctx, "button[type=submit]"); st != http.StatusOK {
		t.Fatalf("login: %d", st)
	}

	// An empty form shows the error summary.
	browsertest.Navigate(t, ctx, ts.URL+"/meldingen/nieuw")
	browsertest.Axe(t, ctx, "intake form")
	browsertest.Screenshot(t, ctx, "intake-form.png")
	if st := browsertest.Submit(t, ctx, `button[value="submit"]`); st != http.StatusUnprocessableEntity {
		t.Fatalf("empty form: %d, want 422", st)
	}
	browsertest.Axe(t, ctx, "intake form with errors")
	browsertest.Screenshot(t, ctx, "intake-errors.png")
	if got := browsertest.Text(t, ctx, ".error-summary h2"); !strings.Contains(got, "fouten") {
		t.Errorf("error summary: %q", got)
	}

	// draft.js saves what is typed.
	browsertest.Fill(t, ctx, "#children-0-given_names", "Sem")
	browsertest.Fill(t, ctx, "#children-0-family_name", "Browsertest")
	// counter.js counts down what is left of the limit.
	if got := browsertest.Text(t, ctx, "#children-0-given_names-count"); got != "max. 200 tekens, nog 197 over" {
		t.Errorf("length hint while typing: %q", got)
	}
	// draft.js saves every 15 seconds: wait for the status line to say so.
	browsertest.WaitText(t, ctx, "#autosave-status", "Concept automatisch opgeslagen om")

	browsertest.Check(t, ctx, "#reporter-kind-police", true)
	browsertest.Fill(t, ctx, "#reporter-name", "Agent Bos")
	browsertest.Fill(t, ctx, "#children-0-birth_date", "2019-05-04")
	browsertest.Fill(t, ctx, "#adults-0-given_names", "Mira")
	browsertest.Fill(t, ctx, "#adults-0-family_name", "Browsertest")
	browsertest.Check(t, ctx, "#adults-0-parental_authority", true)
	browsertest.Fill(t, ctx, "#municipality", "Rotterdam")
	browsertest.Check(t, ctx, "#concerns-domestic_violence", true)
	browsertest.Check(t, ctx, "#indicators-threat_to_life", true)
	browsertest.Check(t, ctx, "#finances-housing_at_risk-yes", true)
	browsertest.Fill(t, ctx, "#narrative", "Politie ter plaatse na melding van buren: vader bedreigde moeder met een mes, Sem was erbij.")
	if st := browsertest.Submit(t, ctx, `button[value="submit"]`); st != http.StatusOK {
		t.Fatalf("filing: %d", st)
	}
	if loc := browsertest.Location(t, ctx); !strings.Contains(loc, "/resultaat?casus=") {
		t.Fatalf("after filing: %s", loc)
	}
	browsertest.Axe(t, ctx, "result")
	browsertest.Screenshot(t, ctx, "intake-result.png")
	if got := browsertest.Text(t, ctx, "#kop-overleg"); got != "Crisisoverleg is gepland" {
		t.Errorf("result page: %q", got)
	}
	if ds, _ := app.New(ts.DB).Drafts(context.Background(), &schakel.Actor{Professional: mustProfessional(t, ts, vtIntake)}); len(ds) != 0 {
		t.Errorf("the autosaved draft was not removed after filing: %v", ds)
	}

	browsertest.Submit(t, ctx, `a.button[href^="/casussen/"]`)
	browsertest.Axe(t, ctx, "case")
	browsertest.Screenshot(t, ctx, "case.png")
	browsertest.Click(t, ctx, "#meldingen summary")
	browsertest.Screenshot(t, ctx, "case-report-open.png")

	browsertest.Navigate(t, ctx, ts.URL+"/")
	browsertest.Axe(t, ctx, "work list")
	browsertest.Screenshot(t, ctx, "work.png")
	if got := browsertest.Text(t, ctx, "table.worklist tbody"); !strings.Contains(got, "Gezin Browsertest") {
		t.Errorf("work list: %q", got)
	}

	browsertest.Navigate(t, ctx, ts.URL+"/meldingen/concepten")
	browsertest.Axe(t, ctx, "drafts")

	// The session expires while typing: log in again, nothing lost.
	browsertest.Navigate(t, ctx, ts.URL+"/meldingen/nieuw")
	browsertest.Fill(t, ctx, "#narrative", "Getypt voordat de sessie verliep.")
	ts.Clock.Advance(31 * time.Minute)
	if st := browsertest.Submit(t, ctx, `button[value="save_draft"]`); st != http.StatusUnauthorized {
		t.Fatalf("expired session: %d, want 401", st)
	}
	browsertest.Axe(t, ctx, "log in again")
	browsertest.Screenshot(t, ctx, "relogin.png")
	browsertest.Fill(t, ctx, "#email", vtIntake)
	browsertest.Fill(t, ctx, "#password", demoPassword)
	if st := browsertest.Submit(t, ctx, "main button[type=submit]"); st != http.StatusOK {
		t.Fatalf("log in again: %d", st)
	}
	if got := browsertest.Text(t, ctx, ".alert.ok"); !strings.Contains(got, "Wat u had ingevuld is bewaard") {
		t.Errorf("after logging in again: %q", got)
	}
	if got, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#narrative"))); err != nil || got != "Getypt voordat de sessie verliep." {
		t.Errorf("narrative after logging in again: %q, %v", got, err)
	}

	// Someone of an organisation not on the case is refused, and offered
	// emergency access. Not the police: they reported, so they are invited
	// (issue 10); debt counselling follows later and is not at the table.
	browsertest.Submit(t, ctx, "button.link")
	browsertest.Fill(t, ctx, "#email", schuldhulpRob)
	browsertest.Fill(t, ctx, "#password", demoPassword)
	browsertest.Submit(t, ctx, "button[type=submit]")
	if st := browsertest.Navigate(t, ctx, ts.URL+"/casussen/1"); st != http.StatusForbidden {
		t.Errorf("case for debt counselling: %d, want 403", st)
	}
	browsertest.Axe(t, ctx, "refused")
	browsertest.Screenshot(t, ctx, "refused.png")
}
