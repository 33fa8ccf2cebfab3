// Package storage owns every SQL statement of Schakel, for SQLite (the
// default, a single file) and PostgreSQL (production, several servers side
// by side). Queries are written once with '?' placeholders; the only
// differences between the engines live in the dialect value below and in
// the two migration folders.
package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"schakel/internal/sealed"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/chain"
)

//go:embed migrations
var migrations embed.FS

// Engine names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

type dialect struct {
	engine string
	// numbered placeholders ($1, $2, …) instead of '?'
	numbered bool
}

// sqliteSynchronous is how SQLite syncs to disk. FULL: a transaction that
// committed (a report that was acknowledged) survives a power cut or an
// operating-system crash; with NORMAL in WAL mode it survives a crash of
// Schakel but a power cut may lose the last commits. README "Durability"
// states what each engine promises and what FULL costs.
const sqliteSynchronous = "FULL"

// sqliteWriterTempStore is where the writer keeps temporary data, savepoint
// journals among them (see Open).
const sqliteWriterTempStore = "MEMORY"

// DB is a Schakel database.
type DB struct {
	// write takes every transaction that writes (and every audited read,
	// since auditing is a write: an insert into audit_log, no shared row). For SQLite it is a single connection so
	// that writers queue in Go instead of failing with SQLITE_BUSY.
	write *sql.DB
	// read serves unaudited reads; for PostgreSQL it is the same pool.
	read *sql.DB
	// auditedReads (PostgreSQL) runs reads of a case that carry their
	// audit entry, without a transaction (audited_read.go);
	// noAuditedReads: its share of the connections is none.
	auditedReads   *sql.DB
	noAuditedReads bool
	// auditedGate lets readers take auditedReads' connections in turn.
	auditedGate *fifoGate
	// txGate lets PostgreSQL's transactions take the shared pool's
	// connections in the order they came (fifo_gate.go; nil on SQLite,
	// whose writers queue for the group committer).
	txGate *fifoGate
	// auditedReruns counts audited reads that ran again as an Update.
	auditedReruns atomic.Int64
	dialect       dialect
	dsn           string
	// phases are the rules behind case_phases (phase_rules.go).
	phases PhaseRules
	// Now returns the current time; tests may replace it.
	Now func() time.Time
	// Secrets seals the keys of authenticator apps at rest (nil: they are
	// written as they are; sealed ones then cannot be read).
	Secrets *sealed.Box
	// InvitationGrace is how long an invitation keeps giving access after
	// its consultation was held (access.InvitationHolds).
	InvitationGrace time.Duration
	// AsyncReadAudit, on PostgreSQL, commits a transaction that wrote
	// nothing but its audit entries (an audited read, a refusal) without
	// waiting for the WAL flush: see flushAudit.
	AsyncReadAudit bool
	// queryHook, when set (by tests only), is called for every statement
	// a transaction runs: the case page benchmark counts queries with it.
	queryHook func(q string, args []any)
	// group commits SQLite's writing transactions together
	// (group_commit.go); nil on PostgreSQL.
	group *groupCommitter
	// checkpoint copies SQLite's write-ahead log into the database file
	// (sqlite_checkpoint.go); nil on PostgreSQL.
	checkpoint *checkpointer
	// noBatch makes batched reads run their statements one by one (tests
	// compare both ways).
	noBatch bool
	// trace sees every statement of every connection (tests only;
	// statement_trace.go).
	trace *statementTrace
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens (creating for SQLite) the database and brings its schema to
// the level of this binary. It refuses a database whose schema is newer.
// phases are the rules that keep case_phases in step with chain_events
// (chain.Rules{}); without them it refuses to open.
func Open(ctx context.Context, dsn string, phases PhaseRules) (*DB, error) {
	db, err := OpenNoMigrate(ctx, dsn, phases)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// OpenNoMigrate opens the database without touching its schema.
func OpenNoMigrate(ctx context.Context, dsn string, phases PhaseRules) (*DB, error) {
	if phases == nil {
		return nil, errNoPhaseRules
	}
	db := &DB{dsn: dsn, Now: time.Now, InvitationGrace: access.DefaultInvitationGrace, phases: phases, trace: &statementTrace{}}
	if IsPostgres(dsn) {
		db.dialect = dialect{engine: Postgres, numbered: true}
		pool, err := openPostgres(db.trace, dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		pool.SetConnMaxIdleTime(5 * time.Minute)
		db.write, db.read = pool, pool
		generic, err := withGenericPlans(dsn)
		if err != nil {
			pool.Close()
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		if db.auditedReads, err = openPostgres(db.trace, generic); err != nil {
			pool.Close()
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db.auditedReads.SetConnMaxIdleTime(5 * time.Minute)
		db.SetPostgresConns(DefaultPostgresConns())
	} else {
		db.dialect = dialect{engine: SQLite}
		path := strings.TrimPrefix(dsn, "sqlite://")
		path = strings.TrimPrefix(path, "file:")
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path = path[:i]
		}
		if path == "" {
			return nil, errors.New("empty SQLite path")
		}
		base := "file:" + path + "?" + url.Values{
			"_pragma": {"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(" + sqliteSynchronous + ")"},
		}.Encode() + "&_time_format=sqlite"
		// The writer keeps its temporary files in memory: every command of
		// a group commit runs in a savepoint, whose journal of changed pages
		// otherwise spills to a temporary file past 64 KiB, and writing it
		// page by page (and each page number as its own write) took a seventh
		// of the intake's processor time, all inside the one writer.
		w, err := openSQLite(db.trace, base+"&_pragma=temp_store("+sqliteWriterTempStore+")&_pragma=wal_autocheckpoint("+strconv.Itoa(sqliteWriterCheckpointPages)+")&_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
		w.SetMaxOpenConns(1)
		w.SetConnMaxLifetime(0)
		w.SetConnMaxIdleTime(0)
		// Make sure the file and WAL mode exist before readers open it.
		if err := w.PingContext(ctx); err != nil {
			w.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		r, err := openSQLite(db.trace, base+"&_pragma=query_only(1)")
		if err != nil {
			w.Close()
			return nil, err
		}
		r.SetMaxOpenConns(8)
		r.SetMaxIdleConns(8)
		ck, err := openSQLite(db.trace, base)
		if err != nil {
			w.Close()
			r.Close()
			return nil, err
		}
		db.write, db.read = w, r
		db.startCheckpointer(ck)
		db.startGroupCommit()
	}
	if err := db.write.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", db.dialect.engine, err)
	}
	return db, nil
}

// openSQLite opens a pool whose connections each keep their prepared
// statements (stmtcache.go).
func openSQLite(trace *statementTrace, dsn string) (*sql.DB, error) {
	c, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(stmtCacheConnector{Connector: c, size: 256, trace: trace}), nil
}

// Engine returns SQLite or Postgres.
func (db *DB) Engine() string { return db.dialect.engine }

// OneWriter reports whether writing transactions run one at a time
// (SQLite). There a read done before a write transaction, and checked
// inside it, keeps the one writer free for others. On PostgreSQL writers
// run side by side, so such a read is only a second read of the same rows.
func (db *DB) OneWriter() bool { return db.dialect.engine != Postgres }

// Close closes the pools.
func (db *DB) Close() error {
	db.stopGroupCommit()
	err := db.stopCheckpointer()
	if e := db.write.Close(); err == nil {
		err = e
	}
	if db.read != db.write {
		if e := db.read.Close(); err == nil {
			err = e
		}
	}
	if db.auditedReads != nil {
		if e := db.auditedReads.Close(); err == nil {
			err = e
		}
	}
	return err
}

// WriteStats returns the statistics of the pool that writes (SQLite's one
// writing connection, PostgreSQL's shared pool), for /metrics: a pool that
// is always in use and keeps making requests wait is the first sign of load.
// On SQLite a writer first waits for the group committer
// (group_commit.go), on PostgreSQL a transaction for its turn at the
// gate (txGate): those waits are counted with the pool's.
func (db *DB) WriteStats() sql.DBStats {
	s := db.write.Stats()
	if g := db.group; g != nil {
		s.WaitCount += g.waits.Load()
		s.WaitDuration += time.Duration(g.waited.Load())
	}
	if g := db.txGate; g != nil {
		n, d := g.stats()
		s.WaitCount += n
		s.WaitDuration += d
	}
	return s
}

// Ping checks the connection, for /healthz.
func (db *DB) Ping(ctx context.Context) error { return db.write.PingContext(ctx) }

func (db *DB) provider() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations/"+db.dialect.engine)
	if err != nil {
		return nil, err
	}
	d := goose.DialectSQLite3
	if db.dialect.engine == Postgres {
		d = goose.DialectPostgres
	}
	return goose.NewProvider(d, db.write, sub, goose.WithDisableGlobalRegistry(true))
}

// SchemaVersions returns the database's migration level and the newest one
// this binary knows.
func (db *DB) SchemaVersions(ctx context.Context) (current, known int64, err error) {
	p, err := db.provider()
	if err != nil {
		return 0, 0, err
	}
	for _, s := range p.ListSources() {
		known = max(known, s.Version)
	}
	current, err = p.GetDBVersion(ctx)
	return current, known, err
}

// Migrate upgrades the schema and returns the versions applied. A database
// from a newer Schakel is refused rather than touched.
func (db *DB) Migrate(ctx context.Context) ([]int64, error) {
	unlock, err := db.lockMigrations(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock the schema for migration: %w", err)
	}
	defer unlock()
	current, known, err := db.SchemaVersions(ctx)
	if err != nil {
		return nil, fmt.Errorf("read schema version: %w", err)
	}
	if current > known {
		return nil, fmt.Errorf("the database schema is at version %d but this schakel binary only knows up to %d: "+
			"run a newer schakel, or restore a backup made for this version", current, known)
	}
	p, err := db.provider()
	if err != nil {
		return nil, err
	}
	res, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var applied []int64
	for _, r := range res {
		applied = append(applied, r.Source.Version)
	}
	return applied, nil
}

// lockMigrations makes servers that start side by side on one PostgreSQL
// schema migrate one after the other instead of racing each other: a
// session advisory lock, per schema, held on a connection of its own while
// the versions are checked and the migrations run.
func (db *DB) lockMigrations(ctx context.Context) (unlock func(), err error) {
	if db.dialect.engine != Postgres {
		return func() {}, nil
	}
	const key = `hashtext(current_schema() || '.schakel.migrate')`
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+key+`)`); err != nil {
		conn.Close()
		return nil, err
	}
	return func() {
		if _, err := conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(`+key+`)`); err != nil {
			// Never hand a connection that may still hold the lock back
			// to the pool.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}, nil
}

// rebind turns '?' placeholders into $1, $2, … for PostgreSQL. Queries in
// this package never contain a literal '?' inside a string. The texts are
// few and run again and again (a twentieth of the intake's processor time
// in this process went to rewriting them), so each is rewritten once and
// kept (up to 4,096 texts).
func (d dialect) rebind(q string) string {
	if !d.numbered {
		return q
	}
	return rebound.get(q, func() string { return numberPlaceholders(q) })
}

var rebound = kept[string, string]{limit: 4096}

func numberPlaceholders(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

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

func notFound(what string) error {
	return schakel.Errorf(schakel.ENOTFOUND, "%s niet gevonden.", what)
}

// nullTime converts a nullable time column.
func nullTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.UTC()
	return &v
}

func fmtInt(v int64) string { return strconv.FormatInt(v, 10) }

type contextT = context.Context
