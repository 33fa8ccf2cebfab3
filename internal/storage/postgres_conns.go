package storage

import "runtime"

// DefaultPostgresConns is how many connections one process opens to
// PostgreSQL at most, unless SetPostgresConns says otherwise: three per
// core this process may use, at least 6 and at most 20.
//
// Connections beyond what the cores can run only queue inside the
// database, where the last to arrive is not the last served. On the
// 2-core development machine (tools/loadtest, serve and PostgreSQL on the
// same cores, transactions taking their turn at txGate), 6 connections
// against 20: the intake from 20 clients 342 against 271 reports/s, p99
// 96 against 295 ms; GET a case from 50 clients 756 against 753 reads/s,
// p99 100 against 428 ms. Several serve processes share the server's
// max_connections (100 by default): at most 20 each keeps room for four
// of them and the administrator.
func DefaultPostgresConns() int { return postgresConnsFor(runtime.GOMAXPROCS(0)) }

func postgresConnsFor(cores int) int { return min(max(3*cores, 6), 20) }

// SetPostgresConns sets how many connections this process opens to
// PostgreSQL at most (at least 1). A third of them serve audited reads of
// a case (audited_read.go); below three there is no such share and those
// reads run as transactions. Transactions take the others in the order
// they came (txGate). SQLite keeps its one writer and eight readers.
func (db *DB) SetPostgresConns(n int) {
	if db.dialect.engine != Postgres || n < 1 {
		return
	}
	reads := auditedReadConns(n)
	db.write.SetMaxOpenConns(n - reads)
	db.write.SetMaxIdleConns(n - reads)
	db.auditedReads.SetMaxOpenConns(max(reads, 1))
	db.auditedReads.SetMaxIdleConns(reads)
	db.auditedGate = newFIFOGate(reads)
	db.txGate = newFIFOGate(n - reads)
	db.noAuditedReads = reads == 0
}
