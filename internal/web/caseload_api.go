package web

import "net/http"

// apiCaseload is the caller's own caseload against the norm (GET
// /api/v1/caseload).
func (s *Server) apiCaseload(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.MyCaseload(r.Context(), actor(r))
}
