package web_test

import (
	"testing"

	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// TestBrowserCareByNeed opens the care screens in Chromium with the demo's
// request on the De Vries case: the debt counsellor's inbox and answer
// page, the provider profile, and the jeugdbescherming worker's requests
// and comparison, at desktop and phone widths, axe-clean, a screenshot each.
func TestBrowserCareByNeed(t *testing.T) {
	ts, raw := startWalkServer(t, storagetest.Engines()[0])
	if err := demo.LoadCases(t.Context(), ts.DB, ts.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	req := itoa(queryInt(t, raw, "SELECT MIN(id) FROM care_requests"))
	vries := itoa(queryInt(t, raw, "SELECT case_id FROM care_requests WHERE id = "+req))
	ctx := browsertest.New(t)
	browserLogin(t, ctx, ts.URL, demo.Email("Ingrid", "schuldhulp"))
	checkCaseloadPage(t, ctx, ts, "/zorgvragen", "care_inbox")
	checkCaseloadPage(t, ctx, ts, "/zorgvragen/"+req+"/antwoorden", "care_answer")
	checkCaseloadPage(t, ctx, ts, "/beheer/aanbod", "care_profile")
	browserLogout(t, ctx)
	browserLogin(t, ctx, ts.URL, demo.Email("Fatma", "jb"))
	checkCaseloadPage(t, ctx, ts, "/casussen/"+vries+"/zorgvragen", "care_case")
	checkCaseloadPage(t, ctx, ts, "/zorgvragen/"+req, "care_compare")
}
