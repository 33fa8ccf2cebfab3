package storage

import (
	"database/sql"
	"errors"
	"time"

	"schakel/internal/chain"
)

// PhaseRules are the chain rules behind case_phases, the phase runs kept in
// step with chain_events in the same transaction (issue 8: storage keeps
// only SQL). Storage reads the events and the region's own norms and writes
// the rows; what the rows say is decided here. chain.Rules implements them;
// Open refuses a database without them rather than leave case_phases
// behind its events.
type PhaseRules interface {
	// Runs derives the phase runs of one case from its effective events.
	Runs(events []chain.Event) []chain.Run
	// Norms are the norms in force in a region given the ones it set
	// itself, by phase code.
	Norms(own map[string]chain.Norm) map[chain.PhaseID]*chain.Norm
	// Measure times a run against its phase's norm (nil: none agreed).
	Measure(r chain.Run, n *chain.Norm) chain.Timing
}

// errNoPhaseRules is Open's answer when it is given no PhaseRules.
var errNoPhaseRules = errors.New("storage: no phase rules given (open the database with chain.Rules{})")

// phaseRow is the row of case_phases for run r of a case, timed by the
// rules against the region's norm n for its phase.
func (db *DB) phaseRow(caseID int64, r chain.Run, n *chain.Norm, regionID int64, municipality string) phaseRecord {
	t := db.phases.Measure(r, n)
	p := phaseRecord{caseID: caseID, phase: r.Phase, seq: r.Seq, status: r.Status, startMin: unixMin(r.Start),
		regionID: regionID, municipality: municipality, organisationID: t.Org,
		dueMin: nullMin(t.Due), warnMin: nullMin(t.Warn), minutes: nullInt64Ptr(t.Minutes)}
	if r.End != nil {
		p.endMin = sql.NullInt64{Int64: unixMin(*r.End), Valid: true}
		p.endMonth = sql.NullInt64{Int64: int64(monthOf(*r.End)), Valid: true}
	}
	if t.Bucket != nil {
		p.bucket = sql.NullInt64{Int64: int64(*t.Bucket), Valid: true}
	}
	if t.Within != nil {
		w := int64(0)
		if *t.Within {
			w = 1
		}
		p.within = sql.NullInt64{Int64: w, Valid: true}
	}
	return p
}

func nullMin(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: unixMin(*t), Valid: true}
}

func nullInt64Ptr(v *int64) sql.NullInt64 {
	if v == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: *v, Valid: true}
}
