package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// TestBrowserCaseload opens "Mijn caseload" of a case holder, the team
// board and the case holders page of a case at desktop and phone widths: axe-core finds nothing, the page never scrolls
// sideways, and on a phone the table's cells stack with their column's
// name before them.
func TestBrowserCaseload(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	caseID, _, lead := caseloadSetup(t, ts)
	r := lead.SendJSON("POST", "/api/v1/cases/"+itoa(caseID)+"/holders",
		map[string]any{"professional_id": ts.ProfessionalID(jbCaseWorker), "position": "first", "reason": "Nieuwe casus."})
	wantStatus(t, r, 200)

	ctx := browsertest.New(t)
	browserLogin(t, ctx, ts.URL, jbCaseWorker)
	checkCaseloadPage(t, ctx, ts, "/mijn-caseload", "caseload")
	browserLogout(t, ctx)
	browserLogin(t, ctx, ts.URL, demo.Email("Erik", "jb"))
	checkCaseloadPage(t, ctx, ts, "/mijn-team", "team_board")
	checkCaseloadPage(t, ctx, ts, "/casussen/"+itoa(caseID)+"/casushouders", "case_holders")
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
