package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"schakel/internal/app"
	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// TestBrowserCaseload opens "Mijn caseload" and the hand-over form of a
// case holder, and as the team lead the team board, the case holders page
// of a case, the team screens, the hand-over form, the override count and
// the organisation view,
// at desktop and phone widths: axe-core finds nothing, the page never scrolls
// sideways, and on a phone the table's cells stack with their column's
// name before them.
func TestBrowserCaseload(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	caseID, teamID, lead := caseloadSetup(t, ts)
	r := lead.SendJSON("POST", "/api/v1/cases/"+itoa(caseID)+"/holders",
		map[string]any{"professional_id": ts.ProfessionalID(jbCaseWorker), "position": "first", "reason": "Nieuwe casus."})
	wantStatus(t, r, 200)

	// Two teams and a recorded week, for the trend and the organisation view.
	wantStatus(t, lead.SendJSON("POST", "/api/v1/teams", map[string]any{"name": "Team Noord"}), 201)
	if _, err := app.New(ts.DB).RecordCaseloadWeek(t.Context()); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	browserLogin(t, ctx, ts.URL, jbCaseWorker)
	checkCaseloadPage(t, ctx, ts, "/mijn-caseload", "caseload")
	fatma := itoa(ts.ProfessionalID(jbCaseWorker))
	checkCaseloadPage(t, ctx, ts, "/medewerkers/"+fatma+"/overdragen", "handover_worker")
	browserLogout(t, ctx)
	browserLogin(t, ctx, ts.URL, demo.Email("Erik", "jb"))
	checkCaseloadPage(t, ctx, ts, "/mijn-team", "team_board")
	checkCaseloadPage(t, ctx, ts, "/casussen/"+itoa(caseID)+"/casushouders", "case_holders")
	checkCaseloadPage(t, ctx, ts, "/beheer/teams", "teams")
	checkCaseloadPage(t, ctx, ts, "/beheer/teams/"+itoa(teamID), "team")
	checkCaseloadPage(t, ctx, ts, "/medewerkers/"+fatma+"/overdragen", "handover_lead")
	checkCaseloadPage(t, ctx, ts, "/caseload/boven-de-norm", "overrides")
	checkCaseloadPage(t, ctx, ts, "/organisatie/caseload", "organisation")
}

// checkCaseloadPage opens a page at every screen size: status 200, no
// sideways scrolling, axe-clean, a screenshot.
func checkCaseloadPage(t *testing.T, ctx context.Context, ts *testServer, path, shot string) {
	t.Helper()
	for _, size := range screenSizes {
		browsertest.Viewport(t, ctx, size.width, size.height)
		if st := browsertest.Navigate(t, ctx, ts.URL+path); st != 200 {
			t.Fatalf("%s: status %d", size.name, st)
		}
		if w := browsertest.ScrollWidth(t, ctx); w > size.width {
			t.Errorf("%s: the page is %d px wide at %d px: %s", size.name, w, size.width, strings.Join(browsertest.WidestElements(t, ctx, size.width, 4), ", "))
		}
		browsertest.Axe(t, ctx, path+" ("+size.name+")")
		browsertest.Screenshot(t, ctx, fmt.Sprintf("%s_%s.png", shot, size.name))
	}
}
