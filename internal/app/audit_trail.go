package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// ListAudit returns entries of the trail, newest first, for a privacy
// officer of the organisation the filter names. Looking at the trail is
// itself audited, a refused look too.
func (a *App) ListAudit(ctx context.Context, actor *schakel.Actor, f storage.AuditFilter) ([]audit.Entry, error) {
	var out []audit.Entry
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.Decide(access.SubjectOf(actor.Professional), access.AuditTrail, access.Read,
			access.Context{TargetOrganisationID: f.OrganisationID})
		detail := fmt.Sprintf("filter user=%d person=%d event=%s outcome=%s", f.UserID, f.PersonID, f.Event, f.Outcome)
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventSearch, ResourceType: "audit_trail",
			ResourceID: fmt.Sprint(f.OrganisationID), Detail: detail})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		var err error
		out, err = tx.AuditEntries(f)
		return err
	})
	return out, err
}
