package web

import (
	"encoding/json"
	"net/http"
)

func (s *Server) apiDrafts(w http.ResponseWriter, r *http.Request) (any, error) {
	ds, err := s.app.Drafts(r.Context(), actor(r))
	if err != nil {
		return nil, err
	}
	return map[string]any{"drafts": ds}, nil
}

func (s *Server) apiSaveDraft(w http.ResponseWriter, r *http.Request) (any, error) {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			return nil, err
		}
	}
	// A draft is saved as typed, valid or not: only well-formed JSON is required.
	var raw json.RawMessage
	if err := s.decodeJSON(w, r, &raw); err != nil {
		return nil, err
	}
	d, err := s.app.SaveDraft(r.Context(), actor(r), id, string(raw))
	if err != nil {
		return nil, err
	}
	st := http.StatusOK
	if id == 0 {
		st = http.StatusCreated
	}
	return withStatus(st, d), nil
}

func (s *Server) apiDraft(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	d, err := s.app.Draft(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	return d, nil
}

func (s *Server) apiDeleteDraft(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	if err := s.app.DeleteDraft(r.Context(), actor(r), id); err != nil {
		return nil, err
	}
	return noContent, nil
}
