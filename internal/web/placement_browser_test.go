package web_test

import (
	"testing"

	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// TestBrowserPlacementReview opens the review screens in Chromium as a
// panel member of the demo's De Vries review and as the jeugdbescherming
// worker who considered it, at desktop and phone widths: status 200, no
// sideways scrolling, axe-clean, a screenshot each.
func TestBrowserPlacementReview(t *testing.T) {
	ts, raw := startWalkServer(t, storagetest.Engines()[0])
	if err := demo.LoadCases(t.Context(), ts.DB, ts.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	review := itoa(queryInt(t, raw, "SELECT MIN(id) FROM placement_reviews"))
	member := queryInt(t, raw, "SELECT MIN(professional_id) FROM placement_review_panel WHERE review_id = "+review)
	vries := itoa(queryInt(t, raw, "SELECT case_id FROM placement_reviews WHERE id = "+review))
	pro, err := ts.DB.Professional(t.Context(), member)
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	browserLogin(t, ctx, ts.URL, pro.Email)
	checkCaseloadPage(t, ctx, ts, "/plaatsingstafels", "review_panels")
	checkCaseloadPage(t, ctx, ts, "/plaatsingstafels/"+review, "review_member")
	checkCaseloadPage(t, ctx, ts, "/netwerk", "review_network")
	checkCaseloadPage(t, ctx, ts, "/plaatsingstafels/patronen", "review_patterns")
	checkCaseloadPage(t, ctx, ts, "/plaatsingstafels/bibliotheek", "review_library")
	browserLogout(t, ctx)
	browserLogin(t, ctx, ts.URL, demo.Email("Fatma", "jb"))
	checkCaseloadPage(t, ctx, ts, "/casussen/"+vries+"/plaatsingstafel", "review_consider")
	checkCaseloadPage(t, ctx, ts, "/plaatsingstafels/"+review, "review_case_worker")
}
