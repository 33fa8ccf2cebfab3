package web

// Shared findings, safety scales and conversations in the JSON API.

import (
	"net/http"

	"schakel/internal/plan"
	"schakel/internal/storage"
)

func (s *Server) apiAddFinding(w http.ResponseWriter, r *http.Request) {
	var in storage.FindingInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	f, err := s.db.AddFinding(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, f)
}

func (s *Server) apiSafetyScale(w http.ResponseWriter, r *http.Request) {
	var in storage.ScaleInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	sc, err := s.db.AddSafetyScale(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, sc)
}

func (s *Server) apiConversation(w http.ResponseWriter, r *http.Request) {
	var in plan.ConversationInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	c, err := s.db.AddConversation(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}
