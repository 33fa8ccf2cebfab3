package web

// The action plan in the JSON API (issue 4).

import (
	"net/http"

	"schakel/internal/plan"
)

func (s *Server) apiAddAction(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.ActionInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	v, err := expectedVersion(r, in.ExpectedVersion)
	if err != nil {
		return nil, err
	}
	in.ExpectedVersion = v
	a, err := s.app.AddAction(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(a), nil
}

func (s *Server) apiUpdateAction(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.ActionChange
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	aid, err := pathID(r, "action_id")
	if err == nil {
		in.Version, err = expectedVersion(r, in.Version)
	}
	if err != nil {
		return nil, err
	}
	a, err := s.app.UpdateAction(r.Context(), actor(r), id, aid, in)
	if err != nil {
		return nil, err
	}
	return a, nil
}

func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	p, err := s.app.Plan(r.Context(), withEmergency(r), id)
	if err != nil {
		return nil, err
	}
	etag(w, p.Version)
	return p, nil
}

func (s *Server) apiAgreePlan(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.AgreeInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	v, err := expectedVersion(r, in.Version)
	if err != nil {
		return nil, err
	}
	in.Version = v
	p, err := s.app.AgreePlan(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	etag(w, p.Version)
	return p, nil
}

func (s *Server) apiReviewPlan(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.ReviewInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	v, err := expectedVersion(r, in.Version)
	if err != nil {
		return nil, err
	}
	in.Version = v
	p, err := s.app.ReviewPlan(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	etag(w, p.Version)
	return created(p), nil
}
