package chain

import "time"

// Rules are the chain rules that keep a case's phase runs (case_phases) in
// step with its events. Storage writes and reads those rows but decides
// nothing about them: it is opened with Rules (storage.Open) and asks them
// which runs the events give, which norms a region has in force and how a
// run measures against its norm.
type Rules struct{}

// Runs derives the phase runs of one case from its effective events
// (Compute).
func (Rules) Runs(events []Event) []Run { return Compute(events) }

// Norms are the norms in force in a region: the defaults from public
// sources, replaced by those the region set itself (own, by phase code; a
// code no phase has is left out).
func (Rules) Norms(own map[string]Norm) map[PhaseID]*Norm {
	out := map[PhaseID]*Norm{}
	for _, p := range phases {
		if p.Default != nil {
			n := *p.Default
			out[p.ID] = &n
		}
	}
	for code, n := range own {
		if p, ok := PhaseByCode(code); ok {
			out[p.ID] = &n
		}
	}
	return out
}

// Timing is a run measured against its phase's norm, as case_phases keeps
// it. Due and Warn are nil without a norm; Minutes and Bucket are set for a
// finished run (Done), Within for a finished run with a norm.
type Timing struct {
	Org       int64 // the organisation the run counts for (Run.Org)
	Due, Warn *time.Time
	Minutes   *int64
	Bucket    *int
	Within    *bool
}

// Measure times run r against norm n (nil: none agreed in the region).
func (Rules) Measure(r Run, n *Norm) Timing {
	t := Timing{Org: r.Org()}
	if n != nil {
		due := n.Due(r.Start)
		// case_phases keeps whole minutes; the warning is taken from the
		// stored start and deadline, so that redoing it from a stored row
		// (a region changing its norm) gives the same minute.
		warn := WarnFrom(wholeMinute(r.Start), wholeMinute(due))
		t.Due, t.Warn = &due, &warn
	}
	if r.Status == Done && r.End != nil {
		m := r.Minutes()
		b := Bucket(m)
		t.Minutes, t.Bucket = &m, &b
		if n != nil {
			w := n.Within(r.Start, *r.End)
			t.Within = &w
		}
	}
	return t
}

// wholeMinute is t as case_phases stores it (Unix minutes, truncated).
func wholeMinute(t time.Time) time.Time { return time.Unix(t.Unix()/60*60, 0).UTC() }
