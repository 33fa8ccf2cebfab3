package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"schakel/internal/audit"
	"schakel/internal/chain"
)

// Tx is a database transaction. Every storage function that touches
// personal data runs in one, so that its audit entry commits or rolls back
// with it.
type Tx struct {
	tx  executor
	db  *DB
	ctx context.Context
	now time.Time
	// oneRead: the statements run without a transaction, a guard and one
	// batched read with its audit entry (ReadAudited); readDone: that read
	// ran.
	oneRead, readDone bool
	// audit entries are written just before commit (flushAudit), so that
	// the numbers they take are committed or rolled back within
	// milliseconds and the sealer seldom waits for one.
	pending []pendingAudit
	// rollup holds this transaction's changes to the dashboards' monthly
	// roll-ups, written just before commit (chain_rollup.go).
	rollup rollupDelta
	// noRollup makes the dashboards read the detail tables only (tests
	// compare both ways).
	noRollup bool
	// batch, while set, answers reads from statements fetched together in
	// one round trip (batch.go).
	batch *readBatch
	// genericPlans: plan_cache_mode is set to generic plans for the rest
	// of this PostgreSQL transaction (fetchBatch).
	genericPlans bool
	// batchedReadNext: a batched read follows the case guard, which then
	// sets generic plans itself (ReadBatchedNext).
	batchedReadNext bool
	// norms keeps each region's norms once read (regionNorms); changing a
	// norm forgets its region's.
	norms map[int64]map[chain.PhaseID]*chain.Norm
	// phasesDue are the cases whose phase runs are derived just before
	// commit (chain_phases_due.go); phasesErr a failure to derive them.
	phasesDue []phasesDue
	phasesErr error
	// waitingEvents are events recorded and not yet inserted, eventsErr a
	// failure to insert them (chain_events_kept.go).
	waitingEvents [][]any
	eventsErr     error
	// waitingCases are the cases whose kept waiting rows are rewritten
	// just before commit (caseload_waiting_kept.go).
	waitingCases map[int64]bool
	// cases and fresh are what this transaction knows of the cases and
	// families it touched (case_known.go).
	cases map[int64]*caseKnown
	fresh map[int64]*freshFamily
	// freshConsultations were planned by this transaction and have no
	// needs recorded yet (AddConsultationNeeds).
	freshConsultations map[int64]bool
	// atCommit, while set, keeps the writes of beforeCommit for one
	// statement (commit_writes.go).
	atCommit *[]commitWrite
}

func (tx *Tx) exec(q string, args ...any) (sql.Result, error) {
	if err := tx.mayRun(true); err != nil {
		return nil, err
	}
	tx.counted(q, args)
	return tx.tx.ExecContext(tx.ctx, tx.db.dialect.rebind(q), args...)
}

func (tx *Tx) query(q string, args ...any) (rowSet, error) {
	if rows, ok := tx.batch.rows(q, args); ok {
		return rows, nil
	}
	if err := tx.mayRun(false); err != nil {
		return nil, err
	}
	tx.counted(q, args)
	return tx.tx.QueryContext(tx.ctx, tx.db.dialect.rebind(q), args...)
}

// queryDirect runs a query outside any batch, for callers that need the
// rows' columns.
func (tx *Tx) queryDirect(q string, args ...any) (*sql.Rows, error) {
	if err := tx.mayRun(false); err != nil {
		return nil, err
	}
	tx.counted(q, args)
	return tx.tx.QueryContext(tx.ctx, tx.db.dialect.rebind(q), args...)
}

func (tx *Tx) queryRow(q string, args ...any) oneRow {
	if rows, ok := tx.batch.rows(q, args); ok {
		return rows.one()
	}
	if err := tx.mayRun(false); err != nil {
		return failedRow{err}
	}
	tx.counted(q, args)
	return tx.tx.QueryRowContext(tx.ctx, tx.db.dialect.rebind(q), args...)
}

func (tx *Tx) counted(q string, args []any) {
	tx.settleEventsFor(q)
	tx.settlePhasesFor(q)
	tx.forgetCasesOn(q)
	tx.forgetEventsOn(q)
	if h := tx.db.queryHook; h != nil {
		h(q, args)
	}
}

