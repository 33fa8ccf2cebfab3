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
	db.queryHook = func() { n.Add(1) }
}

// CountRowsForTest counts the rows of a table.
func CountRowsForTest(tx *Tx, table string) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n)
	return n, err
}
