package web_test

import (
	"strings"
	"testing"
	"time"

	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestBrowserColleaguePoolFirstTakes walks a team's ask through the
// screens without JavaScript doing the work: Fatma asks her team who can
// join her (first with a moment in the past, which is refused at the
// field), Thomas sees it in his work list and accepts, Naima then finds it
// taken by Thomas, and Fatma sees who took it. Every page is axe-clean and
// never scrolls sideways at desktop and phone size.
func TestBrowserColleaguePoolFirstTakes(t *testing.T) {
	f := newAskFixture(t, storagetest.Engines()[0])
	ts := f.ts
	// Four people, five pages at three sizes each, with axe: longer than
	// the default minute on a busy machine.
	ctx := browsertest.NewWithTimeout(t, 5*time.Minute)

	browserLogin(t, ctx, ts.URL, jbCaseWorker)
	page := "/casussen/" + itoa(f.caseID) + "/collega-vragen"
	checkCaseloadPage(t, ctx, ts, page, "pool_ask")
	browsertest.Fill(t, ctx, "#teamjoin-at", ts.Clock.Now().Add(-2*time.Hour).In(workdays.Location()).Format("2006-01-02T15:04"))
	browsertest.Fill(t, ctx, "#teamjoin-place_kind", "home")
	browsertest.Fill(t, ctx, "#teamjoin-message", "Huisbezoek, vader kan boos worden.")
	if st := browsertest.Submit(t, ctx, "#meegaan form button[type=submit]"); st != 422 {
		t.Fatalf("a moment in the past: status %d, want 422", st)
	}
	browsertest.WaitText(t, ctx, ".error-summary", "al voorbij")
	browsertest.Axe(t, ctx, page+" (error)")
	browsertest.Screenshot(t, ctx, "pool_ask_error.png")
	browsertest.Fill(t, ctx, "#teamjoin-at", ts.Clock.Now().Add(50*time.Hour).In(workdays.Location()).Format("2006-01-02T15:04"))
	if st := browsertest.Submit(t, ctx, "#meegaan form button[type=submit]"); st != 200 {
		t.Fatalf("asking the team: status %d", st)
	}
	browsertest.WaitText(t, ctx, "[role=status]", "Uw vraag is verstuurd")
	browserLogout(t, ctx)

	browserLogin(t, ctx, ts.URL, demo.Email("Thomas", "jb"))
	checkCaseloadPage(t, ctx, ts, "/", "pool_worklist")
	browsertest.WaitText(t, ctx, "main", "vraagt het team: wie kan mee?")
	browsertest.Click(t, ctx, "a[href^='/werk/vragen/']")
	browsertest.WaitLocation(t, ctx, ts.URL+"/werk/vragen/")
	ask := strings.TrimPrefix(strings.SplitN(browsertest.Location(t, ctx), "?", 2)[0], ts.URL)
	checkCaseloadPage(t, ctx, ts, ask, "pool_open")
	if st := browsertest.Submit(t, ctx, "form[action$='/aannemen'] button"); st != 200 {
		t.Fatalf("accepting: status %d", st)
	}
	browsertest.WaitText(t, ctx, "[role=status]", "U gaat mee")
	browserLogout(t, ctx)

	browserLogin(t, ctx, ts.URL, demo.Email("Naima", "jb"))
	if body := browsertest.Text(t, ctx, "main"); strings.Contains(body, "wie kan mee?") {
		t.Error("Naima's work list still shows the ask Thomas took")
	}
	checkCaseloadPage(t, ctx, ts, ask, "pool_taken")
	browsertest.WaitText(t, ctx, "main", "Opgepakt door Thomas")
	if browsertest.Exists(t, ctx, "form[action$='/aannemen']") {
		t.Error("Naima can still accept an ask Thomas took")
	}
	browserLogout(t, ctx)

	browserLogin(t, ctx, ts.URL, jbCaseWorker)
	checkCaseloadPage(t, ctx, ts, "/", "pool_asker_home")
	browsertest.WaitText(t, ctx, "#gevraagd", "Opgepakt door Thomas")
	checkCaseloadPage(t, ctx, ts, page, "pool_asker_case")
	browsertest.WaitText(t, ctx, "#vragen", "Opgepakt door Thomas")
}
