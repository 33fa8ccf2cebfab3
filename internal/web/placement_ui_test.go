package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestPlacementReviewScreens does the review as its users would, without
// JavaScript: a network member joins on /netwerk, the intake worker
// considers a placement from the case (first with an empty reason), the
// panel member reads the review without the family's name and records the
// outcome (first with a reason missing in the checklist, which comes back
// next to its row with everything typed kept).
func TestPlacementReviewScreens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		f := ts.fileReport(t, vtIntake, true)
		kees := ts.Login(demo.Email("Kees", "samendoen"))
		wantStatus(t, kees.PostForm("/netwerk", url.Values{"expertises": {"family_network", "trauma"}}), http.StatusSeeOther)
		if r := kees.Get("/netwerk?ok=netwerk"); !strings.Contains(r.Body, "U staat in het netwerk") || !strings.Contains(r.Body, "Familie en netwerk") {
			t.Errorf("the network page after joining:\n%s", r.Body)
		}

		sanne := ts.Login(vtIntake)
		consider := "/casussen/" + itoa(f.CaseID) + "/plaatsingstafel"
		r := sanne.PostForm(consider, url.Values{"reason": {"  "}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "Schrijf op waarom een uithuisplaatsing wordt overwogen.") {
			t.Errorf("no error at the reason:\n%s", r.Body)
		}
		r = sanne.PostForm(consider, url.Values{"reason": {"Moeder kan de veiligheid nu niet bieden."}})
		wantStatus(t, r, http.StatusSeeOther)
		review := strings.SplitN(r.Header.Get("Location"), "?", 2)[0]

		page := kees.Get(review)
		wantStatus(t, page, http.StatusOK)
		if strings.Contains(page.Body, "Bench") || !strings.Contains(page.Body, "Kind") {
			t.Errorf("the review page shows the family name or not the child's first name:\n%s", page.Body)
		}
		form := url.Values{"held_at": {ts.Clock.Now().In(workdays.Location()).Format("2006-01-02T15:04")}, "outcome": {schakel.OutcomePlacementWithContact},
			"causes": {schakel.CauseDebts}, "note": {"Oma komt elke woensdag eten."}}
		for _, k := range schakel.AlternativeKinds {
			form.Set("considered_"+k, "1")
			form.Set("why_not_"+k, "Besproken, past nu niet.")
		}
		form.Set("why_not_"+schakel.AltSchool, "")
		r = kees.PostForm(review+"/uitkomst", form)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, `id="outcome-why_not_school-error"`) || !strings.Contains(r.Body, "Oma komt elke woensdag eten.") {
			t.Errorf("the missing reason is not at its row, or the note was lost:\n%s", r.Body)
		}
		form.Set("why_not_"+schakel.AltSchool, "School helpt al; geen verschil.")
		wantStatus(t, kees.PostForm(review+"/uitkomst", form), http.StatusSeeOther)
		if r := sanne.Get(review); !strings.Contains(r.Body, "Uithuisplaatsing met afspraken over contact") {
			t.Errorf("the held review:\n%s", r.Body)
		}
		// Sharing with the child's first name comes back with the text kept.
		r = kees.PostForm(review+"/delen", url.Values{"summary": {"Kind gaat naar oma."}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "Haal weg wat het gezin herkenbaar maakt") || !strings.Contains(r.Body, "Kind gaat naar oma.") {
			t.Errorf("the refused library entry:\n%s", r.Body)
		}
		wantStatus(t, kees.PostForm(review+"/delen", url.Values{"summary": {"Meisje gaat naar oma."}}), http.StatusSeeOther)
		if r := kees.Get("/plaatsingstafels/bibliotheek"); !strings.Contains(r.Body, "Meisje gaat naar oma.") {
			t.Errorf("the library:\n%s", r.Body)
		}
		if r := ts.Login(demo.Email("Rob", "schuldhulp")).Get(review); r.StatusCode != http.StatusForbidden {
			t.Errorf("someone off the panel and the case: %d", r.StatusCode)
		}
	})
}
