package app

import (
	"slices"
	"time"

	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// timelineOf makes a case's timeline of its records at now: each phase run
// with its label, norm, length so far and whether it is overdue, and the
// court orders with their end dates.
func timelineOf(r storage.TimelineRecords, now time.Time) storage.Timeline {
	t := storage.Timeline{CaseID: r.CaseID, Events: r.Events, Phases: []storage.PhaseView{}, Cohorts: r.Cohorts}
	for _, run := range r.Runs {
		t.Phases = append(t.Phases, phaseView(run, r.Norms, r.RegionID, now))
	}
	t.Orders = ordersOf(r.Events)
	return t
}

// phaseView is a phase run as the timeline shows it.
func phaseView(r storage.PhaseRun, norms map[chain.PhaseID]*chain.Norm, regionID int64, now time.Time) storage.PhaseView {
	p, _ := chain.PhaseByID(r.Phase)
	v := storage.PhaseView{Phase: p.Code, Label: p.Label, Seq: r.Seq, Status: statusName(r.Status), StartedAt: r.Start,
		EndedAt: r.End, DueAt: r.Due, Within: r.Within}
	if n := norms[p.ID]; n != nil {
		v.Norm = normViewOf(p, n, regionID, true)
	}
	start := r.Start.Unix() / 60
	if r.End != nil {
		v.Days = float64(r.End.Unix()/60-start) / chain.MinutesPerDay
	} else {
		v.Days = float64(now.Unix()/60-start) / chain.MinutesPerDay
	}
	if r.Due != nil {
		v.Overdue = r.Status == chain.Open && now.After(*r.Due)
	}
	return v
}

func statusName(s chain.Status) string {
	switch s {
	case chain.Done:
		return "done"
	case chain.Stopped:
		return "stopped"
	}
	return "open"
}

// ordersOf lists the effective court orders of a timeline with their end
// dates; an order is extended when a later extension of the same measure
// follows it, and an unused placement authorisation shows when it lapses.
func ordersOf(evs []storage.ChainEvent) []storage.OrderView {
	out := []storage.OrderView{}
	for _, e := range evs {
		if !e.Effective || (e.Type != chain.CourtOrder && e.Type != chain.CourtOrderExtended) || e.Details.EndsAt == nil {
			continue
		}
		o := storage.OrderView{EventID: e.ID, Measure: e.Details.Measure, Label: e.Details.Measure.Label(), StartsAt: e.At, EndsAt: *e.Details.EndsAt}
		for _, x := range evs {
			if x.Effective && x.Type == chain.CourtOrderExtended && x.Details.Measure == e.Details.Measure && x.At.After(e.At) {
				o.Extended = true
			}
		}
		if e.Details.Measure == chain.PlacementAuthorisation && e.Type == chain.CourtOrder {
			used := slices.ContainsFunc(evs, func(x storage.ChainEvent) bool { return x.Effective && x.Type == chain.Placement && !x.At.Before(e.At) })
			if !used {
				l := e.At.In(workdays.Location()).AddDate(0, chain.UnusedPlacementLapseMonths, 0).UTC()
				o.LapsesAt = &l
			}
		}
		out = append(out, o)
	}
	return out
}
