package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// TestPlacementReviewAPI walks the placement-prevention review through the
// API, each exchange validated against the OpenAPI document: members join
// the network, a case worker on the case considers a placement, the panel
// reads the extract and records the outcome; the wrong things come back
// with stable codes.
func TestPlacementReviewAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		f := ts.fileReport(t, vtIntake, true)
		for _, m := range []struct{ email, exp string }{
			{demo.Email("Kees", "samendoen"), "family_network"},
			{demo.Email("Yasmina", "blijf"), "trauma"},
		} {
			wantStatus(t, ts.Bearer(m.email).SendJSON("PUT", "/api/v1/network/members/"+itoa(ts.ProfessionalID(m.email)),
				map[string]any{"expertises": []string{m.exp}}), http.StatusOK)
		}
		kees := ts.Bearer(demo.Email("Kees", "samendoen"))
		r := kees.SendJSON("PUT", "/api/v1/network/members/"+itoa(ts.ProfessionalID(demo.Email("Rob", "schuldhulp"))), map[string]any{"expertises": []string{"debt"}})
		wantStatus(t, r, http.StatusForbidden)
		r = kees.SendJSON("PUT", "/api/v1/network/members/"+itoa(ts.ProfessionalID(demo.Email("Kees", "samendoen"))), map[string]any{"expertises": []string{}})
		wantStatus(t, r, http.StatusUnprocessableEntity)

		cases := "/api/v1/cases/" + itoa(f.CaseID) + "/placement-reviews"
		sanne := ts.Bearer(vtIntake)
		r = sanne.SendJSON("POST", cases, map[string]any{"reason": " "})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		r = sanne.SendJSON("POST", cases, map[string]any{"reason": "Moeder kan de veiligheid niet bieden."})
		wantStatus(t, r, http.StatusOK)
		var review schakel.PlacementReview
		r.JSON(t, &review)
		if len(review.Panel) != 2 {
			t.Fatalf("panel = %+v, want Kees and Yasmina", review.Panel)
		}
		r = kees.Get("/api/v1/placement-reviews")
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, `"id":`+itoa(review.ID)) {
			t.Errorf("Kees's panels: %s", r.Body)
		}
		r = kees.Get("/api/v1/placement-reviews/" + itoa(review.ID) + "/extract")
		wantStatus(t, r, http.StatusOK)
		wantStatus(t, ts.Bearer(demo.Email("Rob", "schuldhulp")).Get("/api/v1/placement-reviews/"+itoa(review.ID)+"/extract"), http.StatusForbidden)

		outcome := "/api/v1/placement-reviews/" + itoa(review.ID) + "/outcome"
		held := ts.Clock.Now().Format(time.RFC3339)
		r = kees.SendJSON("POST", outcome, map[string]any{"held_at": held, "outcome": "placement", "alternatives": []any{}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if p := r.Problem(t); len(p.Errors) == 0 || p.Errors[0].Field != "alternatives" {
			t.Errorf("an empty checklist: %+v", p.Errors)
		}
		var alts []map[string]any
		for _, k := range schakel.AlternativeKinds {
			alts = append(alts, map[string]any{"kind": k, "considered": true, "tried": k == schakel.AltIntensiveHome, "why_not": "Besproken; past niet."})
		}
		r = kees.SendJSON("POST", outcome, map[string]any{"held_at": held, "outcome": "placement_with_contact", "alternatives": alts, "causes": []string{"debts"}})
		wantStatus(t, r, http.StatusOK)
		wantStatus(t, kees.SendJSON("POST", outcome, map[string]any{"held_at": held, "outcome": "placement", "alternatives": alts}), http.StatusConflict)
		r = sanne.Get(cases)
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, `"placement_with_contact"`) {
			t.Errorf("the case's reviews: %s", r.Body)
		}
		// The library: a name of the family is refused, a clean entry is kept.
		library := "/api/v1/placement-reviews/" + itoa(review.ID) + "/library"
		r = kees.SendJSON("POST", library, map[string]any{"summary": "Familie Bench krijgt hulp van oma."})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Code != "identifying" {
			t.Errorf("a family name in the library: %+v", p.Errors)
		}
		wantStatus(t, kees.SendJSON("POST", library, map[string]any{"summary": "Meisje van 11 gaat naar oma; moeder eet mee op woensdag."}), http.StatusCreated)
		r = kees.Get("/api/v1/review-library")
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, "moeder eet mee") {
			t.Errorf("library: %s", r.Body)
		}
		// The checks: not before three months (less a week), then once.
		checks := "/api/v1/placement-reviews/" + itoa(review.ID) + "/checks"
		r = sanne.SendJSON("POST", checks, map[string]any{"months": 3, "stayed_home": false, "alternative_held": true})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		ts.Clock.Advance(92 * 24 * time.Hour)
		r = sanne.SendJSON("POST", checks, map[string]any{"months": 3, "alternative_held": true, "note": "Oma houdt het vol."})
		wantStatus(t, r, http.StatusCreated)
		wantStatus(t, sanne.SendJSON("POST", checks, map[string]any{"months": 3}), http.StatusConflict)
		wantStatus(t, sanne.Get(checks), http.StatusOK)
		r = sanne.Get("/api/v1/placement-reviews/patterns")
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.Body, "Bench") || !strings.Contains(r.Body, `"quarter"`) {
			t.Errorf("patterns: %s", r.Body)
		}
	})
}
