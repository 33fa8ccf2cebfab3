package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestCareRequestAPI walks care by need through the API, each exchange
// validated against the OpenAPI document: a provider keeps its profile, a
// request reaches it, it reads the extract (no name) and answers, the
// coordinator compares and chooses; the wrong things come back with codes.
func TestCareRequestAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		f := ts.fileReport(t, vtIntake, true)
		frank := ts.Bearer(demo.Email("Frank", "kompas"))
		kompas := itoa(mustProfessional(t, ts, demo.Email("Frank", "kompas")).Organisation.ID)
		wantStatus(t, frank.SendJSON("PUT", "/api/v1/organisations/"+kompas+"/care-profile", map[string]any{"categories": []string{"trauma"},
			"languages": []string{"Nederlands", "Arabisch"}, "earliest_start": map[string]string{"trauma": "2027-01-11"}}), http.StatusOK)
		r := frank.SendJSON("PUT", "/api/v1/organisations/"+kompas+"/care-profile", map[string]any{"categories": []string{"astrologie"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantStatus(t, ts.Bearer(vtIntake).Get("/api/v1/care/profiles"), http.StatusOK)

		sanne := ts.Bearer(vtIntake)
		requests := "/api/v1/cases/" + itoa(f.CaseID) + "/care-requests"
		r = sanne.SendJSON("POST", requests, map[string]any{"needs": []any{}, "urgency": "weeks"})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		r = sanne.SendJSON("POST", requests, map[string]any{"urgency": "days", "needs": []map[string]any{{"category": "trauma", "text": "Bench-kind is bang."}}})
		wantStatus(t, r, http.StatusCreated)
		var req schakel.CareRequest
		r.JSON(t, &req)

		r = frank.Get("/api/v1/care-inbox")
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.Body, "Bench") || !strings.Contains(r.Body, `"request_id":`+itoa(req.ID)) {
			t.Errorf("Kompas's inbox: %s", r.Body)
		}
		wantStatus(t, ts.Bearer(demo.Email("Ingrid", "schuldhulp")).Get("/api/v1/care-requests/"+itoa(req.ID)+"/extract"), http.StatusForbidden)
		answer := "/api/v1/care-requests/" + itoa(req.ID) + "/answer"
		r = frank.SendJSON("POST", answer, map[string]any{"approach": "Thuis, elke week.", "earliest_start": "2020-01-01"})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		// In the provider's work list until it answers, with the deadline;
		// the coordinator's shows the request to choose from.
		item := "Zorgvraag " + itoa(req.ID) + " beantwoorden"
		if r := frank.Get("/api/v1/worklist?scope=mine"); !strings.Contains(r.Body, `"care_request_id":`+itoa(req.ID)) || !strings.Contains(r.Body, item) {
			t.Errorf("Kompas's work list has no request to answer: %s", r.Body)
		}
		if r := sanne.Get("/api/v1/worklist?scope=mine"); !strings.Contains(r.Body, `"kind":"care_choice"`) {
			t.Errorf("the coordinator's work list has no request: %s", r.Body)
		}
		counts := func() schakel.CareAnswerCount {
			t.Helper()
			var cs []schakel.CareAnswerCount
			r := sanne.Get("/api/v1/care/answer-counts")
			wantStatus(t, r, http.StatusOK)
			r.JSON(t, &cs)
			for _, c := range cs {
				if c.Organisation.Name == "Kompas Jeugdzorg" || strings.Contains(c.Organisation.Name, "Kompas") {
					return c
				}
			}
			t.Fatalf("no counts for Kompas: %s", r.Body)
			return schakel.CareAnswerCount{}
		}
		if c := counts(); c.Waiting != 1 || c.Overdue != 0 {
			t.Errorf("Kompas before the deadline: %+v", c)
		}
		// Past the deadline: the answer is late, and kept. The deadline
		// counts working days, so a fixed three days did not pass it for a
		// request made on a Thursday or Friday.
		if !req.Deadline.After(ts.Clock.Now()) {
			t.Fatalf("a new request's deadline %v is not ahead of %v", req.Deadline, ts.Clock.Now())
		}
		ts.Clock.Advance(req.Deadline.Sub(ts.Clock.Now()) + time.Hour)
		if r := frank.Get("/api/v1/worklist?scope=mine"); !strings.Contains(r.Body, "Herinnering: "+strings.ToLower(item[:1])+item[1:]) {
			t.Errorf("no reminder in Kompas's work list: %s", r.Body)
		}
		if c := counts(); c.Waiting != 0 || c.Overdue != 1 {
			t.Errorf("Kompas past the deadline: %+v", c)
		}
		start := ts.Clock.Now().AddDate(0, 0, 10).Format(time.DateOnly)
		wantStatus(t, frank.SendJSON("POST", answer, map[string]any{"approach": "Thuis, elke week.", "earliest_start": start}), http.StatusCreated)
		wantStatus(t, frank.SendJSON("POST", answer, map[string]any{"no_capacity": true, "expected_room": start}), http.StatusConflict)
		if c := counts(); c.Answered != 1 || c.Late != 1 || c.Overdue != 0 {
			t.Errorf("Kompas after its late answer: %+v", c)
		}
		if r := frank.Get("/api/v1/worklist?scope=mine"); strings.Contains(r.Body, `"kind":"care_request"`) {
			t.Errorf("an answered request stays in the work list: %s", r.Body)
		}

		r = sanne.Get("/api/v1/care-requests/" + itoa(req.ID))
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, `"late":true`) {
			t.Errorf("a late answer is not marked: %s", r.Body)
		}
		choose := "/api/v1/care-requests/" + itoa(req.ID) + "/choose"
		wantStatus(t, sanne.SendJSON("POST", choose, map[string]any{"organisation_id": f.Case.ID + 999}), http.StatusUnprocessableEntity)
		wantStatus(t, sanne.SendJSON("POST", choose, map[string]any{"organisation_id": mustProfessional(t, ts, demo.Email("Frank", "kompas")).Organisation.ID}), http.StatusOK)
		wantStatus(t, frank.Get("/api/v1/cases/"+itoa(f.CaseID)), http.StatusOK)
		wantStatus(t, sanne.Get(requests), http.StatusOK)

		// The chosen provider records the start (JW305) and end (JW307).
		progress := "/api/v1/care-requests/" + itoa(req.ID)
		today := ts.Clock.Now().In(workdays.Location()).Format(time.DateOnly)
		wantStatus(t, sanne.SendJSON("POST", progress+"/start", map[string]any{"date": today}), http.StatusForbidden)
		wantStatus(t, frank.SendJSON("POST", progress+"/end", map[string]any{"date": today, "reason": "as_planned"}), http.StatusUnprocessableEntity)
		wantStatus(t, frank.SendJSON("POST", progress+"/start", map[string]any{"date": "2020-01-01"}), http.StatusUnprocessableEntity)
		wantStatus(t, frank.SendJSON("POST", progress+"/start", map[string]any{"date": today}), http.StatusOK)
		r = frank.SendJSON("POST", progress+"/end", map[string]any{"date": today, "reason": "early_family"})
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, `"end_reason":"early_family"`) {
			t.Errorf("the end is not recorded: %s", r.Body)
		}
		// The waiting-time dashboard: one request, so its figures are withheld.
		r = ts.Bearer(demo.Email("Linda", "vt")).Get("/api/v1/care/waiting-times")
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, `"category":"trauma","municipality":"","requests":1,"suppressed":true`) || strings.Contains(r.Body, `"median_days":0`) {
			t.Errorf("waiting times: %s", r.Body)
		}
		wantStatus(t, sanne.Get("/api/v1/care/waiting-times?from=2026-13-01"), http.StatusUnprocessableEntity)
		// The chain dashboard holds the same and more: Kompas's one request with
		// its times withheld, the live index and the norm after a measure.
		r = ts.Bearer(demo.Email("Linda", "vt")).Get("/api/v1/dashboard")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `"received":1,"answered":1,"answered_late":1,"no_capacity":0,"chosen":1,"started":1,"suppressed":true`,
			`"category":"trauma","municipality":"","providers":`, `"help_after_measure":{"measures":`)
		r = sanne.Get("/api/v1/cases/" + itoa(f.CaseID) + "/timeline")
		wantStatus(t, r, http.StatusOK)
		for _, typ := range []string{"care_requested", "care_answered", "care_allocated", "care_started", "care_ended"} {
			if !strings.Contains(r.Body, `"type":"`+typ+`"`) {
				t.Errorf("the timeline has no %s event", typ)
			}
		}
	})
}
