package web_test

import (
	"strings"
	"testing"
	"time"

	"schakel/internal/browsertest"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestBrowserConsultationLocation plans an MDO on a phone (390 × 844):
// a phone number with letters comes back next to its field with what was
// typed, then the consultation page shows where it meets; both pages are
// axe-clean and never wider than the screen.
func TestBrowserConsultationLocation(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	res := ts.fileReport(t, vtIntake, true)
	ctx := browsertest.New(t)
	browsertest.Viewport(t, ctx, 390, 844)
	browserLogin(t, ctx, ts.URL, vtIntake)
	check := func(name, page string) {
		t.Helper()
		browsertest.Axe(t, ctx, page)
		if w := browsertest.ScrollWidth(t, ctx); w > 390 {
			t.Errorf("%s is %d px wide at 390 px: %v", page, w, browsertest.WidestElements(t, ctx, 390, 3))
		}
		browsertest.Screenshot(t, ctx, name)
	}
	browsertest.Navigate(t, ctx, ts.URL+"/casussen/"+itoa(res.CaseID)+"/overleggen/nieuw")
	at := ts.Clock.Now().Add(48 * time.Hour).In(workdays.Location()).Truncate(time.Hour)
	browsertest.Fill(t, ctx, "#consultation-scheduled_at", at.Format("2006-01-02T15:04"))
	browsertest.Check(t, ctx, "input[name=mode][value=phone]", true)
	browsertest.Fill(t, ctx, "#consultation-phone", "bel Sanne")
	browsertest.Fill(t, ctx, "#consultation-place", "Stadhuis, kamer 3")
	browsertest.Check(t, ctx, "input[name=professional_ids]", true)
	if st := browsertest.Submit(t, ctx, "form[action$='/overleggen'] button[type=submit]"); st != 422 {
		t.Fatalf("a phone number with letters: %d", st)
	}
	if got := browsertest.Text(t, ctx, "#consultation-phone-error"); !strings.Contains(got, "minstens 8 cijfers") {
		t.Fatalf("phone error %q", got)
	}
	check("consultation-location-01-error.png", "planning form with a wrong phone number")
	browsertest.Fill(t, ctx, "#consultation-phone", "+31 10 123 4567")
	if st := browsertest.Submit(t, ctx, "form[action$='/overleggen'] button[type=submit]"); st != 200 {
		t.Fatalf("plan: %d", st)
	}
	if got := browsertest.Text(t, ctx, "#waar"); !strings.Contains(got, "Telefonisch") || !strings.Contains(got, "Plaats: Stadhuis, kamer 3") {
		t.Fatalf("where: %q", got)
	}
	check("consultation-location-02-page.png", "consultation page with place and phone")
}
