package web

import (
	"net/http"

	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// refuse audits a refusal that a screen decides before it reads anything
// (a page that is not for the actor's role or organisation) and returns
// the forbidden error to show. The refusal is the attempt's one entry.
func (s *Server) refuse(r *http.Request, resourceType, resourceID, message string) error {
	d := access.Decision{Allowed: false, Basis: audit.BasisNone, Reason: message}
	return s.db.Update(r.Context(), func(tx *storage.Tx) error {
		tx.AuditDecision(actor(r), d, audit.Entry{Event: audit.EventRead, ResourceType: resourceType, ResourceID: resourceID})
		return tx.Refuse(d)
	})
}
