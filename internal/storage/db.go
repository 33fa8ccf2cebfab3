// Package storage owns every SQL statement of Schakel, for SQLite (the
// default, a single file) and PostgreSQL (production, several servers side
// by side). Queries are written once with '?' placeholders; the only
// differences between the engines live in the dialect value below and in
// the two migration folders.
package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/sealed"
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
