package storage

// Reads batched into one round trip. The case page reads some twenty kinds
// of things (reports, consultations, findings, actions, …), each with one
// query of its own; run one by one they cost twenty round trips to
// PostgreSQL. readBatched runs such a read in passes: a pass that asks for
// a statement not fetched yet gets no rows and the statement is noted; the
// noted statements are then fetched together, each as a JSON array of its
// rows, in a single SELECT, and the read runs again. Statements that depend
// on earlier results are noted in the next pass, so the number of round
// trips is the depth of those dependencies, not the number of items; the
// children of rows read (the agenda of the consultations, the persons of
// the reports) name their parents by a subquery, so that they come in the
// same round trip (batch_children.go). The last pass reads only fetched
// rows, scanned by the same code that scans the rows of a direct query.

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
)

// rowSet is what a query returns: *sql.Rows, or rows fetched in a batch.
type rowSet interface {
	Next() bool
	Scan(dest ...any) error
	Close() error
	Err() error
}

// oneRow is what queryRow returns: *sql.Row, or a batched row.
type oneRow interface {
	Scan(dest ...any) error
	Err() error
}

// batchSizeHint is about the number of statements of a case's read: its
// maps and lists are made that size at once instead of growing (and
// copying) on the way; a read of more grows them as before.
const batchSizeHint = 16

// maxBatchRounds bounds the passes; a read with deeper dependencies runs
// its last pass directly.
const maxBatchRounds = 4

type readBatch struct {
	engine  string
	fetched map[batchKey][][]json.RawMessage
	missed  []batchQuery
	noted   map[batchKey]bool
}

// batchKey names a statement with its arguments. The text stays a field
// of its own: joined with the arguments into one string it was copied,
// some 1 KB, for every statement of every pass.
type batchKey struct{ q, args string }

// argsKey tells one list of arguments from another: the kinds reads pass
// most (numbers and texts) written out directly, anything else as fmt's
// %#v writes it (which fmt.Sprintf did for every statement of every pass,
// a twentieth of a case's read on PostgreSQL).
func argsKey(args []any) string {
	var buf [64]byte
	b := buf[:0]
	for _, a := range args {
		switch v := a.(type) {
		case int64:
			b = strconv.AppendInt(append(b, 'i'), v, 10)
		case string:
			b = strconv.AppendQuote(append(b, 's'), v)
		default:
			b = fmt.Appendf(b, "%T%#v", v, v)
		}
		b = append(b, ',')
	}
	return string(b)
}

type batchQuery struct {
	key     batchKey
	wrapped string
	args    []any
}

// readBatched runs read (which must only read) with its queries fetched in
// batches. read may run several times; only the last run's results count.
func (tx *Tx) readBatched(read func() error) error {
	if tx.db.noBatch || tx.batch != nil {
		return read() // inside another batched read: that one fetches
	}
	b := &readBatch{engine: tx.db.dialect.engine, fetched: make(map[batchKey][][]json.RawMessage, batchSizeHint)}
	tx.batch = b
	defer func() { tx.batch = nil }()
	for range maxBatchRounds {
		b.missed, b.noted = make([]batchQuery, 0, batchSizeHint), make(map[batchKey]bool, batchSizeHint)
		err := read()
		if len(b.missed) == 0 {
			return err
		}
		if err := tx.fetchBatch(b.missed); err != nil {
			return err
		}
	}
	tx.batch = nil
	return read()
}

// rows answers a query from the batch: its fetched rows, or (when it was
// not fetched yet) no rows while it is noted for the next fetch. It
// declines statements it cannot fetch as JSON; they run directly.
func (b *readBatch) rows(q string, args []any) (*batchRows, bool) {
	if b == nil {
		return nil, false
	}
	key := batchKey{q, argsKey(args)}
	if rows, ok := b.fetched[key]; ok {
		return &batchRows{rows: rows}, true
	}
	wrapped, ok := aggregated(q, b.engine)
	if !ok {
		return nil, false
	}
	if !b.noted[key] {
		b.noted[key] = true
		b.missed = append(b.missed, batchQuery{key: key, wrapped: wrapped, args: args})
	}
	return &batchRows{missing: true}, true
}

// fetchBatch runs the noted statements as one SELECT of JSON arrays.
func (tx *Tx) fetchBatch(qs []batchQuery) error {
	pieces := make([]string, 0, 2*len(qs))
	var args []any
	for i, q := range qs {
		sep := ",\n"
		if i == 0 {
			sep = "SELECT "
		}
		pieces = append(pieces, sep, q.wrapped)
		args = append(args, q.args...)
	}
	bundle := joined(pieces)
	// PostgreSQL planned the bundle (some thirty subqueries) anew at every
	// execution, a custom plan for the arguments: that took longer than
	// running it. A generic plan is made once per connection and kept
	// with the prepared statement. The setting holds for the rest of this
	// transaction only, and counts as a statement of its own.
	if tx.db.dialect.engine == Postgres && !tx.genericPlans {
		if _, err := tx.exec(`SET LOCAL plan_cache_mode = force_generic_plan`); err != nil {
			return err
		}
		tx.genericPlans = true
	}
	// An audited read without a transaction reads once, with its entry.
	if tx.oneRead && (tx.readDone || len(tx.pending) == 0) {
		return errNotOneRead
	}
	bundle, args = withAuditWrites(tx.auditWithRead(), bundle, args)
	tx.counted(bundle, args)
	texts := make([]sql.NullString, len(qs))
	dest := make([]any, len(qs))
	for i := range texts {
		dest[i] = &texts[i]
	}
	if err := tx.tx.QueryRowContext(tx.ctx, tx.db.dialect.rebind(bundle), args...).Scan(dest...); err != nil {
		return fmt.Errorf("batched read of %d statements: %w", len(qs), err)
	}
	tx.readDone = true
	for i, q := range qs {
		var rows [][]json.RawMessage
		if texts[i].Valid {
			var err error
			if rows, err = splitJSONRows([]byte(texts[i].String)); err != nil {
				return err
			}
		}
		tx.batch.fetched[q.key] = rows
	}
	return nil
}

// batchRows are the rows of one batched statement.
type batchRows struct {
	rows    [][]json.RawMessage
	at      int
	missing bool // not fetched yet: no rows, and a single-row Scan leaves dest as it is
}

func (r *batchRows) Next() bool   { r.at++; return r.at <= len(r.rows) }
func (r *batchRows) Close() error { return nil }
func (r *batchRows) Err() error   { return nil }

func (r *batchRows) Scan(dest ...any) error {
	if r.at < 1 || r.at > len(r.rows) {
		return fmt.Errorf("batched read: Scan without a row")
	}
	row := r.rows[r.at-1]
	if len(row) != len(dest) {
		return fmt.Errorf("batched read: %d columns into %d destinations", len(row), len(dest))
	}
	for i, raw := range row {
		if err := scanCell(dest[i], raw); err != nil {
			return fmt.Errorf("batched read, column %d: %w", i+1, err)
		}
	}
	return nil
}

// one makes the rows answer like *sql.Row.
func (r *batchRows) one() oneRow { return batchRow{r} }

type batchRow struct{ r *batchRows }

func (o batchRow) Err() error { return nil }

// Scan on a statement not fetched yet leaves dest untouched and reports no
// error, so that the pass goes on and notes the statements after it.
func (o batchRow) Scan(dest ...any) error {
	if o.r.missing {
		return nil
	}
	if !o.r.Next() {
		return sql.ErrNoRows
	}
	return o.r.Scan(dest...)
}
