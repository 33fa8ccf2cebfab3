package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync/atomic"
)

// CountQueries makes every statement of every transaction add one to n,
// for the tests and benchmark that keep the case page free of N+1 queries.
// Set it before the database is used concurrently.
func (db *DB) CountQueries(n *atomic.Int64) {
	if n == nil {
		db.queryHook = nil
		return
	}
	db.queryHook = func(string, []any) { n.Add(1) }
}

// RecordQueries calls record with the text of every statement of every
// transaction (nil stops it), so that a test failing on a query count can
// say which statements ran. Set it before the database is used concurrently.
func (db *DB) RecordQueries(record func(q string)) {
	if record == nil {
		db.queryHook = nil
		return
	}
	db.queryHook = func(q string, _ []any) { record(q) }
}

// RecordStatements calls record with every statement of every transaction
// and its arguments (nil stops it), so that a test can explain them.
func (db *DB) RecordStatements(record func(q string, args []any)) { db.queryHook = record }

// TraceStatements calls record with every statement any connection runs,
// also those sent straight to a pool (nil stops it), as the engine gets
// it (on PostgreSQL with numbered parameters); record may be called from
// several goroutines at once.
func (db *DB) TraceStatements(record func(q string, args []any)) {
	if record == nil {
		db.trace.fn.Store(nil)
	} else {
		db.trace.fn.Store(&record)
	}
}

// BatchReads switches batched reads (batch.go) on or off, so that a test
// can compare what they read with the statements run one by one.
func (db *DB) BatchReads(on bool) { db.noBatch = !on }

// Explain returns the engine's plan of one statement with its arguments,
// without running it: SQLite's EXPLAIN QUERY PLAN (one line per step), or
// PostgreSQL's EXPLAIN with sequential scans discouraged, so that a table
// too small for an index to pay off still shows whether one could be used.
func (db *DB) Explain(ctx context.Context, q string, args []any) (string, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	prefix := "EXPLAIN QUERY PLAN "
	if db.dialect.engine == Postgres {
		prefix = "EXPLAIN "
		if _, err := tx.ExecContext(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
			return "", err
		}
	}
	rows, err := tx.QueryContext(ctx, prefix+db.dialect.rebind(q), args...)
	if err != nil {
		return "", fmt.Errorf("explain %q: %w", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	var lines []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		dest := make([]any, len(cols))
		for i := range vals {
			dest[i] = &vals[i]
		}
		if err := rows.Scan(dest...); err != nil {
			return "", err
		}
		lines = append(lines, vals[len(vals)-1].String) // SQLite: detail; PostgreSQL: the one column
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// QueueMail puts a message for no professional in the outbox, for tests
// of its delivery.
func (tx *Tx) QueueMail(to, subject string) error {
	_, err := tx.exec(`INSERT INTO outbox (professional_id, to_address, subject, body, ics, created_at) VALUES (NULL, ?, ?, 'x', '', ?)`,
		to, subject, tx.now)
	return err
}

// ForgetStatistics removes SQLite's planner statistics, which a bulk load
// leaves behind (ANALYZE), so that a plan test sees the plans of a database
// Schakel never analysed: chosen by the shape of the indexes alone.
// PostgreSQL keeps its own, which its plan tests do not depend on.
func (db *DB) ForgetStatistics(ctx context.Context) error {
	if db.dialect.engine != SQLite {
		return nil
	}
	for _, q := range []string{`DELETE FROM sqlite_stat1`, `ANALYZE sqlite_schema`} {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("forget statistics: %w", err)
		}
	}
	return nil
}
