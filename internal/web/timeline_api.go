package web

// The chain timeline in the JSON API (issue 5).

import (
	"fmt"
	"net/http"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/storage"
)

func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	tl, err := s.app.Timeline(r.Context(), withEmergency(r), id)
	if err != nil {
		return nil, err
	}
	return tl, nil
}

func (s *Server) apiRecordEvent(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	var in schakel.ChainEventInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	e, err := s.app.RecordEvent(r.Context(), actor(r), id, in, storage.SourceAPI)
	if err != nil {
		return nil, err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/cases/%d/timeline", id))
	return created(e), nil
}

func (s *Server) apiEventTypes(w http.ResponseWriter, r *http.Request) (any, error) {
	return map[string]any{"types": chain.Types(), "measures": chain.Measures(), "phases": chain.Phases()}, nil
}
