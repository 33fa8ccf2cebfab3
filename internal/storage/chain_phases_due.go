package storage

import (
	"cmp"
	"slices"
	"strings"
)

// Phases due at commit (issue 11): an intake records two or three events on
// one case (the report's arrival, its colour, a crisis consultation), and
// each used to derive the case's phase runs again (read every event, delete
// and rewrite the runs: four statements). The events Schakel records itself
// (RecordAuto, RecordReportReceived) now mark the case instead, and its
// phases are derived once, just before the commit, from all events of the
// transaction. Any statement of the same transaction that names case_phases
// first derives the marked cases' phases, so that nothing in it reads or
// changes runs that are behind its events.

// phasesDue is a case whose phases are derived at commit, with the facts
// last read for it.
type phasesDue struct {
	caseID int64
	facts  caseFacts
}

// phasesLater marks a case's phases to be derived at commit.
func (tx *Tx) phasesLater(caseID int64, facts caseFacts) {
	for i, d := range tx.phasesDue {
		if d.caseID == caseID {
			tx.phasesDue[i].facts = facts
			return
		}
	}
	tx.phasesDue = append(tx.phasesDue, phasesDue{caseID, facts})
}

// settlePhasesFor derives the marked cases' phases before a statement that
// names case_phases runs. An error is kept for the commit, which then fails.
func (tx *Tx) settlePhasesFor(q string) {
	if len(tx.phasesDue) > 0 && tx.phasesErr == nil && strings.Contains(q, "case_phases") {
		tx.phasesErr = tx.settlePhases()
	}
}

// settlePhases derives the phases of every marked case, in the order of
// their ids (so two transactions touch case_phases in the same order).
func (tx *Tx) settlePhases() error {
	due := tx.phasesDue
	tx.phasesDue = nil
	slices.SortFunc(due, func(a, b phasesDue) int { return cmp.Compare(a.caseID, b.caseID) })
	for _, d := range due {
		if err := tx.recomputeWith(d.caseID, d.facts); err != nil {
			return err
		}
	}
	return nil
}

// flushPhases is settlePhases at commit, reporting an earlier failure too.
func (tx *Tx) flushPhases() error {
	if tx.phasesErr != nil {
		return tx.phasesErr
	}
	return tx.settlePhases()
}
