package web

// Shared findings, safety scales and conversations in the JSON API.

import (
	"net/http"

	"schakel/internal/plan"
	"schakel/internal/storage"
)

func (s *Server) apiAddFinding(w http.ResponseWriter, r *http.Request) (any, error) {
	var in storage.FindingInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	f, err := s.db.AddFinding(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(f), nil
}

func (s *Server) apiSafetyScale(w http.ResponseWriter, r *http.Request) (any, error) {
	var in storage.ScaleInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	sc, err := s.db.AddSafetyScale(r.Context(), actor(r), id, in)
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
	c, err := s.db.AddConversation(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(c), nil
}
