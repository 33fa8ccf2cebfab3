package app

import (
	"context"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/chain"
	"schakel/internal/prevention"
	"schakel/internal/storage"
)

// Leadtimes computes count, median, p80, p90 and the share within the norm
// of every phase and of the whole chain, for those who may read the
// dashboards. The norms shown are those of the filtered region, else of the
// actor's region. The figures hold no personal data: not audited.
func (a *App) Leadtimes(ctx context.Context, actor *schakel.Actor, f storage.LeadtimeFilter) (storage.Leadtimes, error) {
	if err := dashboardAllowed(actor); err != nil {
		return storage.Leadtimes{}, err
	}
	var out storage.Leadtimes
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		var err error
		out, err = LeadtimesIn(tx, actor.Professional.Organisation.RegionID, f)
		return err
	})
	return out, err
}

// Dashboard computes the chain dashboard for a filter; trendPhase is the
// phase whose monthly trend is shown (default: the whole chain).
func (a *App) Dashboard(ctx context.Context, actor *schakel.Actor, f storage.LeadtimeFilter, trendPhase string) (storage.Dashboard, error) {
	if err := dashboardAllowed(actor); err != nil {
		return storage.Dashboard{}, err
	}
	var d storage.Dashboard
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		var err error
		if d, err = DashboardIn(tx, actor.Professional.Organisation.RegionID, f, trendPhase); err != nil {
			return err
		}
		d.HolderWaiting, err = holderWaiting(tx, f)
		return err
	})
	return d, err
}

// ReviewCohorts are the 3- and 6-month check cohorts of the
// placement-prevention reviews considered in the dashboard's period,
// region and (when it filters on one) organisation, prevented against
// placed (issue 16, item 6), for the chain dashboard. Like the rest of the dashboard they are counts without
// personal data (groups under five suppressed): not audited. The whole
// country (region 0) has none: reviews are a region's.
func (a *App) ReviewCohorts(ctx context.Context, actor *schakel.Actor, f storage.LeadtimeFilter) ([]prevention.CheckCohort, error) {
	if err := dashboardAllowed(actor); err != nil || f.RegionID == 0 {
		return nil, err
	}
	var out []prevention.CheckCohort
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		facts, err := tx.RegionReviewFacts(f.RegionID)
		if err != nil {
			return err
		}
		out = prevention.Cohorts(facts, prevention.Selection{From: f.From, To: f.To, OrganisationID: f.OrganisationID}, tx.Now())
		return nil
	})
	return out, err
}

func dashboardAllowed(actor *schakel.Actor) error {
	if d := access.Decide(access.SubjectFor(actor), access.Dashboards, access.Read, access.Context{}); !d.Allowed {
		return schakel.Errorf(schakel.EFORBIDDEN, "%s", d.Reason)
	}
	return nil
}

// ExportEventLog streams the effective chain events as an event log, grouped
// by case and in time order, with pseudonymised case ids and no names or
// free text. The export is audited (and refused exports too) before the
// first row is written.
func (a *App) ExportEventLog(ctx context.Context, actor *schakel.Actor, f storage.ExportFilter, format string, emit func(chain.LogRow) error) (int64, error) {
	var secret []byte
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.Decide(access.SubjectFor(actor), access.EventLog, access.Read, access.Context{})
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventExport, ResourceType: "event_log", ResourceID: format,
			Detail: "pseudonymised chain event log, " + f.String()})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		var err error
		secret, err = tx.ExportSecret()
		return err
	})
	if err != nil {
		return 0, err
	}
	return a.streamEventLog(ctx, secret, f, emit)
}
