package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
)

// TestFamilyLanguage: the family screens follow Accept-Language until the
// switch in the header chooses, and then keep the choice (a cookie of the
// family's path) whatever the browser says; the html element says the
// language and its direction. The switch goes back to a family page only,
// never to another site. The professionals' screens stay Dutch.
func TestFamilyLanguage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		fam := ts.fileFamily(t, "Taal")
		sanne := ts.Login(vtIntake)
		mother := fam.member(t, ts, sanne, fam.mother, "eva.taal")

		english := http.Header{"Accept-Language": {"en-GB,en;q=0.9,nl;q=0.3"}}
		anon := ts.Anonymous()
		anon.Header = english
		login := anon.Get("/gezin/inloggen")
		wantStatus(t, login, http.StatusOK)
		wantContains(t, login, `<html lang="en" dir="ltr">`, "Log in for your family", `value="nl" lang="nl" dir="ltr"`, ">Nederlands</button>")
		if strings.Contains(login.Body, "Inloggen voor uw gezin") {
			t.Error("Dutch on the English login page")
		}
		wantContains(t, ts.Anonymous().Get("/gezin/inloggen"), `<html lang="nl" dir="ltr">`, "Inloggen voor uw gezin", ">English</button>")

		mother.Header = english
		home := mother.Get("/gezin")
		wantStatus(t, home, http.StatusOK)
		wantContains(t, home, `<html lang="en"`, "Welcome, ", "Your contact person", "Conversations with you", "Your side of the story",
			"I want to tell my side of the story", "max. 4000 characters", "Not happy?")
		for _, dutch := range []string{"Uw contactpersoon", "Gesprekken met u", "Uw kant van het verhaal", "Niet tevreden?"} {
			if strings.Contains(home.Body, dutch) {
				t.Errorf("%q on the English page", dutch)
			}
		}
		if got := home.Header.Get("Content-Language"); got != "en" {
			t.Errorf("Content-Language %q", got)
		}

		for name, tc := range map[string]struct{ back, want string }{
			"a family page":   {"/gezin/logboek/1", "/gezin/logboek/1"},
			"another site":    {"https://elders.example/gezin", "/gezin"},
			"a scheme-less":   {"//elders.example/gezin", "/gezin"},
			"a staff page":    {"/casussen/1", "/gezin"},
			"a sneaky prefix": {"/gezinnen", "/gezin"},
		} {
			t.Run(name, func(t *testing.T) {
				r := mother.PostForm("/gezin/taal", url.Values{"taal": {"nl"}, "terug": {tc.back}})
				wantStatus(t, r, http.StatusSeeOther)
				if loc := r.Header.Get("Location"); loc != tc.want {
					t.Errorf("back to %q, want %q", loc, tc.want)
				}
			})
		}
		home = mother.Get("/gezin")
		wantContains(t, home, `<html lang="nl"`, "Welkom, ", "Gesprekken met u", ">English</button>")
		wantStatus(t, mother.PostForm("/gezin/taal", url.Values{"taal": {"xx"}, "terug": {"/gezin"}}), http.StatusSeeOther)
		wantContains(t, mother.Get("/gezin"), `<html lang="nl"`) // an unknown language changes nothing

		sanne.Header = english
		page := sanne.Get("/casussen/" + itoa(fam.caseID))
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, `<html lang="nl">`)
		if strings.Contains(page.Body, `action="/gezin/taal"`) {
			t.Error("a professional's page offers the family's language switch")
		}
	})
}
