package web

import (
	"net/http"

	"schakel/internal/app"
)

// apiCaseload is the caller's own caseload against the norm (GET
// /api/v1/caseload).
func (s *Server) apiCaseload(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.MyCaseload(r.Context(), actor(r))
}

// apiTeamCaseload is a team's board for its team lead (GET
// /api/v1/teams/{id}/caseload): every member's load against the norm.
func (s *Server) apiTeamCaseload(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.TeamCaseload(r.Context(), actor(r), id)
}

// apiCaseloadWeights shows the caseload weights of the caller's
// organisation (GET /api/v1/caseload/weights).
func (s *Server) apiCaseloadWeights(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.CaseloadWeights(r.Context(), actor(r))
}

// weightsInput is the body of PUT /api/v1/caseload/weights.
type weightsInput struct {
	Red          float64            `json:"red"`
	Orange       float64            `json:"orange"`
	Green        float64            `json:"green"`
	Unrated      float64            `json:"unrated"`
	SecondHolder float64            `json:"second_holder"`
	Measures     map[string]float64 `json:"measures"` // absent: the defaults
	Phases       map[string]float64 `json:"phases"`   // absent: the defaults
	Source       string             `json:"source"`
}

// apiSetCaseloadWeights sets them (team leads and administrators): 200
// with the weights in force.
func (s *Server) apiSetCaseloadWeights(w http.ResponseWriter, r *http.Request) (any, error) {
	var in weightsInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	return s.app.SetCaseloadWeights(r.Context(), actor(r), app.Weights{Red: in.Red, Orange: in.Orange, Green: in.Green,
		Unrated: in.Unrated, SecondHolder: in.SecondHolder, Measures: in.Measures, Phases: in.Phases, Source: in.Source})
}

// apiCaseloadNorms lists the caseload norm of every organisation kind in
// the caller's region (GET /api/v1/caseload/norms).
func (s *Server) apiCaseloadNorms(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.CaseloadNorms(r.Context(), actor(r))
}

// normInput is the body of PUT /api/v1/caseload/norms/{kind}.
type normInput struct {
	MeasuresPerFTE float64 `json:"measures_per_fte"`
	FullTimeHours  int     `json:"full_time_hours"`
	Source         string  `json:"source"`
}

// apiSetCaseloadNorm sets the norm of an organisation kind in the
// caller's region (administrators): 200 with the norm in force.
func (s *Server) apiSetCaseloadNorm(w http.ResponseWriter, r *http.Request) (any, error) {
	var in normInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	return s.app.SetCaseloadNorm(r.Context(), actor(r), r.PathValue("kind"), app.NormInput(in))
}

// apiCaseloadOverrides counts the region's assignments above the norm
// in the last twelve months, per organisation (GET
// /api/v1/caseload/overrides).
func (s *Server) apiCaseloadOverrides(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.CaseloadOverrides(r.Context(), actor(r))
}

// apiOrganisationCaseload is the organisation view for management (GET
// /api/v1/caseload/organisation): every team's load, the waiting list
// and the trend per week, no names.
func (s *Server) apiOrganisationCaseload(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.OrganisationCaseload(r.Context(), actor(r))
}
