package storage

import (
	"context"
	"fmt"

	"schakel/internal/chain"
)

// StorageSize returns the size of the database in bytes (SQLite: the file
// and its WAL; PostgreSQL: pg_database_size).
func (db *DB) StorageSize(ctx context.Context) (int64, error) {
	if db.dialect.engine == Postgres {
		var n int64
		err := db.read.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
		return n, err
	}
	var pages, size int64
	if err := db.read.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		return 0, err
	}
	if err := db.read.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&size); err != nil {
		return 0, err
	}
	return pages * size, nil
}

// VerifyPhases derives the phase runs of up to limit cases (spread over
// all of them) again from their events and compares them with the stored
// ones: a check that a bulk load (or anything else) left case_phases as
// recording events would.
func (db *DB) VerifyPhases(ctx context.Context, limit int) error {
	return db.View(ctx, func(tx *Tx) error {
		var n int64
		if err := tx.queryRow(`SELECT COUNT(*) FROM cases`).Scan(&n); err != nil {
			return err
		}
		step := max(n/int64(max(limit, 1)), 1)
		ids, err := tx.queryIDs(`SELECT id FROM cases WHERE id % ? = 0 ORDER BY id LIMIT ?`, step, limit)
		if err != nil {
			return err
		}
		for _, id := range ids {
			evs, err := tx.caseEvents(id, `e.superseded = FALSE AND e.withdrawn = FALSE`)
			if err != nil {
				return err
			}
			facts, err := tx.caseFacts(id)
			if err != nil {
				return err
			}
			norms, err := tx.regionNorms(facts.regionID)
			if err != nil {
				return err
			}
			rules := make([]chain.Event, len(evs))
			for i, e := range evs {
				rules[i] = e.rule()
			}
			want := map[string]bool{}
			for _, r := range tx.db.phases.Runs(rules) {
				want[fmt.Sprint(tx.db.phaseRow(id, r, norms[r.Phase], facts.regionID, facts.municipality).args())] = true
			}
			got, err := tx.storedPhases(id)
			if err != nil {
				return err
			}
			for _, p := range got {
				if !want[fmt.Sprint(p.args())] {
					return fmt.Errorf("case %d: stored phase run %v is not what its events give", id, p.args())
				}
			}
			if len(got) != len(want) {
				return fmt.Errorf("case %d: %d phase runs stored, its events give %d", id, len(got), len(want))
			}
		}
		return nil
	})
}
