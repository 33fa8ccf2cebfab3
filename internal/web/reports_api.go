package web

// Filing a report (melding) and the form's choices in the JSON API.

import (
	"fmt"
	"net/http"
	"strings"

	"schakel"
	"schakel/internal/crisismeter"
	"schakel/internal/intake"
)

// emergencyHeader claims emergency access in the API, with its reason.
const emergencyHeader = "Schakel-Emergency-Reason"

// withEmergency applies an explicit emergency-access claim from the
// request header to the actor (audited as such by storage).
func withEmergency(r *http.Request) *schakel.Actor {
	a := *actor(r)
	if reason := strings.TrimSpace(r.Header.Get(emergencyHeader)); reason != "" {
		a.EmergencyReason = reason
	}
	return &a
}

func (s *Server) apiCreateReport(w http.ResponseWriter, r *http.Request) (any, error) {
	var in intake.Report
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	key := strings.TrimSpace(r.Header.Get("Idempotency-Key")) // its text and length are checked by textGuard
	res, err := s.app.CreateReport(r.Context(), actor(r), in, key)
	if err != nil {
		return nil, err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/cases/%d", res.CaseID))
	if res.Replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	return created(res), nil
}

func (s *Server) apiIntakeForm(w http.ResponseWriter, r *http.Request) (any, error) {
	return map[string]any{
		"version":           intake.FormVersion,
		"reporter_kinds":    intake.ReporterKinds,
		"concerns":          intake.Concerns,
		"child_relations":   intake.ChildRelations,
		"adult_relations":   intake.AdultRelations,
		"finance_questions": intake.FinanceQuestions,
		"finance_answers":   intake.FinanceAnswers,
		"indicators":        crisismeter.Indicators(),
	}, nil
}
