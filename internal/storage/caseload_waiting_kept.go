package storage

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"
)

// The kept waiting list (issue 14, item 1): holder_waiting holds, per case
// and youth-protection organisation on it without a first case holder,
// one row per effective court measure with its start and end, and when
// the last first holder left. Every write that can change the answer for
// a case (its chain events and so its status, its participations, its
// case holders, a merge) marks the case; the transaction rewrites the
// marked cases' rows just before it commits (flushWaiting), so the table
// changes with them or not at all. A measure that ends needs no write:
// the read leaves out measures whose end has passed. The children are
// counted at the read, from the family. The old computation stays as
// computedWaiting, to verify the table against (VerifyHolderWaiting).

// waitingRows selects the kept rows of the cases matching cond (on c).
const waitingRows = `SELECT c.id, p.organisation_id, e.id, e.at, e.ends_at,
	(SELECT MAX(h.ended_at) FROM case_holders h WHERE h.case_id = c.id AND h.organisation_id = p.organisation_id
		AND h.position = 'first' AND h.ended_at IS NOT NULL)
	FROM participations p
	JOIN organisations o ON o.id = p.organisation_id
	JOIN cases c ON c.id = p.case_id
	JOIN chain_events e ON e.case_id = c.id
	WHERE %s AND p.status = 'active' AND o.kind = 'jeugdbescherming' AND c.status = 'open'
	AND e.type IN ('court_order', 'court_order_extended') AND e.superseded = FALSE AND e.withdrawn = FALSE
	AND NOT EXISTS (SELECT 1 FROM case_holders h WHERE h.case_id = c.id AND h.organisation_id = p.organisation_id
		AND h.position = 'first' AND h.ended_at IS NULL)`

const insertWaiting = `INSERT INTO holder_waiting (case_id, organisation_id, event_id, measure_at, ends_at, holder_left_at) `

// touchWaiting marks a case whose waiting rows must be rewritten before
// the transaction commits.
func (tx *Tx) touchWaiting(caseID int64) {
	if tx.waitingCases == nil {
		tx.waitingCases = map[int64]bool{}
	}
	tx.waitingCases[caseID] = true
}

// flushWaiting rewrites the waiting rows of every marked case.
func (tx *Tx) flushWaiting() error {
	ids := make([]int64, 0, len(tx.waitingCases))
	for id := range tx.waitingCases {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		if _, err := tx.exec(`DELETE FROM holder_waiting WHERE case_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.exec(insertWaiting+fmt.Sprintf(waitingRows, "c.id = ?"), id); err != nil {
			return err
		}
	}
	tx.waitingCases = nil
	return nil
}

// rebuildHolderWaiting fills the whole table again (after a bulk load).
func rebuildHolderWaiting(exec func(q string) error) error {
	if err := exec(`DELETE FROM holder_waiting`); err != nil {
		return err
	}
	return exec(insertWaiting + fmt.Sprintf(waitingRows, "1 = 1"))
}

// keptWaiting reads the waiting list from the kept table; scope is on w
// (organisation) or c (region). The rows are grouped here, not in SQL,
// so that both engines hand back their timestamps as times.
func (tx *Tx) keptWaiting(scope string, args ...any) ([]WaitingCase, error) {
	rows, err := tx.query(`SELECT w.case_id, w.organisation_id, w.measure_at, w.holder_left_at,
		(SELECT COUNT(*) FROM persons pe WHERE pe.family_id = c.family_id AND pe.kind = 'child')
		FROM holder_waiting w JOIN cases c ON c.id = w.case_id
		WHERE `+scope+` AND (w.ends_at IS NULL OR w.ends_at > ?)`, append(args, tx.now)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type key struct{ c, o int64 }
	byKey := map[key]*WaitingCase{}
	for rows.Next() {
		var w WaitingCase
		var left sql.NullTime
		if err := rows.Scan(&w.CaseID, &w.OrganisationID, &w.Since, &left, &w.Children); err != nil {
			return nil, err
		}
		w.Since = w.Since.UTC()
		k := key{w.CaseID, w.OrganisationID}
		if left.Valid && left.Time.After(w.Since) {
			w.Since = left.Time.UTC()
		}
		if cur, ok := byKey[k]; ok && !w.Since.Before(cur.Since) {
			continue
		}
		byKey[k] = &w
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]WaitingCase, 0, len(byKey))
	for _, w := range byKey {
		out = append(out, *w)
	}
	sortWaiting(out)
	return out, nil
}

func sortWaiting(out []WaitingCase) {
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Since.Equal(out[j].Since) {
			return out[i].Since.Before(out[j].Since)
		}
		return out[i].CaseID < out[j].CaseID
	})
}

// VerifyHolderWaiting compares the kept waiting list with the computed
// one for every organisation: nil when they agree.
func (db *DB) VerifyHolderWaiting(ctx contextT) error {
	return db.View(ctx, func(tx *Tx) error {
		kept, err := tx.keptWaiting(waitingByRegion, 0, 0)
		if err != nil {
			return err
		}
		computed, err := tx.computedWaiting(waitingByRegion, 0, 0)
		if err != nil {
			return err
		}
		if a, b := waitingText(kept), waitingText(computed); a != b {
			return fmt.Errorf("the kept waiting list differs from the computed one:\nkept:\n%s\ncomputed:\n%s", a, b)
		}
		return nil
	})
}

func waitingText(ws []WaitingCase) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "case %d org %d children %d since %s\n", w.CaseID, w.OrganisationID, w.Children, w.Since.Format(time.RFC3339))
	}
	return b.String()
}
