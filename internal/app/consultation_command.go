package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// onConsultation runs a command on an existing consultation in one
// transaction: the consultation is looked up (not found when it does not
// exist), the guard decides on its case and audits, the case must be open,
// and the case row is locked before fn loads, decides and writes. Like
// onCase, a refusal anywhere keeps only its audit entry.
func (a *App) onConsultation(ctx context.Context, actor *schakel.Actor, id int64, detail string,
	fn func(tx *storage.Tx, ref storage.ConsultationRef) error) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		ref, err := tx.ConsultationRefOf(id)
		if err != nil {
			return err
		}
		if _, err := guardCase(tx, actor, ref.CaseID, access.Write, audit.EventUpdate, fmt.Sprintf(detail, id)); err != nil {
			return err
		}
		if err := requireOpen(tx, ref.CaseID); err != nil {
			return err
		}
		if _, err := tx.LockCase(ref.CaseID, 0); err != nil {
			return err
		}
		return fn(tx, ref)
	})
}
