package web

// Shared findings, safety scales and conversations in the JSON API.

import (
	"net/http"

	"schakel/internal/app"
	"schakel/internal/plan"
)

func (s *Server) apiAddFinding(w http.ResponseWriter, r *http.Request) (any, error) {
	var in app.FindingInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	f, err := s.app.AddFinding(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(f), nil
}

func (s *Server) apiSafetyScale(w http.ResponseWriter, r *http.Request) (any, error) {
	var in app.ScaleInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	sc, err := s.app.AddSafetyScale(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(sc), nil
}

func (s *Server) apiConversation(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.ConversationInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	c, err := s.app.AddConversation(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(c), nil
}
