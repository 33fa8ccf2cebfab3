package storage

import "sync/atomic"

// CountQueries makes every statement of every transaction add one to n,
// for the tests and benchmark that keep the case page free of N+1 queries.
// Set it before the database is used concurrently.
func (db *DB) CountQueries(n *atomic.Int64) {
	if n == nil {
		db.queryHook = nil
		return
	}
	db.queryHook = func(string) { n.Add(1) }
}

// RecordQueries calls record with the text of every statement of every
// transaction (nil stops it), so that a test failing on a query count can
// say which statements ran. Set it before the database is used concurrently.
func (db *DB) RecordQueries(record func(q string)) { db.queryHook = record }

// BatchReads switches batched reads (batch.go) on or off, so that a test
// can compare what they read with the statements run one by one.
func (db *DB) BatchReads(on bool) { db.noBatch = !on }
