package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// statementTrace lets tests see every statement the connections run,
// also those a function sends straight to a pool instead of through a
// Tx (a session's lookup, the outbox, the jobs), which Tx.counted does
// not see. The plan tests explain what it saw. Outside tests it is empty
// and costs one atomic load per statement. SQLite's connections report
// to it from the statement cache (stmtcache.go), PostgreSQL's through
// pgx's query tracer.
type statementTrace struct {
	fn atomic.Pointer[func(q string, args []any)]
}

// saw reports a statement to the trace's function, if one is set.
func (t *statementTrace) saw(q string, args []driver.NamedValue) {
	if t == nil {
		return
	}
	if f := t.fn.Load(); f != nil {
		vals := make([]any, len(args))
		for i, a := range args {
			vals[i] = a.Value
		}
		(*f)(q, vals)
	}
}

// TraceQueryStart makes the trace pgx's query tracer.
func (t *statementTrace) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if f := t.fn.Load(); f != nil {
		(*f)(d.SQL, d.Args)
	}
	return ctx
}

func (t *statementTrace) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// openPostgres opens a pool on dsn whose connections report their
// statements to trace.
func openPostgres(trace *statementTrace, dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.Tracer = trace
	return stdlib.OpenDB(*cfg), nil
}
