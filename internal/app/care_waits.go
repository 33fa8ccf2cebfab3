package app

import (
	"context"
	"time"

	"schakel"
	"schakel/internal/care"
	"schakel/internal/storage"
)

// CareWaits are the region's waiting times for care by need over a period.
type CareWaits struct {
	From   time.Time        `json:"from"`
	To     time.Time        `json:"to"`
	Groups []care.WaitGroup `json:"groups"`
}

// CareWaitingTimes computes the waiting-time dashboard of care by need for
// requests made in [from, to) in the actor's region, for those who may
// read the dashboards. No personal data: not audited, as the chain
// dashboards.
func (a *App) CareWaitingTimes(ctx context.Context, actor *schakel.Actor, from, to time.Time) (CareWaits, error) {
	out := CareWaits{From: from, To: to, Groups: []care.WaitGroup{}}
	if err := dashboardAllowed(actor); err != nil {
		return out, err
	}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		rows, err := tx.CareWaitRows(actor.Professional.Organisation.RegionID, from, to)
		if err != nil {
			return err
		}
		out.Groups = care.Waits(rows, tx.Now())
		return nil
	})
	return out, err
}
