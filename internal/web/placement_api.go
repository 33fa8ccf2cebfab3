package web

import (
	"net/http"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/prevention"
)

// The placement-prevention network and its reviews (issue 16) in the JSON API.

// networkInput is the body of PUT /api/v1/network/members/{id}.
type networkInput struct {
	Expertises []schakel.NetworkExpertise `json:"expertises"`
}

func (s *Server) apiNetwork(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.Network(r.Context(), actor(r))
}

func (s *Server) apiJoinNetwork(w http.ResponseWriter, r *http.Request) (any, error) {
	var in networkInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.JoinNetwork(r.Context(), actor(r), id, in.Expertises)
}

func (s *Server) apiLeaveNetwork(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	if err := s.app.LeaveNetwork(r.Context(), actor(r), id); err != nil {
		return nil, err
	}
	return noContent, nil
}

// considerInput is the body of POST /api/v1/cases/{id}/placement-reviews.
type considerInput struct {
	Reason    string `json:"reason"`
	Emergency bool   `json:"emergency"`
}

// apiConsiderPlacement records that a placement is considered: 200 with
// the case's open review (a new one, or the one already open).
func (s *Server) apiConsiderPlacement(w http.ResponseWriter, r *http.Request) (any, error) {
	var in considerInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	expected, err := expectedVersion(r, 0)
	if err != nil {
		return nil, err
	}
	return s.app.ConsiderPlacement(r.Context(), actor(r), id, app.ConsiderInput{Reason: in.Reason, Emergency: in.Emergency, Expected: expected})
}

func (s *Server) apiCaseReviews(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.CaseReviews(r.Context(), actor(r), id)
}

func (s *Server) apiPanelReviews(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.PanelReviews(r.Context(), actor(r))
}

func (s *Server) apiReviewExtract(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.Extract(r.Context(), actor(r), id)
}

// outcomeInput is the body of POST /api/v1/placement-reviews/{id}/outcome.
type outcomeInput struct {
	HeldAt            time.Time                   `json:"held_at"`
	Outcome           string                      `json:"outcome"`
	ChosenAlternative string                      `json:"chosen_alternative"`
	Note              string                      `json:"note"`
	NextReview        string                      `json:"next_review"`
	Alternatives      []schakel.ReviewAlternative `json:"alternatives"`
	Causes            []string                    `json:"causes"`
}

func (s *Server) apiReviewOutcome(w http.ResponseWriter, r *http.Request) (any, error) {
	var in outcomeInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.RecordReviewOutcome(r.Context(), actor(r), id, prevention.Outcome(in))
}

func (s *Server) apiReviewPatterns(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.ReviewPatterns(r.Context(), actor(r))
}

// checkInput is the body of POST /api/v1/placement-reviews/{id}/checks.
type checkInput struct {
	Months          int    `json:"months"`
	StayedHome      bool   `json:"stayed_home"`
	AlternativeHeld bool   `json:"alternative_held"`
	PlacedAfterAll  bool   `json:"placed_after_all"`
	Note            string `json:"note"`
}

func (s *Server) apiReviewCheck(w http.ResponseWriter, r *http.Request) (any, error) {
	var in checkInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	cs, err := s.app.RecordReviewCheck(r.Context(), actor(r), id, prevention.Check(in))
	if err != nil {
		return nil, err
	}
	return created(cs), nil
}

func (s *Server) apiReviewChecks(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.ReviewChecks(r.Context(), actor(r), id)
}

// shareInput is the body of POST /api/v1/placement-reviews/{id}/library.
type shareInput struct {
	Summary string `json:"summary"`
	Lessons string `json:"lessons"`
}

func (s *Server) apiShareReview(w http.ResponseWriter, r *http.Request) (any, error) {
	var in shareInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	e, err := s.app.ShareReview(r.Context(), actor(r), id, app.ShareInput(in))
	if err != nil {
		return nil, err
	}
	return created(e), nil
}

func (s *Server) apiLibrary(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.Library(r.Context(), actor(r))
}
