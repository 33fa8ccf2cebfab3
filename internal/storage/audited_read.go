package storage

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"time"
)

// A read of a case on PostgreSQL, in two statements and no more (issue
// 11). Inside BEGIN and COMMIT it took four round trips: BEGIN, the guard,
// the batched read with the guard's audit entry (batch_audit.go), COMMIT.
// Without them each statement is a transaction of its own: the guard's
// read of the access facts, then the read of the case with its audit
// entry, which commit together or not at all. Within a transaction at
// PostgreSQL's READ COMMITTED the two statements saw two snapshots as
// well, so nothing changes in what the guard and the read see.
//
// The statements run on a pool of their own whose connections plan on
// generic plans (plan_cache_mode), which the batched read needs and which
// a transaction set with SET LOCAL before: a session's setting holds for
// every statement on it, so it cannot be the shared pool's.

// errNotOneRead stops a function given to ReadAudited that does more than
// a guard and one batched read; ReadAudited then runs it as an Update.
var errNotOneRead = errors.New("storage: an audited read does more than one read")

// executor is what runs a Tx's statements: its transaction, or for an
// audited read the pool of such reads.
type executor interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// ReadAudited runs fn, the read of a case: its guard (which audits the
// decision) and then one batched read (ReadBatchedNext). On PostgreSQL
// the read carries the guard's entry in its own statement and no
// transaction is begun. fn must do nothing else: a write, a read after
// the entry other than the batched one, or a read in a second pass stops
// it, and it runs again as an Update (the entry of the stopped run, if it
// was written, then records a read whose rows nobody received). On
// SQLite, with asynchronous read audit or without a pool for such reads,
// it is an Update; so too when tests read statement by statement.
func (db *DB) ReadAudited(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if db.auditedReads == nil || db.noAuditedReads || db.AsyncReadAudit || db.noBatch {
		return db.Update(ctx, fn)
	}
	// As runTx: a read whose entry's number the sealer claimed meanwhile
	// left nothing and may run again.
	for attempt := 0; ; attempt++ {
		err = db.tryAuditedRead(ctx, fn)
		if attempt < 3 && isRetryable(err) {
			continue
		}
		return err
	}
}

func (db *DB) tryAuditedRead(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.runOneRead(ctx, fn)
	var refused *refusal
	switch {
	case errors.Is(err, errNotOneRead):
		db.auditedReruns.Add(1)
		return db.Update(ctx, fn)
	case errors.As(err, &refused):
		if err := db.auditRefusal(ctx, tx); err != nil {
			return err
		}
		return refused.answer()
	case err != nil:
		return err
	case len(tx.pending) > 0:
		// Entries made after the read (or with no read at all) describe
		// no rows read after them: they are written on their own.
		left := tx.pending
		return db.Update(ctx, func(t *Tx) error { t.pending = left; return nil })
	}
	return nil
}

// runOneRead runs fn's statements on one connection of the audited reads'
// pool, taken in turn behind its gate and given back before anything
// else runs: a rerun or a refusal's entry goes to the other pool.
func (db *DB) runOneRead(ctx context.Context, fn func(tx *Tx) error) (*Tx, error) {
	tx := &Tx{db: db, ctx: ctx, now: db.Now().UTC().Truncate(time.Microsecond),
		oneRead: true, genericPlans: true, batchedReadNext: true}
	if err := db.auditedGate.enter(ctx); err != nil {
		return tx, err
	}
	defer db.auditedGate.leave()
	conn, err := db.auditedReads.Conn(ctx)
	if err != nil {
		return tx, err
	}
	defer conn.Close()
	tx.tx = conn
	return tx, fn(tx)
}

// mayRun says whether the statement about to run may: in an audited read
// only reads, and none once the audit entry is pending or written, except
// the batched read that carries it (fetchBatch).
func (tx *Tx) mayRun(write bool) error {
	if tx.oneRead && (write || tx.readDone || len(tx.pending) > 0) {
		return errNotOneRead
	}
	return nil
}

// AuditedReadStats returns the use of the audited reads' pool (zero on
// SQLite) and how many reads ran again as an Update: a number that keeps
// growing means some read does more than ReadAudited takes, and each of
// those reads leaves two entries.
func (db *DB) AuditedReadStats() (pool sql.DBStats, reruns int64) {
	if db.auditedReads != nil && !db.noAuditedReads {
		pool = db.auditedReads.Stats()
		// Reads wait for their turn at the gate, not in the pool.
		pool.WaitCount, pool.WaitDuration = db.auditedGate.stats()
	}
	return pool, db.auditedReruns.Load()
}

// failedRow is a row whose statement was not run.
type failedRow struct{ err error }

func (r failedRow) Scan(...any) error { return r.err }
func (r failedRow) Err() error        { return r.err }

// auditedReadConns is the share of the connections that serves audited
// reads. A read holds its connection for two statements and the guard's
// decision between them. Measured with tools/loadtest/run.sh on 2 cores
// and 20 connections, GET a case from 50 clients: a quarter (5) gave
// 1,238 reads/s, a third (6) 1,317/s, a half (10) 1,362/s at about the
// same p99; a third leaves the rest two connections in three.
func auditedReadConns(n int) int { return n / 3 }

// withGenericPlans is a PostgreSQL connection string whose sessions plan
// on generic plans.
func withGenericPlans(dsn string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("plan_cache_mode", "force_generic_plan")
	u.RawQuery = q.Encode()
	return u.String(), nil
}
