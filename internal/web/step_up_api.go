package web

// POST /api/v1/session/step-up: a session or API token shows a second
// factor again, so that risky acts (403 step_up_required without it) pass
// for the next 5 minutes.

import (
	"net/http"
)

const stepUpPath = "/api/v1/session/step-up"

// stepUpInput is the body of POST /api/v1/session/step-up.
type stepUpInput struct {
	Code string `json:"code"` // a code of the app, or a recovery code
}

func (s *Server) apiStepUp(w http.ResponseWriter, r *http.Request) (any, error) {
	var in stepUpInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	return s.app.StepUp(r.Context(), actor(r), credentialOf(r), in.Code)
}
