package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/attendees"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// A red report's crisis table is proposed at once, but its invitations
// are held for a short while (WithTableHold) so that the intake worker can
// still shape it (crisis_shape.go). When the hold ends the invitations go
// out exactly once: ReleaseDueTables, run by every serve process, and
// SendTableNow both claim the release with a compare-and-set on the
// consultation (storage.ClaimRelease) in the transaction that sends.

// ReleaseDueTables sends the invitations of every proposed crisis table
// whose hold has ended and returns how many tables it released. Several
// processes may run it at once: each table is released by one of them.
func (a *App) ReleaseDueTables(ctx context.Context) (int, error) {
	ids, err := a.db.HeldTablesDue(ctx, a.now(), 50)
	if err != nil {
		return 0, err
	}
	system := schakel.SystemActor("einde wachttijd crisistafel")
	released := 0
	for _, id := range ids {
		var sent bool
		err := a.db.Update(ctx, func(tx *storage.Tx) error {
			var err error
			sent, err = releaseTable(tx, system, id, 0, audit.BasisSystem)
			return err
		})
		if err != nil {
			return released, err
		}
		if sent {
			released++
		}
	}
	return released, nil
}

// releaseTable ends a table's hold and, when this transaction claimed it,
// invites everyone proposed (work list, e-mail, calendar) and tells the
// team leads about every need nobody covers. It reports false when the
// hold had already ended (another process or person sent them).
func releaseTable(tx *storage.Tx, actor *schakel.Actor, id, by int64, basis string) (bool, error) {
	claimed, err := tx.ClaimRelease(id)
	if err != nil || !claimed {
		return false, err
	}
	c, err := tx.ConsultationByID(id)
	if err != nil {
		return false, err
	}
	invited := 0
	if c.Status == schakel.ConsultationPlanned {
		var invitees []storage.Invitee
		for _, p := range c.Participants {
			if p.DeclinedAt != nil {
				continue
			}
			invitees = append(invitees, storage.Invitee{ProfessionalID: p.Professional.ID, Covers: p.Covers})
		}
		if err := inviteCrisis(tx, c.CaseID, c.ID, c.ScheduledAt, c.DueAt, invitees); err != nil {
			return false, err
		}
		invited = len(invitees)
		var missing []attendees.Need
		for _, m := range c.Missing {
			if n, ok := attendees.ParseNeed(m); ok {
				missing = append(missing, n)
			}
		}
		if err := tellIncomplete(tx, c.CaseID, c.ID, c.DueAt, missing); err != nil {
			return false, err
		}
	}
	if err := tx.AddTableChange(id, schakel.TableSent, "", 0, "", by); err != nil {
		return false, err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(id), AccessBasis: basis,
		Detail: fmt.Sprintf("crisis table invitations sent: %d invited, missing %v", invited, c.Missing)})
	return true, nil
}
