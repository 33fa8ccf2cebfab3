package web

// The chain timeline in the JSON API (issue 5).

import (
	"fmt"
	"net/http"

	"schakel/internal/chain"
	"schakel/internal/storage"
)

func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	tl, err := s.db.Timeline(r.Context(), withEmergency(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, tl)
}

func (s *Server) apiRecordEvent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in storage.EventInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	e, err := s.db.RecordEvent(r.Context(), actor(r), id, in, storage.SourceAPI)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/cases/%d/timeline", id))
	writeJSON(w, http.StatusCreated, e)
}

func (s *Server) apiEventTypes(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"types": chain.Types(), "measures": chain.Measures(), "phases": chain.Phases()})
}
