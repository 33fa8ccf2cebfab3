package web

import "net/http"

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
