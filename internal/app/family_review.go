package app

import (
	"context"
	"fmt"
	"slices"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// ReviewFamilyWithholding records a team lead's review of a withholding:
// keep it, or lift it so that the family member sees the item again.
func (a *App) ReviewFamilyWithholding(ctx context.Context, actor *schakel.Actor, caseID, withholdingID int64, keep bool) error {
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("review withholding %d (keep %v)", withholdingID, keep)}
	return a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		ws, err := tx.FamilyWithholdings(caseID)
		if err != nil {
			return err
		}
		k := slices.IndexFunc(ws, func(w storage.FamilyWithholding) bool { return w.ID == withholdingID })
		if k < 0 {
			return schakel.Errorf(schakel.ENOTFOUND, "Dit besluit om iets achter te houden bestaat niet (meer) op deze casus.")
		}
		if d := access.DecideWithholdingReview(access.SubjectFor(actor), ws[k].ByOrg); !d.Allowed {
			return tx.RefuseRule(actor, caseID, audit.EventUpdate, d.Reason)
		}
		return tx.ReviewFamilyWithholding(withholdingID, actor.Professional.ID, !keep)
	})
}
