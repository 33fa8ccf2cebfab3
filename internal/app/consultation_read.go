package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// ConsultationWorkspace returns the case of a consultation with its
// workspace in one audited read, for the consultation page and minutes
// (detail says which). An invitee's opening marks the invitation seen.
func (a *App) ConsultationWorkspace(ctx context.Context, actor *schakel.Actor, consultationID int64, detail string) (schakel.Case, schakel.Workspace, error) {
	var c schakel.Case
	var w schakel.Workspace
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		ref, err := tx.ConsultationRefOf(consultationID)
		if err != nil {
			return err
		}
		d, err := guardCase(tx, actor, ref.CaseID, access.Read, audit.EventRead, fmt.Sprintf("%s of consultation %d", detail, consultationID))
		if err != nil {
			return err
		}
		if err := tx.MarkInvitationSeen(actor, consultationID); err != nil {
			return err
		}
		if c, w, err = caseAndWorkspace(tx, ref.CaseID); err != nil {
			return err
		}
		c.AccessBasis = d.Basis
		return nil
	})
	return c, w, err
}
