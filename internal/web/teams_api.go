package web

import (
	"net/http"

	"schakel/internal/app"
)

// teamInput is the body of POST /api/v1/teams.
type teamInput struct {
	Name   string `json:"name"`
	LeadID int64  `json:"lead_id"`
}

// apiCreateTeam records a team of the caller's organisation: 201 with the
// team. Team leads and administrators of the organisation may.
func (s *Server) apiCreateTeam(w http.ResponseWriter, r *http.Request) (any, error) {
	var in teamInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	t, err := s.app.CreateTeam(r.Context(), actor(r), app.TeamInput{Name: in.Name, LeadID: in.LeadID})
	if err != nil {
		return nil, err
	}
	return created(t), nil
}

// memberInput is the body of POST /api/v1/teams/{id}/members.
type memberInput struct {
	ProfessionalID int64  `json:"professional_id"`
	HoursPerWeek   int    `json:"hours_per_week"`
	StartedOn      string `json:"started_on"`
}

// apiPutTeamMember adds a professional to a team or changes their hours:
// 200 with the team.
func (s *Server) apiPutTeamMember(w http.ResponseWriter, r *http.Request) (any, error) {
	var in memberInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.PutTeamMember(r.Context(), actor(r), id, app.MemberInput(in))
}
