package storage

// A case's timeline as the timeline screen and API read it: its events,
// its phase runs with the norms of its region, and its cohorts. The use
// case (internal/app/chain_timeline.go) makes the timeline of them with
// the chain rules.

import (
	"database/sql"
	"time"

	"schakel/internal/chain"
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

// PhaseRun is one stored run of a phase of a case (a row of case_phases).
type PhaseRun struct {
	Phase  chain.PhaseID
	Seq    int
	Status chain.Status
	Start  time.Time
	End    *time.Time // nil: open
	Due    *time.Time // nil: no norm
	Within *bool      // nil: not done, or no norm
}

// TimelineRecords are what a case's timeline is made of.
type TimelineRecords struct {
	CaseID   int64
	RegionID int64
	Events   []ChainEvent
	Runs     []PhaseRun
	Norms    map[chain.PhaseID]*chain.Norm // in force in the case's region
	Cohorts  []Cohort
}

// TimelineOf reads a case's events, phase runs (in order of start), the
// norms of its region and its cohorts.
func (tx *Tx) TimelineOf(caseID int64) (TimelineRecords, error) {
	t := TimelineRecords{CaseID: caseID}
	var err error
	if t.Events, err = tx.caseEvents(caseID, ""); err != nil {
		return t, err
	}
	facts, err := tx.caseFacts(caseID)
	if err != nil {
		return t, err
	}
	t.RegionID = facts.regionID
	if t.Norms, err = tx.regionNorms(facts.regionID); err != nil {
		return t, err
	}
	if t.Runs, err = tx.phaseRuns(caseID); err != nil {
		return t, err
	}
	t.Cohorts, err = tx.caseCohorts(caseID)
	return t, err
}

// phaseRuns reads a case's phase runs in order of start.
func (tx *Tx) phaseRuns(caseID int64) ([]PhaseRun, error) {
	rows, err := tx.query(`SELECT phase, seq, status, start_min, end_min, due_min, within FROM case_phases WHERE case_id = ? ORDER BY start_min, phase, seq`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PhaseRun
	for rows.Next() {
		var r PhaseRun
		var start int64
		var end, due, within sql.NullInt64
		if err := rows.Scan(&r.Phase, &r.Seq, &r.Status, &start, &end, &due, &within); err != nil {
			return nil, err
		}
		r.Start = fromMin(start)
		if end.Valid {
			e := fromMin(end.Int64)
			r.End = &e
		}
		if due.Valid {
			d := fromMin(due.Int64)
			r.Due = &d
		}
		if within.Valid {
			w := within.Int64 == 1
			r.Within = &w
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
