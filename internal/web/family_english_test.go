package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/plan"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

var (
	pageMain = regexp.MustCompile(`(?s)<body.*</body>`)
	pageTags = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`)
)

// wantEnglish fails when the visible text of a page (or an API answer)
// holds a Dutch word of the family's fixed texts. The professionals' own
// words in the fixture hold none of them.
func wantEnglish(t *testing.T, where string, r response) {
	t.Helper()
	for _, hit := range dutchIn(r.Body) {
		t.Errorf("%s: %s", where, hit)
	}
}

// dutchIn lists the Dutch fixed words in the visible text of body (its
// main element when it has one), each with the text around it.
func dutchIn(body string) []string {
	text := body
	if m := pageMain.FindString(text); m != "" {
		text = html.UnescapeString(pageTags.ReplaceAllString(m, " "))
	}
	text = shownAppKey.ReplaceAllString(strings.Join(strings.Fields(text), " "), " ")
	text = " " + strings.ToLower(strings.Join(strings.Fields(text), " ")) + " "
	var hits []string
	for _, dutch := range dutchFixedWords {
		if i := strings.Index(text, dutch); i >= 0 {
			hits = append(hits, fmt.Sprintf("Dutch %q in %q", dutch, text[max(0, i-60):min(len(text), i+60)]))
		}
	}
	return hits
}

// TestFamilyScreensInEnglish walks every family screen and the family API
// with an English browser: the login and activation with their errors, the
// second step with a wrong code, the page with a plan, a conversation and
// a request, its form errors, the access log, refusals, the error page, and
// the API's answers and problems. No Dutch fixed text may be left.
func TestFamilyScreensInEnglish(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		fam := ts.fileFamily(t, "Engels")
		sanne := ts.Login(vtIntake)
		en := http.Header{"Accept-Language": {"en-GB,en;q=0.9"}}
		pro := &schakel.Actor{Professional: mustProfessional(t, ts, vtIntake), ClientAddr: "127.0.0.1"}
		a := app.New(ts.DB)
		act, err := a.AddAction(t.Context(), pro, fam.caseID, plan.ActionInput{Title: "Huisbezoek", Kind: schakel.ActionTask,
			OwnerOrganisationID: pro.Professional.Organisation.ID, OwnerProfessionalID: pro.Professional.ID,
			DueDate: ts.Clock.Now().AddDate(0, 0, 5).Format("2006-01-02")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.SetFamilyText(t.Context(), pro, fam.caseID, act.ID, "Sanne-Mila-Eva."); err != nil {
			t.Fatal(err)
		}
		day := ts.Clock.Now().In(workdays.Location()).AddDate(0, 0, 6).Format("2006-01-02")
		wantStatus(t, sanne.PostForm("/casussen/"+itoa(fam.caseID)+"/gezinsgesprekken", url.Values{"date": {day}, "time": {"14:00"},
			"minutes": {"45"}, "mode": {"in_person"}, "place": {"Stadhuis"}, "about": {"Sanne-Eva."}, "person_ids": {itoa(fam.mother)},
			"professional_ids": {itoa(ts.ProfessionalID(vtIntake))}}), http.StatusSeeOther)

		anon := ts.Anonymous()
		anon.Header = en
		wantEnglish(t, "login", anon.Get("/gezin/inloggen"))
		bad := anon.PostForm("/gezin/inloggen", url.Values{"username": {"niemand"}, "password": {"fout fout fout"}})
		wantContains(t, bad, "Your username or password is not right.")
		wantEnglish(t, "login refused", bad)
		wantEnglish(t, "login unreadable", anon.PostForm("/gezin/inloggen", url.Values{"username": {"a\x01"}, "password": {"x"}}))
		wantEnglish(t, "second step gone", anon.Get("/gezin/tweede-stap"))
		wantEnglish(t, "activate", anon.Get("/gezin/activeren"))
		short := anon.PostForm("/gezin/activeren", url.Values{"code": {""}, "birth_date": {"gisteren"}, "username": {"a b"}, "password": {"kort"}})
		wantStatus(t, short, http.StatusUnprocessableEntity)
		wantContains(t, short, "Choose a password of at least 12 characters.", "A username has no spaces.")
		wantEnglish(t, "activation errors", short)
		wrong := anon.PostForm("/gezin/activeren", url.Values{"code": {"ABCD-EFGH-JKMN-PQRS"}, "birth_date": {"2000-01-01"},
			"username": {"eva.engels"}, "password": {"groene appels in de mand"}})
		wantContains(t, wrong, "The code or the date of birth is not right.")
		wantEnglish(t, "activation refused", wrong)

		mother := fam.activateOnly(t, ts, sanne, fam.mother, "eva.engels")
		mother.Header = en
		wantEnglish(t, "set up the app", mother.Get("/gezin/tweede-stap"))
		wrongCode := mother.PostForm("/gezin/tweede-stap", url.Values{"code": {"000000"}})
		wantStatus(t, wrongCode, http.StatusUnprocessableEntity)
		wantEnglish(t, "a wrong app code", wrongCode)
		mother.Header = nil
		enrolApp(t, mother, "/gezin/tweede-stap")
		mother.Header = en
		child := fam.member(t, ts, sanne, fam.child, "mila.engels")
		child.Header = en

		home := mother.Get("/gezin?welkom=1")
		wantStatus(t, home, http.StatusOK)
		wantContains(t, home, "Sanne-Mila-Eva.", "Stadhuis", "On or before ", "Keeps the overview.", " to 14:45")
		wantEnglish(t, "home", home)
		empty := mother.PostForm("/gezin/verzoeken", url.Values{"kind": {"statement"}, "text": {" "}})
		wantStatus(t, empty, http.StatusUnprocessableEntity)
		wantContains(t, empty, "Write here what you want to say.")
		wantEnglish(t, "request error", empty)
		tooLong := mother.PostForm("/gezin/verzoeken", url.Values{"kind": {"statement"}, "text": {strings.Repeat("a", 4001)}})
		wantContains(t, tooLong, "At most 4000 characters.")
		wantEnglish(t, "request too long", tooLong)
		wantEnglish(t, "a kind that is none", mother.PostForm("/gezin/verzoeken", url.Values{"kind": {"x"}, "text": {"Sanne-Eva."}}))
		wantStatus(t, mother.PostForm("/gezin/verzoeken", url.Values{"kind": {"correction"}, "text": {"Sanne-Eva."}}), http.StatusSeeOther)
		wantEnglish(t, "home with a request", mother.Get("/gezin?ok=verzoek"))
		wantEnglish(t, "a token without a name", mother.PostForm("/gezin/sleutels", url.Values{"name": {" "}}))
		made := mother.PostForm("/gezin/sleutels", url.Values{"name": {"App"}})
		wantEnglish(t, "a token", made)
		wantEnglish(t, "own log", mother.Get("/gezin/logboek/"+itoa(fam.mother)))
		wantEnglish(t, "child's log", mother.Get("/gezin/logboek/"+itoa(fam.child)))
		for name, path := range map[string]string{"another's log": "/gezin/logboek/" + itoa(fam.mother), "a bad page": "/gezin/logboek/" + itoa(fam.child) + "?voor=x",
			"not in the family": "/gezin/logboek/999999", "a meeting not theirs": "/gezin/gesprekken/999999/agenda.ics"} {
			r := child.Get(path)
			if r.StatusCode < 400 {
				t.Errorf("%s: %d", name, r.StatusCode)
			}
			wantEnglish(t, name, r)
		}
		wantEnglish(t, "consent refused", child.PostForm("/gezin/toestemming", url.Values{"toestemming": {"ja"}}))

		m := familyToken.FindStringSubmatch(made.Body)
		if m == nil {
			t.Fatal("no token")
		}
		api := ts.Anonymous()
		api.Header = http.Header{"Authorization": {"Bearer " + m[1]}, "Accept-Language": {"en"}}
		view := api.Get("/api/v1/family/view")
		wantStatus(t, view, http.StatusOK)
		if view.Header.Get("Content-Language") != "en" {
			t.Errorf("Content-Language %q", view.Header.Get("Content-Language"))
		}
		wantContains(t, view, `"role":"regie"`, `"kind":"action"`, "On or before ")
		wantEnglish(t, "API view", view)
		wantEnglish(t, "API log", api.Get("/api/v1/family/persons/"+itoa(fam.mother)+"/accesses"))
		for _, path := range []string{"/api/v1/family/persons/999999/accesses", "/api/v1/family/persons/" + itoa(fam.mother) + "/accesses?before=x"} {
			r := api.Get(path)
			if r.StatusCode < 400 {
				t.Errorf("%s: %d", path, r.StatusCode)
			}
			wantEnglish(t, "API "+path, r)
		}
		api.Header.Set("Accept-Language", "nl")
		wantContains(t, api.Get("/api/v1/family/persons/999999/accesses"), "Deze persoon hoort niet bij uw gezin.")
	})
}
