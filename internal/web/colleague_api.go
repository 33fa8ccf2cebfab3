package web

import (
	"net/http"

	"schakel/internal/plan"
)

func (s *Server) apiAskColleague(w http.ResponseWriter, r *http.Request) {
	var in plan.RequestInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	req, err := s.db.AskColleague(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, req)
}

func (s *Server) apiAnswerColleague(accept bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		var in struct {
			Answer string `json:"answer"`
		}
		if err == nil {
			err = s.decodeOptionalJSON(w, r, &in)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		req, err := s.db.AnswerColleague(r.Context(), actor(r), id, accept, in.Answer)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, req)
	}
}
