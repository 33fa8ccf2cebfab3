package storage

import (
	"database/sql"
	"time"

	"schakel/internal/intervention"
)

// cohortWorkers selects every worker the cohort names, directly or
// through one of its teams at any time (two arguments: the cohort).
const cohortWorkers = `SELECT cw.professional_id FROM cohort_workers cw WHERE cw.cohort_id = ?
	UNION SELECT s.professional_id FROM team_member_spells s JOIN cohort_teams ct ON ct.team_id = s.team_id WHERE ct.cohort_id = ?`

// CohortHoldings returns the case-holder assignments of the cohort's
// workers (named, or ever in one of its teams) that overlap the period
// from–to (both included), and each such worker's spells of membership:
// a named worker's has no start or end, a team member's are their spells
// in the cohort's teams. intervention.CohortCases decides which cases
// they bring into the cohort for the period.
func (tx *Tx) CohortHoldings(cohortID int64, from, to time.Time) ([]intervention.Holding, map[int64][]intervention.Spell, error) {
	spells := map[int64][]intervention.Spell{}
	err := tx.spellRows(`SELECT 0, professional_id, joined_at, left_at FROM team_member_spells
		WHERE team_id IN (SELECT team_id FROM cohort_teams WHERE cohort_id = ?)`, []any{cohortID}, func(h intervention.Holding) {
		spells[h.Worker] = append(spells[h.Worker], h.Held)
	})
	if err != nil {
		return nil, nil, err
	}
	named, err := tx.queryIDs(`SELECT professional_id FROM cohort_workers WHERE cohort_id = ?`, cohortID)
	if err != nil {
		return nil, nil, err
	}
	for _, w := range named {
		spells[w] = append(spells[w], intervention.Spell{})
	}
	var held []intervention.Holding
	// Current and ended holdings apart, each by its index on the worker.
	err = tx.spellRows(`SELECT h.case_id, h.professional_id, h.assigned_at, h.ended_at FROM case_holders h
		WHERE h.professional_id IN (`+cohortWorkers+`) AND h.assigned_at <= ? AND h.ended_at IS NULL
		UNION ALL SELECT h.case_id, h.professional_id, h.assigned_at, h.ended_at FROM case_holders h
		WHERE h.professional_id IN (`+cohortWorkers+`) AND h.assigned_at <= ? AND h.ended_at IS NOT NULL AND h.ended_at >= ?`,
		[]any{cohortID, cohortID, to.UTC(), cohortID, cohortID, to.UTC(), from.UTC()}, func(h intervention.Holding) { held = append(held, h) })
	return held, spells, err
}

// spellRows reads rows of a case (or 0), a worker and a spell's start
// and end (NULL: still going).
func (tx *Tx) spellRows(q string, args []any, put func(intervention.Holding)) error {
	rows, err := tx.query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var h intervention.Holding
		var end sql.NullTime
		if err := rows.Scan(&h.Case, &h.Worker, &h.Held.From, &end); err != nil {
			return err
		}
		h.Held.From = h.Held.From.UTC()
		if end.Valid {
			h.Held.To = end.Time.UTC()
		}
		put(h)
	}
	return rows.Err()
}
