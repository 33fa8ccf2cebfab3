package attack_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"schakel/internal/textlimit"
)

func TestText(t *testing.T) {
	eachTarget(t, func(t *testing.T, tg *target) {
		sanne := tg.bearer(t, intaker)
		linda := tg.bearer(t, teamLead)
		form := tg.browser(t, intaker)

		probe(t, tg, "long names are refused", func(t *testing.T, c checker) {
			rep := report(7001)
			rep.Children[0].GivenNames = strings.Repeat("Aäb", 40000/3)
			rep.Children[0].BirthDate = "2017-01-02" // alone on this date: no other long name to compare with
			r := sanne.postJSON(c, "/api/v1/reports", rep, nil)
			if code, fields, _ := r.problem(c); r.status != http.StatusUnprocessableEntity || !slices.Contains(fields, "children[0].given_names") {
				c.Errorf("a 40,000-character name: status %d, code %q, fields %v", r.status, code, fields)
			}
		})

		probe(t, tg, "names of 200 characters are filed", func(t *testing.T, c checker) {
			rep := report(7002)
			rep.Children[0].GivenNames = strings.Repeat("é", 200)
			rep.Children[0].FamilyName = strings.Repeat("Ĳ", 200)
			if r := sanne.postJSON(c, "/api/v1/reports", rep, nil); r.status != http.StatusCreated {
				c.Errorf("200-character names: status %d %.300s", r.status, r.body)
			}
		})

		probe(t, tg, "a narrative over the limit is refused", func(t *testing.T, c checker) {
			rep := report(7003)
			rep.Narrative = strings.Repeat("ü", 20001)
			r := sanne.postJSON(c, "/api/v1/reports", rep, nil)
			if _, fields, _ := r.problem(c); r.status != http.StatusUnprocessableEntity || !slices.Contains(fields, "narrative") {
				c.Errorf("a narrative of 20,001 characters: status %d, fields %v", r.status, fields)
			}
		})

		probe(t, tg, "NUL and control characters in API text are refused by field, never a 500", func(t *testing.T, c checker) {
			for i, odd := range []string{"voor\x00na", "bel\x07letje", "escape\x1b[31m"} {
				rep := report(uint64(7100 + i))
				rep.Narrative = "Melding: " + odd
				rep.Reporter.Name = odd
				r := sanne.postJSON(c, "/api/v1/reports", rep, nil)
				code, fields, _ := r.problem(c)
				if r.status != http.StatusBadRequest || code != "invalid_text" || !slices.Contains(fields, "narrative") || !slices.Contains(fields, "reporter.name") {
					c.Errorf("%q: status %d, code %q, fields %v; want 400 invalid_text naming narrative and reporter.name", odd, r.status, code, fields)
				}
			}
		})

		probe(t, tg, "NUL and invalid UTF-8 in the intake form come back cleaned, never a 500", func(t *testing.T, c checker) {
			for i, odd := range []string{"voor\x00na", "kapot \xff\xfe utf-8"} {
				f := url.Values{
					"reporter.kind": {"police"}, "reporter.name": {"Agent " + odd},
					"children[0].given_names": {"Kind"}, "children[0].family_name": {fmt.Sprintf("Formulier%d", i)},
					"children[0].birth_date": {"2015-06-07"},
					"municipality":           {"Rotterdam"}, "concerns": {"domestic_violence"},
					"indicators": {"witnessed_domestic_violence"}, "narrative": {"Melding: " + odd},
				}
				r := form.postForm(c, "/meldingen", f)
				if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Agent "+textlimit.Clean(odd)) {
					c.Errorf("%q: status %d; want 422 with the name as typed, cleaned", odd, r.status)
				}
			}
		})

		probe(t, tg, "odd query values are refused, never a 500", func(t *testing.T, c checker) {
			for q, want := range map[string]int{"municipality=%00": http.StatusBadRequest, "municipality=%FF%FE": http.StatusBadRequest,
				"municipality=" + strings.Repeat("x", 5000): http.StatusUnprocessableEntity} {
				r := linda.get(c, "/api/v1/leadtimes?"+q)
				if _, fields, _ := r.problem(c); r.status != want || !slices.Contains(fields, "municipality") {
					c.Errorf("%.40s: status %d, fields %v; want %d naming municipality", q, r.status, fields, want)
				}
			}
		})

		probe(t, tg, "script in every text field is escaped on the case page", func(t *testing.T, c checker) {
			const xss = `<script>alert("schakel")</script><img src=x onerror=alert(1)>`
			rep := report(7200)
			rep.Children[0].GivenNames, rep.Adults[0].FamilyName = xss, xss
			rep.Reporter.Name, rep.Reporter.Organisation, rep.Address, rep.Narrative = xss, xss, xss, xss
			r := sanne.postJSON(c, "/api/v1/reports", rep, nil)
			var f filed
			decode(c, r, &f)
			page := form.get(c, fmt.Sprintf("/casussen/%d", f.CaseID))
			if page.status != http.StatusOK || strings.Contains(page.body, "<script>alert") || strings.Contains(page.body, "<img src=x") ||
				!strings.Contains(page.body, "&lt;script&gt;alert") {
				c.Errorf("case page (status %d) does not escape what was typed", page.status)
			}
		})
	})
}
