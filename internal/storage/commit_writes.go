package storage

import (
	"fmt"
	"strconv"
	"strings"
)

// The writes a transaction keeps until its end (the phase runs of the
// cases it opened, its roll-up differences, its audit entries) need no
// answer and read nothing another of them writes. On PostgreSQL they go
// to the server as one statement of data-modifying WITH parts instead of
// one round trip each (issue 11: every round trip of the intake costs a
// few tenths of a millisecond under load). SQLite has no round trips and
// no data-modifying WITH; there they run one by one, as before.

// commitWrite is one such write: a statement, the WITH parts it names
// ("name AS (…)", each a data-modifying statement of its own), and its
// arguments in the order of the text (the parts first).
type commitWrite struct {
	with []string
	stmt string
	args []any
}

// execAtCommit runs w, or keeps it for the statement beforeCommit sends
// when it collects.
func (tx *Tx) execAtCommit(w commitWrite) error {
	if tx.atCommit != nil {
		*tx.atCommit = append(*tx.atCommit, w)
		return nil
	}
	q, args := combineCommitWrites([]commitWrite{w})
	_, err := tx.exec(q, args...)
	return err
}

// collectCommitWrites makes execAtCommit keep its writes (PostgreSQL only)
// until sendCommitWrites.
func (tx *Tx) collectCommitWrites() {
	if tx.db.dialect.engine == Postgres {
		tx.atCommit = &[]commitWrite{}
	}
}

// sendCommitWrites runs the kept writes as one statement: every write but
// the last becomes a WITH part of its own (PostgreSQL runs each exactly
// once and to completion, whether or not the statement reads it), the
// last is the statement itself. Collecting stops.
func (tx *Tx) sendCommitWrites() error {
	if tx.atCommit == nil {
		return nil
	}
	ws := *tx.atCommit
	tx.atCommit = nil
	if len(ws) == 0 {
		return nil
	}
	q, args := combineCommitWrites(ws)
	if _, err := tx.exec(q, args...); err != nil {
		return fmt.Errorf("writes at commit (%d statements in one): %w", len(ws), err)
	}
	return nil
}

// combineCommitWrites is the text and arguments of sendCommitWrites.
func combineCommitWrites(ws []commitWrite) (string, []any) {
	pieces, args := commitWritePieces(ws)
	return strings.Join(pieces, ""), args
}

// commitWritePieces is the text of ws, the last one's statement preceded
// by the others as WITH parts, in pieces to be joined.
func commitWritePieces(ws []commitWrite) ([]string, []any) {
	var pieces []string
	var args []any
	sep := "WITH "
	for i, w := range ws {
		for _, with := range w.with {
			pieces = append(pieces, sep, with)
			sep = ",\n"
		}
		args = append(args, w.args...)
		if i < len(ws)-1 {
			pieces = append(pieces, sep, "commit_write_", strconv.Itoa(i), " AS (", w.stmt, ")")
			sep = ",\n"
		}
	}
	if len(pieces) > 0 {
		pieces = append(pieces, "\n")
	}
	return append(pieces, ws[len(ws)-1].stmt), args
}

// keepsCommitWrites reports whether writes are kept for the statement at
// commit: then the transaction writes more than its audit entries.
func (tx *Tx) keepsCommitWrites() bool {
	return tx.atCommit != nil && len(*tx.atCommit) > 0
}
