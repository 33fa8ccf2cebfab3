package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel/internal/demo"
	"schakel/internal/oidctest"
	"schakel/internal/storage/storagetest"
)

// screen is a page fetched by a user, rendered by a template.
type screen struct {
	template string
	user     string
	path     string
	status   int
	want     string // an <h1> or other text proving the right template
}

// TestRenderEveryTemplate renders every page template through the real
// handlers, as the users who see them. A new template fails this test until
// a screen for it is added to the table below.
func TestRenderEveryTemplate(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		anon := ts.Anonymous()
		users := map[string]*client{
			"anonymous": anon,
			"admin":     ts.Login(vtAdmin).StepUp(),
			"privacy":   ts.Login(vtPrivacy).StepUp(),
			"teamlead":  ts.Login(vtTeamLead),
			"intake":    ts.Login(vtIntake).StepUp(),
		}
		otherID := itoa(ts.ProfessionalID(vtCaseWorker))

		// A red report by the intake worker: a case, a person and a crisis
		// consultation, for the case, person and consultation screens.
		res := ts.fileReport(t, vtIntake, true)
		if res.Consultation == nil {
			t.Fatalf("a red report without a consultation: %+v", res.ReportResult)
		}
		personID := itoa(res.Case.Persons[0].ID)
		// A family reported by Veilig Thuis and then, by BSN, by the
		// jeugdbescherming: the second reporter sees whom to call, not the case.
		users["jb"] = ts.Login(jbCaseWorker)
		known := intakeUIForm(ts, "Bekend", "k-known-1")
		known.Set("children[1].bsn", "111222333")
		intakeUIFile(t, users["intake"], known)
		known.Set("idempotency_key", "k-known-2")
		knownReport, knownCase := intakeUIFile(t, users["jb"], known)
		caseID, reportID, consultID := itoa(res.CaseID), itoa(res.ID), itoa(res.Consultation.ID)
		// A placement considered on the case: its review, for the review screens.
		considered := users["intake"].PostForm("/casussen/"+caseID+"/plaatsingstafel", url.Values{"reason": {"Moeder kan de veiligheid niet bieden."}})
		wantStatus(t, considered, http.StatusSeeOther)
		reviewPath := strings.SplitN(considered.Header.Get("Location"), "?", 2)[0]
		wantStatus(t, users["intake"].PostForm("/netwerk", url.Values{"expertises": {"family_network"}}), http.StatusSeeOther)
		// A provider with a profile and a care request that reaches it, for the care screens.
		users["provider"] = ts.Login(demo.Email("Frank", "kompas"))
		wantStatus(t, users["provider"].PostForm("/beheer/aanbod", url.Values{"categories": {"trauma"}, "start_trauma": {"2027-01-11"}}), http.StatusSeeOther)
		asked := users["intake"].PostForm("/casussen/"+caseID+"/zorgvragen", url.Values{"needs": {"trauma"}, "need_text_trauma": {"Slaapt slecht."}, "urgency": {"weeks"}})
		wantStatus(t, asked, http.StatusSeeOther)
		carePath := strings.SplitN(asked.Header.Get("Location"), "?", 2)[0]
		// A team of the team lead, for the team screens (teams_ui.go).
		madeTeam := users["teamlead"].PostForm("/beheer/teams", url.Values{"name": {"Team Scherm"}})
		wantStatus(t, madeTeam, http.StatusSeeOther)
		teamPath := strings.SplitN(madeTeam.Header.Get("Location"), "?", 2)[0]
		teamPath = teamPath[strings.Index(teamPath, "/beheer/"):]
		leadID := itoa(ts.ProfessionalID(vtTeamLead))
		// The team lead in the team posts a support task on the case.
		wantStatus(t, users["teamlead"].PostForm(teamPath+"/leden", url.Values{"professional_id": {leadID}, "hours_per_week": {"36"}}), http.StatusSeeOther)
		wantStatus(t, users["teamlead"].PostForm("/casussen/"+caseID+"/ondersteuning", url.Values{"kind": {"documents"},
			"due_on": {ts.Clock.Now().AddDate(0, 0, 5).Format("2006-01-02")}, "brief": {"Paspoort aanvragen bij de gemeente."}}), http.StatusSeeOther)
		var work struct{ Posted []struct{ ID int64 } }
		ts.Bearer(vtTeamLead).Get("/api/v1/support-tasks").JSON(t, &work)
		if len(work.Posted) != 1 {
			t.Fatalf("posted tasks %+v, want 1", work.Posted)
		}
		taskPath := "/ondersteuning/" + itoa(work.Posted[0].ID)
		// The team lead asks a colleague to think along (colleague_ask_ui.go).
		wantStatus(t, users["teamlead"].PostForm("/casussen/"+caseID+"/collega-vragen", url.Values{"to_professional_id": {itoa(ts.ProfessionalID(vtIntake))},
			"message": {"Wat vind jij van de afspraken met vader?"}}), http.StatusSeeOther)
		var asks struct{ Asked []struct{ ID int64 } }
		ts.Bearer(vtTeamLead).Get("/api/v1/colleague-asks").JSON(t, &asks)
		if len(asks.Asked) != 1 {
			t.Fatalf("asks %+v, want 1", asks.Asked)
		}
		askPath := "/werk/vragen/" + itoa(asks.Asked[0].ID)
		// Veilig Thuis people on sso.example log in at a provider of their own.
		op := oidctest.Start(t)
		wantStatus(t, users["admin"].PostForm("/beheer/inloggen", url.Values{"issuer": {op.URL}, "client_id": {"schakel"},
			"secret_kind": {"env"}, "secret_name": {"SCHAKEL_OIDC_SECRET_VT"}, "claim": {"email"}, "match_on": {"email"}, "domains": {"sso.example"}}), http.StatusSeeOther)

		// Jeugdbescherming's case worker sets up an app, and then logs in
		// again up to its code (factors_ui.go, login_factor_ui.go).
		enrolApp(t, users["jb"], "/tweede-factor/app")
		users["waiting"], _ = passwordStep(t, ts, jbCaseWorker)

		// A family with a mother who activated her own view (family_*_ui.go).
		fam := ts.fileFamily(t, "Scherm")
		users["family"] = fam.member(t, ts, users["intake"], fam.mother, "eva@voorbeeld.nl")
		famCase, famMother, famChild := itoa(fam.caseID), itoa(fam.mother), itoa(fam.child)
		// The child typed its code and waits to set up its app; the mother
		// logged in again up to the app's code (family_factor_ui.go).
		users["family-enrol"] = fam.activateOnly(t, ts, users["intake"], fam.child, "mila@voorbeeld.nl")
		childKey := appKey.FindStringSubmatch(users["family-enrol"].Get("/gezin/tweede-stap").Body)
		if childKey == nil {
			t.Fatal("no key on the child's set-up screen")
		}
		users["family-code"] = ts.Anonymous()
		wantStatus(t, users["family-code"].PostForm("/gezin/inloggen", url.Values{"username": {"eva@voorbeeld.nl"}, "password": {"blauwe fiets op de dijk"}}), http.StatusSeeOther)
		wantStatus(t, users["intake"].PostForm("/casussen/"+famCase+"/gezinsleden/achterhouden", url.Values{"person": {famChild}, "action": {"0"},
			"reason": {"Het kind schrikt nu van wat er over de ruzie staat."}}), http.StatusSeeOther)

		screens := []screen{
			{"family_login.html", "anonymous", "/gezin/inloggen", 200, "<h1>Inloggen voor uw gezin</h1>"},
			{"family_error.html", "family", "/gezin/logboek/999999", 403, "Deze persoon hoort niet bij uw gezin."},
			{"family_activate.html", "anonymous", "/gezin/activeren", 200, "<h1>Uw code gebruiken</h1>"},
			{"family_activate.html", "anonymous", "POST /gezin/activeren?code=AAAA&birth_date=2000-01-01&username=x", 422, "Kies een gebruikersnaam van minstens 3 tekens"},
			{"family_step.html", "family-code", "/gezin/tweede-stap", 200, "<h1>Code uit de app</h1>"},
			{"family_step.html", "family-code", "POST /gezin/tweede-stap?code=000000", 401, "Deze code klopt niet"},
			{"family_step.html", "family-enrol", "/gezin/tweede-stap", 200, "<h1>App voor codes instellen</h1>"},
			{"family_step.html", "family-enrol", "POST /gezin/tweede-stap?code=000000", 422, "Deze code hoort niet bij de sleutel"},
			{"family_recovery.html", "family-enrol", "POST /gezin/tweede-stap?code=APPCODE", 200, "<h1>Uw herstelcodes</h1>"},
			{"family_home.html", "family", "/gezin", 200, "<h1>Welkom, Eva Scherm</h1>"},
			{"family_home.html", "family", "POST /gezin/sleutels?name=", 422, "Geef de sleutel een naam"},
			{"family_token.html", "family", "POST /gezin/sleutels?name=Mijn+app", 200, "<h1>Uw nieuwe sleutel</h1>"},
			{"family_log.html", "family", "/gezin/logboek/" + famMother, 200, "<h1>Wie heeft uw gegevens bekeken?</h1>"},
			{"family_log.html", "family", "/gezin/logboek/" + famChild, 200, "<h1>Wie heeft de gegevens van Mila Scherm bekeken?</h1>"},
			{"error.html", "intake", "/gezin", 403, "Als medewerker gebruikt u uw eigen schermen."},
			{"family_members.html", "intake", "/casussen/" + famCase + "/gezinsleden", 200, "<h1>Gezinsleden kijken mee: Casus " + famCase + ": gezin Scherm</h1>"},
			{"family_members.html", "teamlead", "/casussen/" + famCase + "/gezinsleden", 200, "Klopt, zo laten"},
			{"family_members.html", "intake", "POST /casussen/" + famCase + "/gezinsleden/achterhouden?person=" + famChild + "&reason=kort", 422, "Schrijf op waarom"},
			{"family_invite.html", "intake", "POST /casussen/" + famCase + "/gezinsleden/" + famChild + "/uitnodigen", 200, "<h1>Code voor Mila Scherm</h1>"},
			{"login.html", "anonymous", "/login", 200, "<h1>Inloggen bij Schakel</h1>"},
			{"login.html", "anonymous", "/login?next=%2Fpiket", 200, "Log in om verder te gaan."},
			{"login_redirect.html", "anonymous", "POST /login/start?email=iemand@sso.example", 200, "<h1>Naar de inlogdienst van uw organisatie</h1>"},
			{"login_problem.html", "anonymous", "/login/oidc/callback?state=onbekend&code=x", 400, "<h1>Deze inlogpoging is verlopen</h1>"},
			{"identity_provider.html", "admin", "/beheer/inloggen", 200, "<h1>Inloggen via Veilig Thuis Rotterdam Rijnmond</h1>"},
			{"sessions.html", "intake", "/sessies", 200, "<h1>Mijn sessies</h1>"},
			{"factors.html", "intake", "/tweede-factor", 200, "<h1>Tweede stap bij inloggen</h1>"},
			{"factors.html", "jb", "/tweede-factor", 200, "U heeft nog 10 herstelcodes."},
			{"factor_app.html", "intake", "/tweede-factor/app", 200, "<h1>App voor inlogcodes instellen</h1>"},
			{"recovery_codes.html", "jb", "POST /tweede-factor/herstelcodes", 200, "<h1>Uw herstelcodes</h1>"},
			{"login_code.html", "waiting", "/login/code", 200, "<h1>Tweede stap</h1>"},
			{"sessions.html", "admin", "/beheer/sessies", 200, "<h1>Sessies van Veilig Thuis Rotterdam Rijnmond</h1>"},
			{"membership.html", "admin", "/beheer/wie-werkt-hier", 200, "<h1>Wie werkt hier nog?</h1>"},
			{"error.html", "anonymous", "/bestaat-niet", 404, "<h1>Niet gevonden</h1>"},
			{"error.html", "intake", "/beheer/medewerkers", 403, "<h1>Geen toegang</h1>"},
			{"home.html", "admin", "/", 200, "<h1>Mijn werk</h1>"},
			{"home.html", "privacy", "/", 200, "<h1>Mijn werk</h1>"},
			{"home.html", "teamlead", "/", 200, "<h1>Mijn werk</h1>"},
			{"home.html", "intake", "/", 200, "<h1>Mijn werk</h1>"},
			{"professionals.html", "admin", "/beheer/medewerkers", 200, "<h1>Medewerkers van Veilig Thuis Rotterdam Rijnmond</h1>"},
			{"professional_form.html", "admin", "/beheer/medewerkers/nieuw", 200, "<h1>Medewerker toevoegen</h1>"},
			{"professional_form.html", "admin", "/beheer/medewerkers/" + otherID, 200, "<h1>Medewerker wijzigen</h1>"},
			{"organisations.html", "admin", "/beheer/organisaties", 200, "<h1>Organisaties in de regio</h1>"},
			{"roster.html", "admin", "/piket", 200, "<h1>Piketrooster</h1>"},
			{"roster.html", "privacy", "/piket", 200, "<h1>Piketrooster</h1>"},
			{"roster.html", "teamlead", "/piket", 200, "<h1>Piketrooster</h1>"},
			{"audit.html", "privacy", "/privacy/logboek", 200, "<h1>Toegangslogboek</h1>"},
			{"step_up.html", "teamlead", "/bevestigen?terug=/privacy/logboek", 200, "Stel die eerst in"},
			{"step_up.html", "admin", "/bevestigen?terug=/beheer/organisaties", 200, `name="stap_code"`},
			{"audit.html", "privacy", "/privacy/logboek?outcome=refused&event=login", 200, "<h1>Toegangslogboek</h1>"},
			{"person_accesses.html", "privacy", "/privacy/personen/" + personID, 200, "<h1>Wie heeft uw dossier bekeken?</h1>"},
			{"intake.html", "intake", "/meldingen/nieuw", 200, "<h1>Nieuwe melding</h1>"},
			{"intake_drafts.html", "intake", "/meldingen/concepten", 200, "<h1>Mijn concepten</h1>"},
			{"intake_result.html", "intake", "/meldingen/" + reportID + "/resultaat?casus=" + caseID, 200, "<h1>Melding opgeslagen</h1>"},
			{"intake_result_known.html", "jb", "/meldingen/" + itoa(knownReport) + "/resultaat?casus=" + itoa(knownCase), 200, "<h1>Melding doorgegeven</h1>"},
			{"intake_relogin.html", "anonymous", "POST /meldingen", 401, "<h1>Uw sessie is verlopen</h1>"},
			{"case.html", "intake", "/casussen/" + caseID, 200, "casus"},
			{"case_refused.html", "privacy", "/casussen/" + caseID, 403, "<h1>Geen toegang</h1>"},
			{"consultation.html", "intake", "/overleggen/" + consultID, 200, "<h1>"},
			// The chain timeline and lead-time monitor (timeline_ui.go, dashboard_ui.go).
			{"timeline.html", "intake", "/casussen/" + caseID + "/tijdlijn", 200, "<h1>Tijdlijn: Casus " + caseID},
			{"dashboard.html", "intake", "/dashboard", 200, "<h1>Doorlooptijden in de keten</h1>"},
			{"dashboard.html", "teamlead", "/dashboard?region=0&from=&to=&trend=vt_investigation", 200, "Download als CSV"},
			{"dashboard.html", "privacy", "/dashboard?from=2026-13-01", 422, "Een filter klopte niet"},
			{"dashboard.html", "intake", "/dashboard?trend=chain", 200, "<caption>Controle na 3 en 6 maanden: voorkomen tegenover geplaatst</caption>"},
			{"dashboard.html", "teamlead", "/dashboard?region=0", 200, "Kies een regio: de plaatsingstafels zijn per regio."},
			{"norms.html", "admin", "/beheer/normen", 200, "<h1>Fasen en normen van de regio</h1>"},
			{"norms.html", "intake", "/beheer/normen", 200, "Uitvoeringsbesluit Wmo 2015"},
			{"cohorts.html", "teamlead", "/beheer/cohorten", 200, "<h1>Cohorten en interventies</h1>"},
			{"caseload.html", "intake", "/mijn-caseload", 200, "<h1>Mijn caseload</h1>"},
			{"team_board.html", "teamlead", "/mijn-team", 200, "<h1>Teambord</h1>"},
			{"teams.html", "teamlead", "/beheer/teams", 200, "<h1>Teams</h1>"},
			{"teams.html", "teamlead", "POST /beheer/teams?name=", 422, "Geef het team een naam."},
			{"team.html", "teamlead", teamPath, 200, "<h1>Team Scherm</h1>"},
			{"team.html", "teamlead", "POST " + teamPath + "/leden?professional_id=" + leadID + "&hours_per_week=0", 422, "minimaal 1"},
			{"handover.html", "teamlead", "/medewerkers/" + leadID + "/overdragen", 200, "<h1>Alles overdragen van"},
			{"caseload_overrides.html", "teamlead", "/caseload/boven-de-norm", 200, "<h1>Boven de norm toegewezen</h1>"},
			{"organisation_caseload.html", "teamlead", "/organisatie/caseload", 200, "<h1>Caseload van de organisatie</h1>"},
			{"network.html", "intake", "/netwerk", 200, "<h1>Netwerk plaatsingstafel</h1>"},
			{"panels.html", "intake", "/plaatsingstafels", 200, "<h1>Mijn plaatsingstafels</h1>"},
			{"case_reviews.html", "intake", "/casussen/" + caseID + "/plaatsingstafel", 200, "<h1>Uithuisplaatsing overwegen</h1>"},
			{"review.html", "intake", reviewPath, 200, "<h1>Plaatsingstafel "},
			{"case_care.html", "intake", "/casussen/" + caseID + "/zorgvragen", 200, "<h1>Zorg vragen</h1>"},
			{"care_compare.html", "intake", carePath, 200, "<h1>Zorgvraag "},
			{"care_inbox.html", "provider", "/zorgvragen", 200, "<h1>Zorgvragen aan uw organisatie</h1>"},
			{"care_answer.html", "provider", carePath + "/antwoorden", 200, "<h2 id=\"kop-antwoord\">Uw antwoord</h2>"},
			{"care_profile.html", "provider", "/beheer/aanbod", 200, "<h1>Ons aanbod</h1>"},
			{"care_waits.html", "teamlead", "/zorgvragen/wachttijden", 200, "<h1>Wachttijden zorg</h1>"},
			{"review_library.html", "intake", "/plaatsingstafels/bibliotheek", 200, "<h1>Bibliotheek van het netwerk</h1>"},
			{"review_patterns.html", "teamlead", "/plaatsingstafels/patronen", 200, "<h1>Plaatsingstafels: patronen</h1>"},
			// The joint workspace on the case (workspace_ui.go).
			{"plan.html", "intake", "/casussen/" + caseID + "/plan", 200, "<h1>Plan van aanpak</h1>"},
			{"findings.html", "intake", "/casussen/" + caseID + "/bevindingen", 200, "<h1>Bevindingen en gesprekken</h1>"},
			{"participations.html", "intake", "/casussen/" + caseID + "/organisaties", 200, "<h1>Organisaties en rollen</h1>"},
			{"case_holders.html", "intake", "/casussen/" + caseID + "/casushouders", 200, "<h1>Casushouders</h1>"},
			{"consultation_new.html", "intake", "/casussen/" + caseID + "/overleggen/nieuw", 200, "<h1>Overleg plannen</h1>"},
			{"colleague.html", "intake", "/casussen/" + caseID + "/collega", 200, "<h1>Collega meevragen</h1>"},
			{"support_post.html", "teamlead", "/casussen/" + caseID + "/ondersteuning", 200, "<h1>Ondersteuning vragen</h1>"},
			{"support_post.html", "teamlead", "POST /casussen/" + caseID + "/ondersteuning?kind=documents&due_on=&brief=x", 422, "Vul in wanneer de taak klaar moet zijn."},
			{"support_work.html", "teamlead", "/ondersteuning", 200, "<h1>Ondersteuning</h1>"},
			{"support_task.html", "teamlead", taskPath, 200, "<h1>Papieren regelen</h1>"},
			{"colleague_asks.html", "teamlead", "/casussen/" + caseID + "/collega-vragen", 200, "<h1>Uw team of een collega vragen</h1>"},
			{"colleague_asks.html", "teamlead", "POST /casussen/" + caseID + "/collega-vragen?message=", 422, "Schrijf uw vraag op."},
			{"colleague_asks.html", "teamlead", "POST /casussen/" + caseID + "/collega-vragen?soort=meegaan&team_id=1&at=2020-01-01T10:00&place_kind=home&message=x", 422, "Dit moment is al voorbij."},
			{"colleague_ask.html", "intake", askPath, 200, "<h1>Wil iemand meedenken?</h1>"},
			{"colleague_ask.html", "intake", "POST " + askPath + "/beantwoorden?answer=", 422, "Schrijf uw antwoord op."},
			{"family_summary.html", "intake", "/casussen/" + caseID + "/voor-ouders", 200, "<h1>Wat we samen hebben afgesproken</h1>"},
			{"minutes.html", "intake", "/overleggen/" + consultID + "/verslag", 200, "<h1>Verslag: Crisisoverleg"},
			{"own_record.html", "intake", "/casussen/" + caseID + "/eigen-inbreng", 200, "<h1>Wat Veilig Thuis Rotterdam Rijnmond vastlegde"},
		}

		names := ts.Srv.PageNames()
		if len(names) == 0 {
			t.Fatal("no page templates")
		}
		for _, n := range names {
			if !slices.ContainsFunc(screens, func(s screen) bool { return s.template == n }) {
				t.Errorf("template %s is not rendered by this test: add a screen for it", n)
			}
		}

		h1 := regexp.MustCompile(`<h1[ >]`)
		for _, s := range screens {
			t.Run(s.template+" "+s.user+" "+s.path, func(t *testing.T) {
				if !slices.Contains(names, s.template) {
					t.Fatalf("no template %s", s.template)
				}
				var r response
				if path, ok := strings.CutPrefix(s.path, "POST "); ok {
					// A query on a POST screen is its form.
					path, query, _ := strings.Cut(path, "?")
					// The code the child's app shows now (the key is on its set-up screen).
					query = strings.Replace(query, "APPCODE", appCode(t, strings.ReplaceAll(childKey[1], " ", ""), time.Now()), 1)
					form, err := url.ParseQuery(query)
					if err != nil {
						t.Fatal(err)
					}
					r = users[s.user].PostForm(path, form)
				} else {
					r = users[s.user].Get(s.path)
				}
				wantStatus(t, r, s.status)
				if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
					t.Errorf("Content-Type = %q", ct)
				}
				wantContains(t, r, `<html lang="nl"`, "<title>", "</html>", `<main id="inhoud"`, s.want)
				if n := len(h1.FindAllString(r.Body, -1)); n != 1 {
					t.Errorf("%d <h1> elements, want 1", n)
				}
				if strings.Contains(r.Body, "<no value>") || strings.Contains(r.Body, "%!") {
					t.Errorf("template printed a missing value")
				}
				// Every input has a label.
				for _, m := range regexp.MustCompile(`<(?:input|select|textarea)[^>]*\sid="([^"]+)"`).FindAllStringSubmatch(r.Body, -1) {
					if !strings.Contains(r.Body, `for="`+m[1]+`"`) {
						t.Errorf("field %q has no label", m[1])
					}
				}
				// aria-describedby points at something that exists.
				for _, m := range regexp.MustCompile(`aria-describedby="([^"]+)"`).FindAllStringSubmatch(r.Body, -1) {
					for _, id := range strings.Fields(m[1]) {
						if !strings.Contains(r.Body, `id="`+id+`"`) {
							t.Errorf("aria-describedby names missing id %q", id)
						}
					}
				}
			})
		}

		// Every link in the menus leads to a page that renders.
		t.Run("menu links", func(t *testing.T) {
			for name, c := range users {
				if name == "anonymous" {
					continue
				}
				home := c.Get("/")
				for _, m := range regexp.MustCompile(`<a href="(/[^"]*)"`).FindAllStringSubmatch(home.Body, -1) {
					if r := c.Get(m[1]); r.StatusCode != http.StatusOK {
						t.Errorf("%s: menu link %s answers %d", name, m[1], r.StatusCode)
					}
				}
			}
		})
	})
}

func TestLoginErrorIsAccessible(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		r := ts.Anonymous().PostForm("/login", map[string][]string{"email": {vtIntake}, "password": {"fout"}})
		wantStatus(t, r, http.StatusUnauthorized)
		wantContains(t, r, `aria-invalid="true"`, `aria-describedby="login-error"`, `id="login-error"`)
	})
}
