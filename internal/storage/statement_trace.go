package storage

import (
	"database/sql/driver"
	"sync/atomic"
)

// statementTrace lets tests see every statement SQLite's connections run,
// also those a function sends straight to a pool instead of through a
// Tx (a session's lookup, the outbox, the jobs), which Tx.counted does
// not see. The plan tests explain what it saw. Outside tests it is empty
// and costs one atomic load per statement.
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
