package web_test

import (
	"html"
	"net/http"
	"regexp"
	"testing"

	"schakel/internal/storage/storagetest"
)

// TestPersonAccessesPaging makes a person's access log longer than a page
// and walks it on both surfaces: the API hands out a cursor until the
// oldest entry, the screen links to "Oudere toegangen"; nothing is cut.
func TestPersonAccessesPaging(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		officerAPI := ts.Bearer(vtPrivacy).StepUp()
		pid := ts.fileReport(t, vtIntake, false).Case.Persons[0].ID
		path := "/api/v1/persons/" + itoa(pid) + "/accesses"
		type page struct {
			Entries    []auditEntryJSON `json:"entries"`
			NextBefore *int64           `json:"next_before"`
		}
		get := func(query string) page {
			t.Helper()
			var p page
			r := officerAPI.Get(path + query)
			wantStatus(t, r, http.StatusOK)
			r.JSON(t, &p)
			return p
		}
		// Every look is itself an access: 105 looks make the log longer
		// than the default page of 100.
		for range 105 {
			get("?limit=1")
		}
		all := get("?limit=500")
		if all.NextBefore != nil || len(all.Entries) <= 100 {
			t.Fatalf("all in one page: %d entries, next %v", len(all.Entries), all.NextBefore)
		}
		// The same entries, a default page at a time, from just above the
		// newest one listed.
		var walked []int64
		before := all.Entries[0].Seq + 1
		pages := 0
		for {
			p := get("?before=" + itoa(before))
			pages++
			for _, en := range p.Entries {
				walked = append(walked, en.Seq)
			}
			if p.NextBefore == nil {
				break
			}
			if len(p.Entries) != 100 || *p.NextBefore != p.Entries[len(p.Entries)-1].Seq {
				t.Fatalf("page %d: %d entries, next %d", pages, len(p.Entries), *p.NextBefore)
			}
			before = *p.NextBefore
			if pages > 5 {
				t.Fatal("paging does not end")
			}
		}
		if pages != 2 || len(walked) != len(all.Entries) {
			t.Fatalf("%d pages with %d entries, want 2 pages with all %d", pages, len(walked), len(all.Entries))
		}
		for i, en := range all.Entries {
			if walked[i] != en.Seq {
				t.Fatalf("entry %d: paged %d, want %d", i, walked[i], en.Seq)
			}
		}
		for _, q := range []string{"?limit=0", "?limit=501", "?before=x", "?before=-3"} {
			wantStatus(t, officerAPI.Get(path+q), http.StatusUnprocessableEntity)
		}

		// The screen: the newest page links to the older one, which says
		// that it holds the oldest entry.
		officer := ts.Login(vtPrivacy)
		first := officer.Get("/privacy/personen/" + itoa(pid))
		wantStatus(t, first, http.StatusOK)
		m := regexp.MustCompile(`href="([^"]*before=\d+[^"]*)"[^>]*>Eerdere keren</a>`).FindStringSubmatch(first.Body)
		if m == nil {
			t.Fatalf("no link to older accesses on a full page:\n%s", first.Body)
		}
		older := officer.Get(html.UnescapeString(m[1]))
		wantStatus(t, older, http.StatusOK)
		wantContains(t, older, "Naar de nieuwste keren", "Dit zijn de eerste keren.")
		if regexp.MustCompile(`>Eerdere keren</a>`).MatchString(older.Body) {
			t.Fatal("the oldest page links to older accesses")
		}
	})
}
