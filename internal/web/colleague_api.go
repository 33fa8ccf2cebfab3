package web

import (
	"net/http"

	"schakel/internal/plan"
)

func (s *Server) apiAskColleague(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.RequestInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	req, err := s.app.AskColleague(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(req), nil
}

func (s *Server) apiAnswerColleague(accept bool) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) (any, error) {
		id, err := pathID(r, "id")
		var in struct {
			Answer string `json:"answer"`
		}
		if err == nil {
			err = s.decodeOptionalJSON(w, r, &in)
		}
		if err != nil {
			return nil, err
		}
		req, err := s.app.AnswerColleague(r.Context(), actor(r), id, accept, in.Answer)
		if err != nil {
			return nil, err
		}
		return req, nil
	}
}
