package web

// Organisations on a case in the JSON API: joining, roles, regie, exit,
// experts and the Raad's decision.

import (
	"net/http"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/plan"
)

func (s *Server) apiDecision(w http.ResponseWriter, r *http.Request) (any, error) {
	var in app.DecisionInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	d, err := s.app.RecordDecision(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(d), nil
}

func (s *Server) apiAddParticipation(w http.ResponseWriter, r *http.Request) (any, error) {
	var in schakel.ParticipationInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	ps, err := s.app.AddParticipation(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(map[string]any{"participations": ps}), nil
}

func (s *Server) apiChangeRole(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.RoleChange
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	org, err := pathID(r, "organisation_id")
	if err != nil {
		return nil, err
	}
	ps, err := s.app.ChangeRole(r.Context(), actor(r), id, org, in)
	if err != nil {
		return nil, err
	}
	return map[string]any{"participations": ps}, nil
}

func (s *Server) apiExit(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.ExitInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	org, err := pathID(r, "organisation_id")
	if err != nil {
		return nil, err
	}
	ev, err := s.app.ExitCase(r.Context(), actor(r), id, org, in)
	if err != nil {
		return nil, err
	}
	return ev, nil
}

func (s *Server) apiRegie(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.Handover
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	ps, err := s.app.HandoverRegie(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return map[string]any{"participations": ps}, nil
}

func (s *Server) apiAddExpert(w http.ResponseWriter, r *http.Request) (any, error) {
	var in schakel.ExpertInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	ex, err := s.app.AddExpert(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(ex), nil
}
