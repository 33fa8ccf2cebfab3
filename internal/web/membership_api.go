package web

// Membership that stays true, in the API: an organisation's review, its
// administrators' answers, and the interval between rounds.

import (
	"net/http"

	"schakel/internal/app"
)

func (s *Server) apiMembership(w http.ResponseWriter, r *http.Request) (any, error) {
	orgID, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.MembershipReview(r.Context(), actor(r), orgID)
}

func (s *Server) apiMarkMembership(w http.ResponseWriter, r *http.Request) (any, error) {
	var in app.MembershipMarks
	orgID, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	n, err := s.app.MarkMembership(r.Context(), actor(r), orgID, in)
	if err != nil {
		return nil, err
	}
	return map[string]int{"saved": n}, nil
}

func (s *Server) apiMembershipInterval(w http.ResponseWriter, r *http.Request) (any, error) {
	var in struct {
		Months int `json:"interval_months"`
	}
	orgID, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	if err := s.app.SetMembershipMonths(r.Context(), actor(r), orgID, in.Months); err != nil {
		return nil, err
	}
	return noContent, nil
}