// insert runs an INSERT … RETURNING id and returns the id.
func (tx *Tx) insert(q string, args ...any) (int64, error) {
	var id int64
	err := tx.queryRow(q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// Update runs fn in a writing transaction. If fn returns an error, or the
// commit fails, nothing of it stays.
func (db *DB) Update(ctx context.Context, fn func(tx *Tx) error) error {
	if db.group != nil {
		return db.grouped(ctx, fn)
	}
	return db.runTx(ctx, db.write, false, fn)
}

// View runs fn in a read-only transaction on the read pool. It must not be
// used for personal data, which is audited and therefore needs Update.
func (db *DB) View(ctx context.Context, fn func(tx *Tx) error) error {
	return db.runTx(ctx, db.read, true, fn)
}

func (db *DB) runTx(ctx context.Context, pool *sql.DB, readOnly bool, fn func(tx *Tx) error) (err error) {
	opts := &sql.TxOptions{}
	if db.dialect.engine == Postgres {
		opts.ReadOnly = readOnly
	}
	if gate := db.txGate; gate != nil && pool == db.write {
		if err := gate.enter(ctx); err != nil {
			return err
		}
		defer gate.leave()
	}
	for attempt := 0; ; attempt++ {
		err = db.tryTx(ctx, pool, opts, fn)
		// PostgreSQL may abort one of two conflicting transactions
		// (serialization failure or deadlock); they are safe to retry because
		// nothing of the failed one stayed.
		if attempt < 3 && isRetryable(err) {
			continue
		}
		return err
	}
}

func (db *DB) tryTx(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(tx *Tx) error) (err error) {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, db: db, ctx: ctx, now: db.Now().UTC().Truncate(time.Microsecond)}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			sqlTx.Rollback()
		}
	}()
	var refused *refusal
	if err = fn(tx); errors.As(err, &refused) {
		// A refusal keeps nothing but its own audit entry. Whatever the
		// function wrote before it refused is rolled back here, by the one
		// transaction runner, so no command can leave half a change behind.
		if rbErr := sqlTx.Rollback(); rbErr != nil {
			return fmt.Errorf("rollback refused command: %w", rbErr)
		}
		if err = db.auditRefusal(ctx, tx); err != nil {
			return err
		}
		return refused.answer()
	} else if err != nil {
		return err
	}
	if err = tx.beforeCommit(); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// beforeCommit writes what a transaction keeps until its end: the phase
// runs of the cases it changed, the roll-ups, the waiting rows and, last,
// its audit entries.
func (tx *Tx) beforeCommit() error {
	tx.collectCommitWrites()
	defer func() { tx.atCommit = nil }()
	if err := tx.flushPhases(); err != nil {
		return err
	}
	// After the phases, whose derivation may read the events back.
	if err := tx.flushKeptEvents(); err != nil {
		return err
	}
	if err := tx.flushRollups(); err != nil {
		return err
	}
	if len(tx.waitingCases) > 0 {
		// The waiting rows are rewritten by a statement that reads: what
		// was kept goes first.
		if err := tx.sendCommitWrites(); err != nil {
			return err
		}
		if err := tx.flushWaiting(); err != nil {
			return err
		}
		tx.collectCommitWrites()
	}
	if err := tx.flushAudit(); err != nil {
		return err
	}
	return tx.sendCommitWrites()
}

// refusalEntries are the refused and not-found entries a refused
// transaction collected: the allowed reads before the refusal showed
// nothing to anyone.
func refusalEntries(refused *Tx) []pendingAudit {
	var out []pendingAudit
	for _, p := range refused.pending {
		if p.entry.Outcome != audit.Allowed && p.entry.Outcome != "" {
			out = append(out, p)
		}
	}
	return out
}

// auditRefusal writes, in a transaction of its own, only the refused and
// not-found entries that the rolled-back transaction collected: the
// allowed reads before the refusal showed nothing to anyone.
func (db *DB) auditRefusal(ctx context.Context, refused *Tx) error {
	sqlTx, err := db.write.BeginTx(ctx, &sql.TxOptions{})
	if err != nil {
		return fmt.Errorf("begin refusal audit: %w", err)
	}
	tx := &Tx{tx: sqlTx, db: db, ctx: ctx, now: refused.now, pending: refusalEntries(refused)}
	if err := tx.flushAudit(); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit refusal audit: %w", err)
	}
	return nil
}

func isRetryable(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "40001" || pg.Code == "40P01" || isAuditNumberClaimed(err)
	}
	return false
}

// isUniqueViolation reports a UNIQUE constraint failure on either engine.
func isUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// Now returns the transaction's clock: one instant for everything it writes.
func (tx *Tx) Now() time.Time { return tx.now }

// InvitationGrace is how long an invitation keeps giving access after its
// consultation was held, as this database is configured.
func (tx *Tx) InvitationGrace() time.Duration { return tx.db.InvitationGrace }
