package web_test

import (
	"strings"
	"testing"

	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// TestBrowserSupportTask walks support work through the screens, without
// JavaScript doing the work: Fatma asks for a home visit from the case
// (first with the address for papers, which is refused), Sam sees it in the team's list, picks it up,
// reads it with the address, gives a wrong number of hours and then marks
// it done; the team lead sees the hours on the team board. Every page is
// axe-clean and never scrolls sideways at desktop and phone size.
func TestBrowserSupportTask(t *testing.T) {
	f := newSupportFixture(t, storagetest.Engines()[0])
	ts := f.ts
	ctx := browsertest.New(t)

	browserLogin(t, ctx, ts.URL, jbCaseWorker)
	form := "/casussen/" + itoa(f.caseID) + "/ondersteuning"
	checkCaseloadPage(t, ctx, ts, form, "support_post")
	browsertest.Check(t, ctx, "#support-kind-1", true) // documents: no address needed
	browsertest.Fill(t, ctx, "#support-due_on", f.due)
	browsertest.Fill(t, ctx, "#support-brief", "Donderdag 14:00 mee naar moeder. Zij spreekt weinig Nederlands; neem rustig de tijd.")
	browsertest.Check(t, ctx, "#support-share_address", true)
	if st := browsertest.Submit(t, ctx, "form[action='"+form+"'] button[type=submit]"); st != 422 {
		t.Fatalf("the address for papers: status %d, want 422", st)
	}
	browsertest.WaitText(t, ctx, ".error-summary", "alleen mee bij een huisbezoek of vervoer")
	browsertest.Axe(t, ctx, form+" (error)")
	browsertest.Screenshot(t, ctx, "support_post_error.png")
	browsertest.Check(t, ctx, "#support-kind-0", true) // home visit
	if st := browsertest.Submit(t, ctx, "form[action='"+form+"'] button[type=submit]"); st != 200 {
		t.Fatalf("posting the task: status %d", st)
	}
	browsertest.WaitText(t, ctx, "[role=status]", "De taak staat klaar")
	checkCaseloadPage(t, ctx, ts, "/ondersteuning", "support_posted")
	browserLogout(t, ctx)

	browserLogin(t, ctx, ts.URL, "sam.steun@jb.example")
	checkCaseloadPage(t, ctx, ts, "/ondersteuning", "support_pool")
	if body := browsertest.Text(t, ctx, "main"); strings.Contains(body, "Donderdag 14:00") {
		t.Error("the team's list shows the brief before anyone picked the task up")
	}
	if st := browsertest.Submit(t, ctx, "form[action$='/oppakken'] button"); st != 200 {
		t.Fatalf("picking up: status %d", st)
	}
	browsertest.WaitText(t, ctx, "main", "Lindelaan 12")
	task := strings.TrimPrefix(strings.SplitN(browsertest.Location(t, ctx), "?", 2)[0], ts.URL)
	checkCaseloadPage(t, ctx, ts, task, "support_task")
	browsertest.Fill(t, ctx, "#done-hours_saved", "-1")
	if st := browsertest.Submit(t, ctx, "form[action$='/klaar'] button"); st != 422 {
		t.Fatalf("negative hours: status %d, want 422", st)
	}
	browsertest.WaitText(t, ctx, ".error-summary", "negatief")
	browsertest.Axe(t, ctx, task+" (error)")
	browsertest.Fill(t, ctx, "#done-hours_saved", "1,5")
	if st := browsertest.Submit(t, ctx, "form[action$='/klaar'] button"); st != 200 {
		t.Fatalf("done: status %d", st)
	}
	browsertest.WaitText(t, ctx, "[role=status]", "De taak is klaar")
	if st := browsertest.Navigate(t, ctx, ts.URL+task); st != 403 {
		t.Errorf("the task after it was done: status %d, want 403", st)
	}
	browserLogout(t, ctx)

	browserLogin(t, ctx, ts.URL, demo.Email("Erik", "jb"))
	checkCaseloadPage(t, ctx, ts, "/mijn-team", "support_team_board")
	browsertest.WaitText(t, ctx, "main", "1,5 uur bespaard")
	checkCaseloadPage(t, ctx, ts, "/organisatie/caseload", "support_organisation")
}
