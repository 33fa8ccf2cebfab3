package storage

import (
	"context"
	"errors"
)

// Hooks for the sealer's fault tests (audit_seal_test.go).

// OnSeal writes the seals in chunks of chunk entries and calls fn inside
// the transaction after each, with the number sealed so far in it.
func (s *AuditSealer) OnSeal(chunk int, fn func(sealed int) error) {
	s.chunk, s.afterSeal = chunk, fn
}

// WithoutLock makes the sealer skip its lock, so that only the
// compare-and-set stands between two sealers.
func (s *AuditSealer) WithoutLock() { s.noLock = true }

// IsSealConflict reports the error of a sealer that found its entries
// sealed by another.
func IsSealConflict(err error) bool { return errors.Is(err, errSealConflict) }

// IsRetryable reports whether runTx retries after err.
func IsRetryable(err error) bool { return isRetryable(err) }

// FlushAuditNow writes the transaction's pending audit entries now instead
// of just before commit, so that a test can hold the transaction open (or
// roll it back) with its entries written.
func (tx *Tx) FlushAuditNow() error { return tx.beforeCommit() }

// KeepRollupForTest adds one to a roll-up row, written at commit (so it is
// kept for the statement at commit on PostgreSQL).
func (tx *Tx) KeepRollupForTest(regionID int64) {
	if tx.rollup.events == nil {
		tx.rollup.events = map[eventKey]eventCounts{}
	}
	tx.rollup.events[eventKey{month: 202611, typ: "test", region: regionID, municipality: "Test"}] = eventCounts{n: 1}
}

// CountLockWaits counts PostgreSQL sessions waiting for a lock while
// running a statement that contains text.
func (db *DB) CountLockWaits(ctx context.Context, text string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_stat_activity
		WHERE wait_event_type = 'Lock' AND position($1 in query) > 0 AND pid <> pg_backend_pid()`, text).Scan(&n)
	return n, err
}

// CurrentSetting returns a PostgreSQL setting as this transaction sees it.
func (tx *Tx) CurrentSetting(name string) (string, error) {
	var v string
	err := tx.queryRow(`SELECT current_setting(?)`, name).Scan(&v)
	return v, err
}
