package app

import (
	"context"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// Now is the database's clock (in the zone it gives), which tests move
// for every use case at once.
func (a *App) Now() time.Time { return a.db.Now() }

// Refuse audits a refusal a screen decides before it reads anything (a
// page that is not for the actor's role or organisation) and returns the
// forbidden error to show: the attempt's one entry.
func (a *App) Refuse(ctx context.Context, actor *schakel.Actor, resourceType, resourceID, message string) error {
	d := access.Decision{Allowed: false, Basis: audit.BasisNone, Reason: message}
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: resourceType, ResourceID: resourceID})
		return tx.Refuse(d)
	})
}
