package demo_test

import (
	"context"

	"schakel/internal/app"
	"schakel/internal/storage"
)

// fxDashboard is the chain dashboard as its use case computes it, without
// an actor: homeRegion's norms are shown when the filter names no region.
func fxDashboard(ctx context.Context, db *storage.DB, homeRegion int64, f storage.LeadtimeFilter, trend string) (storage.Dashboard, error) {
	var d storage.Dashboard
	err := db.View(ctx, func(tx *storage.Tx) error {
		var err error
		d, err = app.DashboardIn(tx, homeRegion, f, trend)
		return err
	})
	return d, err
}

// fxLeadtimes is the lead-time figures as their use case computes them,
// without an actor.
func fxLeadtimes(ctx context.Context, db *storage.DB, homeRegion int64, f storage.LeadtimeFilter) (storage.Leadtimes, error) {
	var lt storage.Leadtimes
	err := db.View(ctx, func(tx *storage.Tx) error {
		var err error
		lt, err = app.LeadtimesIn(tx, homeRegion, f)
		return err
	})
	return lt, err
}
