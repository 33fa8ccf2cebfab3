package app

import (
	"context"

	"schakel"
	"schakel/internal/care"
	"schakel/internal/storage"
)

// CareDashboard is the care-by-need part of the chain dashboard (issue 15,
// item 5): waiting times per need and municipality and per provider, the
// live waiting-time index, the unmet-need signal and the 3-month norm for
// help after a measure. Definitions in internal/care.
type CareDashboard struct {
	Waits            []care.WaitGroup     `json:"waits"`
	Providers        []care.ProviderWaits `json:"providers"`
	Index            []care.IndexRow      `json:"index"`
	Unmet            []care.Unmet         `json:"unmet"`
	HelpAfterMeasure care.MeasureNorm     `json:"help_after_measure"`
}

// CareDashboard computes the care part of the chain dashboard for its
// filter (period, region, municipality, organisation; the cohort does not
// apply). Like the rest of the dashboard, counts and times without
// personal data, groups under five suppressed: not audited.
func (a *App) CareDashboard(ctx context.Context, actor *schakel.Actor, f storage.LeadtimeFilter) (CareDashboard, error) {
	out := CareDashboard{Waits: []care.WaitGroup{}, Providers: []care.ProviderWaits{}, Index: []care.IndexRow{}, Unmet: []care.Unmet{}}
	if err := dashboardAllowed(actor); err != nil {
		return out, err
	}
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		facts, err := tx.CareFigures(f)
		if err != nil {
			return err
		}
		now := tx.Now()
		out.Waits = care.Waits(facts.Waits, now)
		out.Providers = care.Providers(facts.Providers)
		out.Index = care.WaitIndex(facts.Profiles, facts.Answers, facts.IndexMunicipalities(f), now)
		out.Unmet = care.UnmetNeed(facts.Unmet)
		out.HelpAfterMeasure = care.HelpAfterMeasure(facts.Measures, now)
		return nil
	})
	return out, err
}
