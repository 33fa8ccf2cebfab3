package storage

import (
	"fmt"
	"strings"

	"schakel/internal/audit"
)

// flushAudit writes the pending entries. Each takes the next number of
// the trail's sequence (an identity on PostgreSQL, the rowid on SQLite) and
// is written without its chain link: no row is shared between
// transactions, so audited transactions never wait for one another. The
// sealer (audit_seal.go) chains the entries in sequence order shortly
// after they commit.
func (tx *Tx) flushAudit() error {
	if len(tx.pending) == 0 {
		return nil
	}
	if tx.db.dialect.engine == Postgres {
		if tx.db.AsyncReadAudit && !tx.keepsCommitWrites() {
			if err := tx.commitReadAsync(); err != nil {
				return err
			}
		}
		return tx.flushAuditPostgres()
	}
	for _, p := range tx.pending {
		e := p.entry
		e.Normalize()
		if err := tx.queryRow(`INSERT INTO audit_log (`+auditEntryColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
			auditEntryValues(e)...).Scan(&e.Seq); err != nil {
			return fmt.Errorf("append audit entry: %w", err)
		}
		if err := tx.insertAuditPersons(e); err != nil {
			return err
		}
	}
	tx.pending = nil
	return nil
}

// auditChunk bounds the entries of one statement (20 parameters each,
// PostgreSQL takes at most 65,535).
const auditChunk = 1000

// flushAuditPostgres writes the pending entries and their index by person
// in one statement per auditChunk entries, instead of two round trips per
// entry (issue 11: an intake writes two to five entries). The person index
// is taken from the entry's own persons column as written, so the two can
// never disagree; the entries take their numbers in the order given.
func (tx *Tx) flushAuditPostgres() error {
	const row = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	for chunk := 0; len(tx.pending) > 0; chunk++ {
		n := min(len(tx.pending), auditChunk)
		args := make([]any, 0, 20*n)
		for _, p := range tx.pending[:n] {
			e := p.entry
			e.Normalize()
			args = append(args, auditEntryValues(e)...)
		}
		// The parts of one statement run in no fixed order, so a later
		// chunk waits until the earlier ones are sent: entries keep their
		// numbers in the order given.
		if chunk > 0 {
			if err := tx.sendCommitWrites(); err != nil {
				return err
			}
		}
		e := fmt.Sprintf("audit_entries_%d", chunk)
		w := commitWrite{
			with: []string{e + ` AS (INSERT INTO audit_log (` + auditEntryColumns + `) VALUES ` +
				row + strings.Repeat(", "+row, n-1) + ` RETURNING seq, persons)`},
			stmt: `INSERT INTO audit_persons (person_id, seq)
			SELECT CAST(p AS BIGINT), ` + e + `.seq FROM ` + e + ` CROSS JOIN LATERAL unnest(string_to_array(` + e + `.persons, ',')) AS p
			WHERE ` + e + `.persons <> ''`,
			args: args,
		}
		if err := tx.execAtCommit(w); err != nil {
			return fmt.Errorf("append audit entries: %w", err)
		}
		tx.pending = tx.pending[n:]
	}
	tx.pending = nil
	return nil
}

// commitReadAsync lets PostgreSQL commit this transaction without waiting
// for its WAL to reach the disk, when it has written nothing yet (no
// transaction id assigned): the transaction only read, and writes only its
// audit entries. A durable commit costs a WAL flush, several times the
// read itself on most disks. The price: if the database server crashes
// (not Schakel), the entries of reads committed in the last moments before
// it (up to three times wal_writer_delay, 0.6 s by default) are lost,
// while what was read was shown. Transactions that write anything else
// stay durable. Off unless the operator chooses it (serve
// --audit-reads-async).
func (tx *Tx) commitReadAsync() error {
	_, err := tx.exec(`SELECT set_config('synchronous_commit', 'off', true) WHERE pg_current_xact_id_if_assigned() IS NULL`)
	if err != nil {
		return fmt.Errorf("audit: asynchronous commit of a read: %w", err)
	}
	return nil
}

// insertAuditPersons indexes an entry by the persons it names, in one
// statement.
func (tx *Tx) insertAuditPersons(e audit.Entry) error {
	if len(e.Persons) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(e.Persons))
	for _, pid := range e.Persons {
		args = append(args, pid, e.Seq)
	}
	q := `INSERT INTO audit_persons (person_id, seq) VALUES (?, ?)` + strings.Repeat(`, (?, ?)`, len(e.Persons)-1)
	if _, err := tx.exec(q, args...); err != nil {
		return fmt.Errorf("append audit persons: %w", err)
	}
	return nil
}
