package storage

import (
	"time"
)

// WaitingCase is a case whose children wait for a case holder: a court
// measure runs on it, a youth-protection organisation takes part, and that
// organisation has no case holder on it.
type WaitingCase struct {
	CaseID         int64
	OrganisationID int64
	Children       int
	Since          time.Time // the first running measure, or when the last case holder left after it
}

// The scopes of the waiting list: one organisation, or a region (0: all).
const (
	waitingByOrganisation = `w.organisation_id = ?` // on the kept table
	waitingByRegion       = `(c.region_id = ? OR ? = 0)`
)

// WaitingForHolder lists an organisation's waiting list, longest waiting
// first, from the kept table (caseload_waiting_kept.go).
func (tx *Tx) WaitingForHolder(orgID int64) ([]WaitingCase, error) {
	return tx.keptWaiting(waitingByOrganisation, orgID)
}

// RegionWaitingForHolder lists a region's waiting list (0: every region).
func (tx *Tx) RegionWaitingForHolder(regionID int64) ([]WaitingCase, error) {
	return tx.keptWaiting(waitingByRegion, regionID, regionID)
}

// computedWaiting is the waiting list computed from the source tables,
// as before the kept table: what VerifyHolderWaiting checks it against.
func (tx *Tx) computedWaiting(scope string, args ...any) ([]WaitingCase, error) {
	q := `SELECT c.id, p.organisation_id, e.at,
		(SELECT COUNT(*) FROM persons pe WHERE pe.family_id = c.family_id AND pe.kind = 'child')
		FROM participations p
		JOIN organisations o ON o.id = p.organisation_id
		JOIN cases c ON c.id = p.case_id
		JOIN chain_events e ON e.case_id = c.id
		WHERE ` + scope + ` AND p.status = 'active' AND o.kind = 'jeugdbescherming' AND c.status = 'open'
		AND e.type IN ('court_order', 'court_order_extended') AND e.superseded = FALSE AND e.withdrawn = FALSE
		AND (e.ends_at IS NULL OR e.ends_at > ?)
		AND NOT EXISTS (SELECT 1 FROM case_holders h WHERE h.case_id = c.id AND h.organisation_id = p.organisation_id
			AND h.position = 'first' AND h.ended_at IS NULL)`
	rows, err := tx.query(q, append(args, tx.now)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type key struct{ c, o int64 }
	byKey := map[key]*WaitingCase{}
	for rows.Next() {
		var w WaitingCase
		if err := rows.Scan(&w.CaseID, &w.OrganisationID, &w.Since, &w.Children); err != nil {
			return nil, err
		}
		k := key{w.CaseID, w.OrganisationID}
		if cur, ok := byKey[k]; !ok || w.Since.Before(cur.Since) {
			w.Since = w.Since.UTC()
			byKey[k] = &w
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := tx.waitSinceLastHolder(scope, args, func(c, o int64, ended time.Time) {
		if w := byKey[key{c, o}]; w != nil && ended.After(w.Since) {
			w.Since = ended.UTC()
		}
	}); err != nil {
		return nil, err
	}
	out := make([]WaitingCase, 0, len(byKey))
	for _, w := range byKey {
		out = append(out, *w)
	}
	sortWaiting(out)
	return out, nil
}

// waitSinceLastHolder calls fn with every ended first case holder in the
// scope: a child waits again from when its case holder left.
func (tx *Tx) waitSinceLastHolder(scope string, args []any, fn func(caseID, orgID int64, ended time.Time)) error {
	rows, err := tx.query(`SELECT h.case_id, h.organisation_id, h.ended_at FROM case_holders h
		JOIN participations p ON p.case_id = h.case_id AND p.organisation_id = h.organisation_id
		JOIN cases c ON c.id = h.case_id
		WHERE `+scope+` AND h.position = 'first' AND h.ended_at IS NOT NULL AND c.status = 'open'`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c, o int64
		var ended time.Time
		if err := rows.Scan(&c, &o, &ended); err != nil {
			return err
		}
		fn(c, o, ended)
	}
	return rows.Err()
}

// HolderWaiting is the waiting list for a case holder in a dashboard:
// counts only, no case or name; the waiting time is left out for fewer
// than chain.MinShown children, so that it cannot describe one family.
// The use case fills it (app.Dashboard) from RegionWaitingForHolder.
type HolderWaiting struct {
	Cases      int64    `json:"cases"`
	Children   int64    `json:"children"`
	MedianDays *float64 `json:"median_days"` // per child, waited so far
	Suppressed bool     `json:"suppressed"`
}
