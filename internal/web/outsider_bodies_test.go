package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// readVersion reads the case's current version from the plan's ETag, so
// that the walk's writes are refused for who sends them, not for a stale
// version.
func (w *walkCase) readVersion(t *testing.T) {
	t.Helper()
	r := w.sanne.Get("/api/v1/cases/" + itoa(w.caseID) + "/plan")
	v, err := strconv.ParseInt(strings.Trim(r.Header.Get("ETag"), `"`), 10, 64)
	if err != nil {
		t.Fatalf("plan version %q: %v", r.Header.Get("ETag"), err)
	}
	w.version = v
}

// apiBody is a plausible JSON body for an API route: what someone on the
// case would send. Routes without one get {} (a new route still gets
// walked; a refusal must come before checking the input).
func (w *walkCase) apiBody(ts *testServer, o walkOutsider, route string) map[string]any {
	now := ts.Clock.Now()
	later := func(h int) string {
		return now.Add(time.Duration(h) * time.Hour).Truncate(time.Hour).Format(time.RFC3339)
	}
	reason := "Buitenstaander probeert de casus te bereiken."
	switch strings.TrimPrefix(route, "POST ") {
	case "/api/v1/organisations":
		return map[string]any{"name": "Club van " + o.name, "kind": "wijkteam"}
	case "/api/v1/professionals":
		return map[string]any{"organisation_id": w.jbOrgID, "email": o.name + ".indringer@buiten.example", "name": "Indringer",
			"team": "Zuid", "phone": "010-1111111", "roles": []string{"case_worker"}, "password": "een-lang-wachtwoord-123"}
	case "/api/v1/roster":
		return map[string]any{"professional_id": w.insiderID, "start": later(1), "end": later(9)}
	case "/api/v1/reports":
		rep := walkReport("")
		rep["children"] = []any{map[string]any{"given_names": "Anders", "family_name": "Gezin", "birth_date": "2017-02-03", "relation": "child"}}
		rep["adults"] = []any{}
		rep["address"], rep["postcode"], rep["narrative"] = "Andere straat 1", "3011 AA", "Een ander gezin."
		rep["reporter"] = map[string]any{"kind": "police", "name": "Agent Anders"}
		return rep
	case "/api/v1/consultations/{id}/table/remove-need":
		return map[string]any{"need": "organisation:politie", "reason": reason}
	case "/api/v1/consultations/{id}/table/add-person":
		return map[string]any{"professional_id": o.id, "reason": reason}
	case "/api/v1/cases/{id}/rating":
		return map[string]any{"color": "green", "reason": reason, "version": w.version}
	case "/api/v1/cases/{id}/ratings/{rating_id}/second":
		return map[string]any{"approve": true}
	case "/api/v1/drafts":
		return map[string]any{"narrative": "Eigen concept"}
	case "/api/v1/cases/{id}/events":
		return map[string]any{"type": "help_started", "at": now.Add(-time.Minute).Format(time.RFC3339)}
	case "/api/v1/cases/{id}/cohorts":
		return map[string]any{"cohort_id": w.cohortID}
	case "/api/v1/cohorts":
		return map[string]any{"name": "Cohort van " + o.name, "kind": "cohort"}
	case "/api/v1/teams":
		return map[string]any{"name": "Team van " + o.name}
	case "/api/v1/teams/{id}/members":
		return map[string]any{"professional_id": o.id, "hours_per_week": 36}
	case "/api/v1/cases/{id}/holders":
		return map[string]any{"professional_id": o.id, "position": "first", "reason": reason}
	case "/api/v1/cases/{id}/holders/{position}/end":
		return map[string]any{"reason": reason}
	case "/api/v1/cases/{id}/actions":
		return map[string]any{"title": "Actie van buiten", "owner_organisation_id": o.orgID, "owner_professional_id": o.id,
			"due_date": today(ts, 5), "kind": "task", "for": "child", "version": w.version}
	case "/api/v1/cases/{id}/plan/agree":
		return map[string]any{"consultation_id": w.consultID, "review_date": today(ts, 42), "version": w.version}
	case "/api/v1/cases/{id}/plan/reviews":
		return map[string]any{"checked": "x", "changed": "y", "why": "z", "next_review_date": today(ts, 60), "version": w.version}
	case "/api/v1/cases/{id}/findings":
		return map[string]any{"column": "worries", "text": "Bevinding van buiten"}
	case "/api/v1/cases/{id}/safety-scale":
		return map[string]any{"value": 5, "reason": reason}
	case "/api/v1/cases/{id}/conversations":
		return map[string]any{"held_at": now.Add(-time.Hour).Format(time.RFC3339), "joint": false, "professional_ids": []int64{o.id},
			"person_ids": []int64{w.childID}, "others": "", "summary": "Gesprek van buiten"}
	case "/api/v1/cases/{id}/decisions":
		return map[string]any{"kind": "investigate_measure", "reason": reason}
	case "/api/v1/cases/{id}/participations":
		return map[string]any{"organisation_id": o.orgID, "role": "uitvoering", "contact_professional_id": o.id, "reason": reason}
	case "/api/v1/cases/{id}/participations/{organisation_id}/role":
		return map[string]any{"role": "advies", "reason": reason}
	case "/api/v1/cases/{id}/participations/{organisation_id}/exit":
		return map[string]any{"handover": "Overdracht", "next_steps": "Niets"}
	case "/api/v1/cases/{id}/regie":
		return map[string]any{"organisation_id": o.orgID, "reason": reason}
	case "/api/v1/cases/{id}/experts":
		return map[string]any{"professional_id": o.id, "reason": reason}
	case "/api/v1/cases/{id}/consultations":
		return map[string]any{"kind": "mdo", "scheduled_at": later(96), "title": "MDO", "agenda": []string{"Veiligheid"},
			"invite": map[string]any{"professional_ids": []int64{o.id}}}
	case "/api/v1/cases/{id}/colleague-requests":
		return map[string]any{"to_professional_id": w.insiderID, "kind": "think_along", "at": later(96), "message": "Denk je mee?"}
	case "/api/v1/consultations/{id}/attendance":
		return map[string]any{"present": []int64{o.id}}
	case "/api/v1/consultations/{id}/agenda":
		return map[string]any{"text": "Rondvraag"}
	case "/api/v1/consultations/{id}/participants":
		return map[string]any{"professional_ids": []int64{o.id}, "reason": reason}
	case "/api/v1/consultations/{id}/move":
		return map[string]any{"scheduled_at": later(120), "reason": reason}
	case "/api/v1/consultations/{id}/cancel":
		return map[string]any{"reason": reason}
	case "/api/v1/consultations/{id}/location":
		return map[string]any{"mode": "online", "video_url": "https://meet.example.nl/buiten"}
	case "/api/v1/colleague-requests/{id}/accept", "/api/v1/colleague-requests/{id}/decline":
		return map[string]any{"answer": "Ja"}
	case "PATCH /api/v1/professionals/{id}":
		return map[string]any{"name": "Mohamed Anders"}
	case "PUT /api/v1/cases/{id}/actions/{action_id}/family-text":
		return map[string]any{"family_text": "Een buitenstaander schreef dit."}
	case "/api/v1/cases/{id}/actions/{action_id}/marks":
		return map[string]any{"person_id": w.childID, "kind": "withhold"}
	case "/api/v1/cases/{id}/family-summary/confirm":
		return map[string]any{"person_id": 0, "digest": "0123456789abcdef"}
	case "PATCH /api/v1/cases/{id}/actions/{action_id}":
		return map[string]any{"status": "done", "version": w.version}
	case "PUT /api/v1/cases/{id}/marks/{mark_id}":
		return map[string]any{"person_id": w.childID, "kind": "withhold"}
	case "PUT /api/v1/drafts/{id}":
		return map[string]any{"narrative": "Overschreven door een buitenstaander"}
	case "PUT /api/v1/caseload/weights":
		return map[string]any{"red": 1, "orange": 1, "green": 1, "unrated": 1, "second_holder": 0.5, "source": reason}
	case "/api/v1/professionals/{id}/handover":
		return map[string]any{"to": w.insiderID, "reason": reason}
	case "PUT /api/v1/caseload/norms/{kind}":
		return map[string]any{"measures_per_fte": 20, "full_time_hours": 36, "source": reason}
	case "PUT /api/v1/norms/{id}":
		return w.norm
	}
	return nil
}
