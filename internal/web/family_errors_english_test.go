package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel/internal/familytext"
	"schakel/internal/storage/storagetest"
)

// genericFamilyErrors are the English sentences the family's surface
// falls back on for an error without a catalogue key: true, but they do
// not say what went wrong.
func genericFamilyErrors() []string {
	en := familytext.Get("en")
	out := []string{en.T("err.field.other")}
	for _, k := range en.Keys() {
		if strings.HasPrefix(k, "err.code.") {
			out = append(out, en.T(k))
		}
	}
	return out
}

// TestFamilyErrorsInEnglish walks every family route, on the screens and
// in the family API, with bad input in English: each error is told in
// English by its own sentence, never a Dutch one and never the generic
// sentence for an error without a catalogue key.
func TestFamilyErrorsInEnglish(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		fam := ts.fileFamily(t, "Fout")
		sanne := ts.Login(vtIntake)
		en := http.Header{"Accept-Language": {"en-GB,en;q=0.9"}}
		generic := genericFamilyErrors()
		check := func(name string, r response) {
			t.Helper()
			if r.StatusCode < 400 {
				t.Errorf("%s: status %d, want an error", name, r.StatusCode)
			}
			wantEnglish(t, name, r)
			for _, g := range generic {
				if strings.Contains(r.Body, g) {
					t.Errorf("%s: the generic %q (%d)", name, g, r.StatusCode)
				}
			}
		}
		form := func(c *client, path string, v url.Values) response {
			t.Helper()
			return c.Do(http.MethodPost, path, strings.NewReader(v.Encode()), "application/x-www-form-urlencoded")
		}

		anon := ts.Anonymous()
		anon.Header = en
		for name, v := range map[string]url.Values{
			"login, wrong":       {"username": {"niemand"}, "password": {"fout fout fout"}},
			"login, empty":       {"username": {""}, "password": {""}},
			"login, unreadable":  {"username": {"a\x01"}, "password": {"x"}},
			"login, very long":   {"username": {strings.Repeat("a", 5000)}, "password": {strings.Repeat("b", 5000)}},
			"activate, empty":    {},
			"activate, wrong":    {"code": {"ABCD-EFGH-JKMN-PQRS"}, "birth_date": {"2000-01-01"}, "username": {"eva.fout"}, "password": {"groene appels in de mand"}},
			"activate, bad date": {"code": {"ABCD"}, "birth_date": {"gisteren"}, "username": {"a b"}, "password": {"kort"}},
		} {
			path := "/gezin/inloggen"
			if strings.HasPrefix(name, "activate") {
				path = "/gezin/activeren"
			}
			check(name, form(anon, path, v))
		}
		check("login, not a form", anon.Do(http.MethodPost, "/gezin/inloggen", strings.NewReader("%zz"), "application/x-www-form-urlencoded"))
		check("second step, none waiting", form(anon, "/gezin/tweede-stap", url.Values{"code": {"000000"}}))

		mother := fam.member(t, ts, sanne, fam.mother, "eva.fout")
		mother.Header = en
		code := fam.invite(t, sanne, fam.child)
		check("activate, a username taken", form(anon, "/gezin/activeren", url.Values{"code": {code}, "birth_date": {fam.birth[fam.child]},
			"username": {"eva.fout"}, "password": {"blauwe fiets op de dijk"}}))
		for name, path := range map[string]string{
			"log, not in the family": "/gezin/logboek/999999", "log, not a number": "/gezin/logboek/abc",
			"log, a bad page":      "/gezin/logboek/" + itoa(fam.mother) + "?voor=x",
			"calendar, not theirs": "/gezin/gesprekken/999999/agenda.ics", "calendar, not a number": "/gezin/gesprekken/abc/agenda.ics",
		} {
			check(name, mother.Get(path))
		}
		for name, c := range map[string]struct {
			path string
			v    url.Values
		}{
			"consent, not a child":       {"/gezin/toestemming", url.Values{"toestemming": {"ja"}}},
			"request, no kind":           {"/gezin/verzoeken", url.Values{"kind": {"x"}, "text": {"Sanne-Eva."}}},
			"request, empty":             {"/gezin/verzoeken", url.Values{"kind": {"statement"}, "text": {" "}}},
			"request, too long":          {"/gezin/verzoeken", url.Values{"kind": {"statement"}, "text": {strings.Repeat("a", 4001)}}},
			"request, unreadable":        {"/gezin/verzoeken", url.Values{"kind": {"statement"}, "text": {"Sanne\x01"}}},
			"key, no name":               {"/gezin/sleutels", url.Values{"name": {" "}}},
			"key, a long name":           {"/gezin/sleutels", url.Values{"name": {strings.Repeat("a", 500)}}},
			"key, unreadable":            {"/gezin/sleutels", url.Values{"name": {"App\x01"}}},
			"revoke, not theirs":         {"/gezin/sleutels/999999/intrekken", url.Values{}},
			"revoke, not a number":       {"/gezin/sleutels/abc/intrekken", url.Values{}},
			"second step, wrong code":    {"/gezin/tweede-stap", url.Values{"code": {"000000"}}},
			"request, not a form body":   {"/gezin/verzoeken", nil},
			"key, a number that is none": {"/gezin/sleutels", url.Values{"name": {"App"}, "version": {"x"}}},
			"request, too large a form":  {"/gezin/verzoeken", url.Values{"kind": {"statement"}, "text": {strings.Repeat("a", 2<<20)}}},
		} {
			if c.v == nil {
				check(name, mother.Do(http.MethodPost, c.path, strings.NewReader("%zz"), "application/x-www-form-urlencoded"))
				continue
			}
			check(name, form(mother, c.path, c.v))
		}

		api := familyAPIClient(t, ts, mother)
		api.Header.Set("Accept-Language", "en")
		for name, path := range map[string]string{
			"API, not in the family": "/api/v1/family/persons/999999/accesses", "API, not a number": "/api/v1/family/persons/abc/accesses",
			"API, a bad page":          "/api/v1/family/persons/" + itoa(fam.mother) + "/accesses?before=x",
			"API, calendar not theirs": "/api/v1/family/meetings/999999/calendar.ics", "API, calendar not a number": "/api/v1/family/meetings/abc/calendar.ics",
		} {
			check(name, api.Get(path))
		}
		none := ts.Anonymous()
		none.Header = http.Header{"Accept-Language": {"en"}}
		check("API, no key", none.Get("/api/v1/family/view"))
		none.Header.Set("Authorization", "Bearer not-a-key")
		check("API, a wrong key", none.Get("/api/v1/family/view"))
		pro := ts.Bearer(vtIntake)
		pro.Header = http.Header{"Accept-Language": {"en"}}
		check("API, a professional's key", pro.Get("/api/v1/family/view"))
	})
}
