package web

import (
	"encoding/json"
	"net/http"
)

func (s *Server) apiDrafts(w http.ResponseWriter, r *http.Request) {
	ds, err := s.db.Drafts(r.Context(), actor(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"drafts": ds})
}

func (s *Server) apiSaveDraft(w http.ResponseWriter, r *http.Request) {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			s.apiError(w, r, err)
			return
		}
	}
	// A draft is saved as typed, valid or not: only well-formed JSON is required.
	var raw json.RawMessage
	if err := s.decodeJSON(w, r, &raw); err != nil {
		s.apiError(w, r, err)
		return
	}
	d, err := s.db.SaveDraft(r.Context(), actor(r), id, string(raw))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	st := http.StatusOK
	if id == 0 {
		st = http.StatusCreated
	}
	writeJSON(w, st, d)
}

func (s *Server) apiDraft(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	d, err := s.db.Draft(r.Context(), actor(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func (s *Server) apiDeleteDraft(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.db.DeleteDraft(r.Context(), actor(r), id); err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
