package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestCourtPetitionWaitsForTheReview: a petition for a placement
// authorisation without a held review is refused in the API (409,
// placement_review: review_required, validated against the OpenAPI
// document) and on the timeline screen (the message names the next step,
// links to the case's review and keeps what was typed); marked urgent it
// is recorded and the review is opened.
func TestCourtPetitionWaitsForTheReview(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		f := ts.fileReport(t, vtIntake, true)
		today := ts.Clock.Now().In(workdays.Location()).Format("2006-01-02")
		events := "/api/v1/cases/" + itoa(f.CaseID) + "/events"
		petition := map[string]any{"type": "court_petition", "at": today, "details": map[string]any{"measure": "placement_authorisation"}}
		r := ts.Bearer(vtIntake).SendJSON("POST", events, petition)
		wantStatus(t, r, http.StatusConflict)
		if p := r.Problem(t); p.Code != "conflict" || len(p.Errors) != 1 || p.Errors[0].Field != "placement_review" || p.Errors[0].Code != "review_required" {
			t.Errorf("refusal = %+v", p)
		}

		sanne := ts.Login(vtIntake)
		timeline := "/casussen/" + itoa(f.CaseID) + "/tijdlijn"
		form := url.Values{"type": {"court_petition"}, "date": {today}, "measure": {"placement_authorisation"}}
		r = sanne.PostForm(timeline, form)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		for _, want := range []string{"Er is nog geen plaatsingstafel geweest", `href="/casussen/` + itoa(f.CaseID) + `/plaatsingstafel"`, `value="placement_authorisation" selected`} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("the refused petition lacks %q:\n%s", want, r.Body)
			}
		}
		form.Set("urgent", "1")
		wantStatus(t, sanne.PostForm(timeline, form), http.StatusSeeOther)
		if r := sanne.Get(timeline); !strings.Contains(r.Body, "Machtiging uithuisplaatsing, spoed") {
			t.Errorf("the timeline does not show the urgent petition:\n%s", r.Body)
		}
		r = ts.Bearer(vtIntake).Get("/api/v1/cases/" + itoa(f.CaseID) + "/placement-reviews")
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, `"emergency":true`) {
			t.Errorf("no review opened after the urgent petition: %s", r.Body)
		}
	})
}
