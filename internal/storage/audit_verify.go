package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"schakel/internal/audit"
)

// AuditHead returns the newest sealed entry of the trail as an anchor to
// keep outside the database.
func (db *DB) AuditHead(ctx context.Context) (audit.Anchor, error) {
	var a audit.Anchor
	err := db.read.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&a.Seq, &a.Hash)
	return a, err
}

// AuditTrailState is what a verification found.
type AuditTrailState struct {
	// Sealed is the number of entries verified through the hash chain,
	// up to Head.
	Sealed int64
	Head   audit.Anchor
	// Unsealed is the number of entries written after Head and not yet
	// chained by the sealer; OldestUnsealed is the time of the oldest.
	Unsealed       int64
	OldestUnsealed time.Time
}

// VerifyAudit verifies the sealed trail (VerifyAuditTrail) and returns the
// number of entries verified.
func (db *DB) VerifyAudit(ctx context.Context, anchors ...audit.Anchor) (int64, error) {
	s, err := db.VerifyAuditTrail(ctx, anchors...)
	return s.Sealed, err
}

// VerifyAuditTrail streams the sealed trail through the hash-chain
// verifier, checking the anchors kept outside as well, and counts the
// entries not yet sealed. It returns a *audit.Break for the first changed
// or missing sealed entry, or for a sealed entry beyond the recorded head.
// An unsealed tail is not a break: Schakel writes entries unsealed and the
// sealer chains them within seconds.
func (db *DB) VerifyAuditTrail(ctx context.Context, anchors ...audit.Anchor) (AuditTrailState, error) {
	var st AuditTrailState
	// The head, the size of the unsealed tail and any sealed entry beyond
	// the head are read in one statement, hence one snapshot: the sealer
	// moves the head and seals entries in one transaction. Entries up to
	// the head never change once sealed, so the chain can be read after.
	var sealedBeyond sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT h.seq, h.hash,
			(SELECT COUNT(*) FROM audit_log WHERE seq > h.seq),
			(SELECT MIN(seq) FROM audit_seals WHERE seq > h.seq)
		FROM audit_head h WHERE h.id = 1`).Scan(&st.Head.Seq, &st.Head.Hash, &st.Unsealed, &sealedBeyond); err != nil {
		return st, err
	}
	n, err := db.verifyChain(ctx, st.Head, anchors)
	st.Sealed = n
	if err != nil {
		return st, err
	}
	if sealedBeyond.Valid {
		return st, &audit.Break{Seq: sealedBeyond.Int64, Reason: fmt.Sprintf(
			"sealed, but the recorded head ends the sealed trail at %d: the head was moved back or the entry was forged", st.Head.Seq)}
	}
	if st.Unsealed > 0 {
		// Informational, so a statement of its own: the sealer may have
		// sealed the tail meanwhile, which leaves no row.
		if st.OldestUnsealed, err = db.oldestAfter(ctx, st.Head.Seq); err != nil {
			return st, err
		}
	}
	return st, nil
}

// AuditBacklog returns the number of entries not yet sealed and the time
// of the oldest (zero when there are none): how far the sealer is behind.
func (db *DB) AuditBacklog(ctx context.Context) (n int64, oldest time.Time, err error) {
	var head int64
	if err := db.read.QueryRowContext(ctx, `SELECT h.seq, (SELECT COUNT(*) FROM audit_log WHERE seq > h.seq)
		FROM audit_head h WHERE h.id = 1`).Scan(&head, &n); err != nil || n == 0 {
		return n, oldest, err
	}
	oldest, err = db.oldestAfter(ctx, head)
	if err == nil && oldest.IsZero() {
		n = 0 // the sealer sealed them between the two reads
	}
	return n, oldest, err
}

// oldestAfter returns the time of the oldest entry after seq, zero when
// there is none.
func (db *DB) oldestAfter(ctx context.Context, seq int64) (time.Time, error) {
	var at time.Time
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT at FROM audit_log WHERE seq > ? ORDER BY at LIMIT 1`), seq).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return at.UTC(), err
}

// verifyChain checks the sealed entries up to head, paging so that a long
// verification never holds one huge read transaction open.
func (db *DB) verifyChain(ctx context.Context, head audit.Anchor, anchors []audit.Anchor) (int64, error) {
	v := audit.Verifier{Anchors: anchors}
	after := int64(0)
	for {
		rows, err := db.read.QueryContext(ctx, db.dialect.rebind(`SELECT `+auditColumns+` FROM audit_log a`+auditSeals+` WHERE a.seq > ? AND a.seq <= ? ORDER BY a.seq LIMIT 5000`), after, head.Seq)
		if err != nil {
			return v.Count(), err
		}
		n := 0
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				rows.Close()
				return v.Count(), err
			}
			n++
			after = e.Seq
			if err := v.Next(e); err != nil {
				rows.Close()
				return v.Count(), err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return v.Count(), err
		}
		if n == 0 {
			break
		}
	}
	return v.Count(), v.Finish(head.Seq, head.Hash)
}
