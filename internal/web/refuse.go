package web

import (
	"net/http"
)

// refuse audits a refusal that a screen decides before it reads anything
// (a page that is not for the actor's role or organisation) and returns
// the forbidden error to show. The refusal is the attempt's one entry.
func (s *Server) refuse(r *http.Request, resourceType, resourceID, message string) error {
	return s.app.Refuse(r.Context(), actor(r), resourceType, resourceID, message)
}
