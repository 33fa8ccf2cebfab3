package app

// The chain dashboard's figures besides the lead times: the runs waiting
// now, and the reports, placements and court orders in the period.

import (
	"sort"

	"schakel/internal/chain"
	"schakel/internal/storage"
)

// DashboardIn computes, in tx, the chain dashboard for a filter; trendPhase
// is the phase whose monthly trend is shown (default: the whole chain).
// homeRegion's norms are shown when the filter names no region. The
// children waiting for a case holder are the use case's (Dashboard).
func DashboardIn(tx *storage.Tx, homeRegion int64, f storage.LeadtimeFilter, trendPhase string) (storage.Dashboard, error) {
	d := storage.Dashboard{Now: tx.Now()}
	p, ok := chain.PhaseByCode(trendPhase)
	if !ok {
		p, _ = chain.PhaseByID(chain.PhaseChain)
	}
	var err error
	if d.Leadtimes, err = LeadtimesIn(tx, homeRegion, f); err != nil {
		return d, err
	}
	d.TrendPhase = p.Code
	if d.Trend, err = trend(tx, p, f); err != nil {
		return d, err
	}
	if d.Waiting, err = waiting(tx, homeRegion, f); err != nil {
		return d, err
	}
	events, err := tx.EventCounts(f)
	if err != nil {
		return d, err
	}
	d.Reports, d.PlacementTrend, d.RepeatTrend = eventFigures(events)
	return d, nil
}

// waiting counts the runs open now per phase (the period does not apply:
// this is now), with how long they have waited and how many passed the norm.
func waiting(tx *storage.Tx, homeRegion int64, f storage.LeadtimeFilter) ([]storage.WaitingStat, error) {
	runs, err := tx.OpenRuns(f)
	if err != nil {
		return nil, err
	}
	now := tx.Now().Unix() / 60
	waited := map[chain.PhaseID][]float64{}
	over := map[chain.PhaseID]int64{}
	for _, r := range runs {
		waited[r.Phase] = append(waited[r.Phase], float64(now-r.Start.Unix()/60)/chain.MinutesPerDay)
		if r.Due != nil && r.Due.Unix()/60 < now {
			over[r.Phase]++
		}
	}
	normRegion := f.NormRegion(homeRegion)
	norms, err := tx.RegionNorms(normRegion)
	if err != nil {
		return nil, err
	}
	out := []storage.WaitingStat{}
	for _, p := range chain.Phases() {
		w := waited[p.ID]
		sort.Float64s(w)
		st := storage.WaitingStat{Phase: p.Code, Label: p.Label, Count: int64(len(w)), OverNorm: over[p.ID],
			Norm: normViewOf(p, norms[p.ID], normRegion, true)}
		switch {
		case chain.TooFewToShow(int64(len(w))):
			st.Suppressed = true
		case len(w) > 0:
			st.MedianDays = roundPtr(chain.Quantile(w, 0.5), 3)
		}
		out = append(out, st)
	}
	return out, nil
}

// eventFigures adds up reports (repeats within 12 months, money questions,
// debts), placements and court orders in the period, and per month the
// placements and repeat reports.
func eventFigures(events []storage.MonthEvents) (storage.ReportStats, []storage.MonthCount, []storage.MonthCount) {
	var st storage.ReportStats
	placements, repeats := []storage.MonthCount{}, []storage.MonthCount{}
	for _, c := range events {
		if c.N == 0 {
			continue
		}
		switch c.Type {
		case chain.ReportReceived:
			st.Reports += c.N
			st.Repeats12 += c.Repeats
			st.Screened += c.Screened
			st.Debts += c.Debts
			repeats = append(repeats, storage.MonthCount{Month: monthLabel(c.Month), Count: c.Repeats})
		case chain.Placement:
			st.Placements += c.N
			placements = append(placements, storage.MonthCount{Month: monthLabel(c.Month), Count: c.N})
		case chain.CourtOrder:
			st.CourtOrders += c.N
		}
	}
	if st.Reports > 0 {
		st.RepeatShare = roundPtr(float64(st.Repeats12)/float64(st.Reports), 4)
	}
	if st.Screened > 0 {
		st.DebtShare = roundPtr(float64(st.Debts)/float64(st.Screened), 4)
	}
	return st, placements, repeats
}
