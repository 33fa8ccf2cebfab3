package storage

// On PostgreSQL, a read of a case that follows its guard
// (ReadBatchedNext) carries the guard's audit entries: the entries are
// inserted by the batched read's own statement, as data-modifying WITH
// parts, instead of by a statement at commit. The read and its entries
// stay in one transaction, and in one statement; the read of a case takes
// one round trip fewer (issue 11).
//
// PostgreSQL runs every data-modifying WITH part exactly once and to
// completion, whether or not the statement reads its output, so an entry
// that cannot be written fails the read itself.

// auditWithRead returns the audit writes to put in front of a batched
// read, and takes them from the pending entries; none when the entries
// stay for the commit: on SQLite, when the read does not follow a guard,
// when asynchronous read audit is on (commitReadAsync looks at the
// transaction at commit), or when there are more entries than one
// statement takes.
func (tx *Tx) auditWithRead() []commitWrite {
	if tx.db.dialect.engine != Postgres || !tx.batchedReadNext || tx.db.AsyncReadAudit ||
		len(tx.pending) == 0 || len(tx.pending) > auditChunk || tx.atCommit != nil {
		return nil
	}
	tx.collectCommitWrites()
	defer func() { tx.atCommit = nil }()
	if err := tx.flushAuditPostgres(); err != nil {
		// flushAuditPostgres fails only when it sends writes, which it
		// does not for one chunk; keep the entries for the commit.
		return nil
	}
	return *tx.atCommit
}

// withAuditWrites is the batched read q with the audit writes in front.
func withAuditWrites(ws []commitWrite, q string, args []any) (string, []any) {
	if len(ws) == 0 {
		return q, args
	}
	// The same page carries the same writes in front of the same read:
	// its text is kept (joined.go).
	pieces, args := commitWritePieces(append(ws, commitWrite{stmt: q, args: args}))
	return joined(pieces), args
}
