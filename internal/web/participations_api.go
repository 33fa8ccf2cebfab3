package web

// Organisations on a case in the JSON API: joining, roles, regie, exit,
// experts and the Raad's decision.

import (
	"net/http"

	"schakel/internal/plan"
	"schakel/internal/storage"
)

func (s *Server) apiDecision(w http.ResponseWriter, r *http.Request) {
	var in storage.DecisionInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	d, err := s.db.RecordDecision(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, d)
}

func (s *Server) apiAddParticipation(w http.ResponseWriter, r *http.Request) {
	var in storage.ParticipationInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	ps, err := s.db.AddParticipation(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"participations": ps})
}

func (s *Server) apiChangeRole(w http.ResponseWriter, r *http.Request) {
	var in plan.RoleChange
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	org, err := pathID(r, "organisation_id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ps, err := s.db.ChangeRole(r.Context(), actor(r), id, org, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"participations": ps})
}

func (s *Server) apiExit(w http.ResponseWriter, r *http.Request) {
	var in plan.ExitInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	org, err := pathID(r, "organisation_id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ev, err := s.db.ExitCase(r.Context(), actor(r), id, org, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ev)
}

func (s *Server) apiRegie(w http.ResponseWriter, r *http.Request) {
	var in plan.Handover
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	ps, err := s.db.HandoverRegie(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"participations": ps})
}

func (s *Server) apiAddExpert(w http.ResponseWriter, r *http.Request) {
	var in storage.ExpertInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	ex, err := s.db.AddExpert(r.Context(), actor(r), id, in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, ex)
}
