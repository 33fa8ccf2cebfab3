package web

// Support work on request (issue 14, item 4) in the API.

import (
	"net/http"

	"schakel"
	"schakel/internal/supportwork"
)

func (s *Server) apiPostSupportTask(w http.ResponseWriter, r *http.Request) (any, error) {
	var in supportwork.TaskInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	t, err := s.app.PostSupportTask(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(t), nil
}

func (s *Server) apiSupportWork(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.MySupportWork(r.Context(), actor(r))
}

func (s *Server) apiSupportTask(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.SupportTask(r.Context(), actor(r), id)
}

// taskActFunc is one of the acts on a task without a body.
type taskActFunc func(s *Server, r *http.Request, id int64) (schakel.SupportTask, error)

var (
	claimTask taskActFunc = func(s *Server, r *http.Request, id int64) (schakel.SupportTask, error) {
		return s.app.ClaimSupportTask(r.Context(), actor(r), id)
	}
	handBackTask taskActFunc = func(s *Server, r *http.Request, id int64) (schakel.SupportTask, error) {
		return s.app.HandBackSupportTask(r.Context(), actor(r), id)
	}
	withdrawTask taskActFunc = func(s *Server, r *http.Request, id int64) (schakel.SupportTask, error) {
		return s.app.WithdrawSupportTask(r.Context(), actor(r), id)
	}
)

func (s *Server) apiTaskAct(act taskActFunc) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) (any, error) {
		id, err := pathID(r, "id")
		if err != nil {
			return nil, err
		}
		return act(s, r, id)
	}
}

func (s *Server) apiFinishSupportTask(w http.ResponseWriter, r *http.Request) (any, error) {
	var in struct {
		HoursSaved *float64 `json:"hours_saved"`
	}
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.FinishSupportTask(r.Context(), actor(r), id, in.HoursSaved)
}
