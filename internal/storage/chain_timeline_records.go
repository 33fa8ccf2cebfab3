package storage

// A case's timeline as the timeline screen and API read it: its events,
// the phase runs derived from them with their norms, and its court orders.

import (
	"database/sql"
	"slices"
	"time"

	"schakel/internal/chain"
	"schakel/internal/workdays"
)

// PhaseView is one phase run of a case with its norm.
type PhaseView struct {
	Phase     string     `json:"phase"`
	Label     string     `json:"label"`
	Seq       int        `json:"seq"`
	Status    string     `json:"status"` // open, done, stopped
	StartedAt time.Time  `json:"started_at"`
	EndedAt   *time.Time `json:"ended_at,omitempty"`
	Days      float64    `json:"days"` // so far, for an open phase
	Norm      *NormView  `json:"norm"`
	DueAt     *time.Time `json:"due_at,omitempty"`
	Within    *bool      `json:"within_norm"`
	Overdue   bool       `json:"overdue"`
}

// Timeline is a case's chronology across all organisations.
type Timeline struct {
	CaseID  int64        `json:"case_id"`
	Events  []ChainEvent `json:"events"`
	Phases  []PhaseView  `json:"phases"`
	Orders  []OrderView  `json:"court_orders"`
	Cohorts []Cohort     `json:"cohorts"`
}

// OrderView is a court order in force (or ended) with its end date.
type OrderView struct {
	EventID  int64         `json:"event_id"`
	Measure  chain.Measure `json:"measure"`
	Label    string        `json:"label"`
	StartsAt time.Time     `json:"starts_at"`
	EndsAt   time.Time     `json:"ends_at"`
	Extended bool          `json:"extended"` // a later extension carries the end date on
	// LapsesAt: a placement authorisation not yet used lapses then.
	LapsesAt *time.Time `json:"lapses_at,omitempty"`
}

// timeline reads a case's events, phase runs with their norms, court
// orders and cohorts.
func (tx *Tx) timeline(caseID int64) (Timeline, error) {
	t := Timeline{CaseID: caseID, Phases: []PhaseView{}, Orders: []OrderView{}}
	var err error
	if t.Events, err = tx.caseEvents(caseID, ""); err != nil {
		return t, err
	}
	facts, err := tx.caseFacts(caseID)
	if err != nil {
		return t, err
	}
	norms, err := tx.regionNorms(facts.regionID)
	if err != nil {
		return t, err
	}
	rows, err := tx.query(`SELECT phase, seq, status, start_min, end_min, due_min, minutes, within FROM case_phases WHERE case_id = ? ORDER BY start_min, phase, seq`, caseID)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var phase, seq, status int
		var start int64
		var end, due, minutes, within sql.NullInt64
		if err := rows.Scan(&phase, &seq, &status, &start, &end, &due, &minutes, &within); err != nil {
			return t, err
		}
		p, _ := chain.PhaseByID(chain.PhaseID(phase))
		v := PhaseView{Phase: p.Code, Label: p.Label, Seq: seq, Status: statusName(chain.Status(status)), StartedAt: fromMin(start)}
		if n := norms[p.ID]; n != nil {
			v.Norm = normView(p, n, facts.regionID, true)
		}
		if end.Valid {
			e := fromMin(end.Int64)
			v.EndedAt = &e
			v.Days = float64(end.Int64-start) / chain.MinutesPerDay
		} else {
			v.Days = float64(unixMin(tx.now)-start) / chain.MinutesPerDay
		}
		if due.Valid {
			d := fromMin(due.Int64)
			v.DueAt = &d
			v.Overdue = chain.Status(status) == chain.Open && tx.now.After(d)
		}
		if within.Valid {
			w := within.Int64 == 1
			v.Within = &w
		}
		t.Phases = append(t.Phases, v)
	}
	if err := rows.Err(); err != nil {
		return t, err
	}
	t.Orders = ordersOf(t.Events)
	t.Cohorts, err = tx.caseCohorts(caseID)
	return t, err
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
func ordersOf(evs []ChainEvent) []OrderView {
	out := []OrderView{}
	for _, e := range evs {
		if !e.Effective || (e.Type != chain.CourtOrder && e.Type != chain.CourtOrderExtended) || e.Details.EndsAt == nil {
			continue
		}
		o := OrderView{EventID: e.ID, Measure: e.Details.Measure, Label: e.Details.Measure.Label(), StartsAt: e.At, EndsAt: *e.Details.EndsAt}
		for _, x := range evs {
			if x.Effective && x.Type == chain.CourtOrderExtended && x.Details.Measure == e.Details.Measure && x.At.After(e.At) {
				o.Extended = true
			}
		}
		if e.Details.Measure == chain.PlacementAuthorisation && e.Type == chain.CourtOrder {
			used := slices.ContainsFunc(evs, func(x ChainEvent) bool { return x.Effective && x.Type == chain.Placement && !x.At.Before(e.At) })
			if !used {
				l := e.At.In(workdays.Location()).AddDate(0, chain.UnusedPlacementLapseMonths, 0).UTC()
				o.LapsesAt = &l
			}
		}
		out = append(out, o)
	}
	return out
}
