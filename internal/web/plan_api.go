package web

// The action plan in the JSON API (issue 4).

import (
	"net/http"

	"schakel/internal/plan"
)

func (s *Server) apiAddAction(w http.ResponseWriter, r *http.Request) {
	var in plan.ActionInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	v, err := expectedVersion(r, in.ExpectedVersion)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	in.ExpectedVersion = v
	a, err := s.db.AddAction(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, a)
}

func (s *Server) apiUpdateAction(w http.ResponseWriter, r *http.Request) {
	var in plan.ActionChange
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	aid, err := pathID(r, "action_id")
	if err == nil {
		in.Version, err = expectedVersion(r, in.Version)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	a, err := s.db.UpdateAction(r.Context(), actor(r), id, aid, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.db.Plan(r.Context(), withEmergency(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	etag(w, p.Version)
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiAgreePlan(w http.ResponseWriter, r *http.Request) {
	var in plan.AgreeInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	v, err := expectedVersion(r, in.Version)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	in.Version = v
	p, err := s.db.AgreePlan(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	etag(w, p.Version)
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiReviewPlan(w http.ResponseWriter, r *http.Request) {
	var in plan.ReviewInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	v, err := expectedVersion(r, in.Version)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	in.Version = v
	p, err := s.db.ReviewPlan(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	etag(w, p.Version)
	writeJSON(w, http.StatusCreated, p)
}
