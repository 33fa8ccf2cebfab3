package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"schakel/internal/audit"
)

// The sealer chains the entries that transactions wrote unsealed
// (flushAudit) into the hash chain, in sequence order, and moves the head.
//
// One sealer at a time: on PostgreSQL a transaction-scoped advisory lock,
// tried and not waited for, so that of several serve processes one seals
// and the others skip the round; on SQLite the seal transaction itself,
// which takes the database's single write lock. Beneath that, every seal is
// a compare-and-set: an entry is sealed only while it has no seal, and the
// head only moves from the value the transaction read. Two sealers that
// somehow ran at once cannot both seal an entry: the second one's
// transaction fails and leaves nothing. A sealer killed mid-batch leaves
// nothing either, since the batch is one transaction.
//
// Sequence order is not commit order on PostgreSQL: a transaction may take
// number 10, another 11 and commit first. The sealer therefore seals only
// an unbroken run of numbers after the head. A missing number is waited for
// (GapGrace): entries are written just before commit, so the transaction
// holding it commits within milliseconds or rolled back. A number still
// missing after that is claimed with a void entry (audit.Void) inserted
// under that very number. The primary key makes the claim a proof: if the
// transaction holding the number is still running, the claim waits for it
// and yields to its entry when it commits; if it has not yet written its
// entry, that write fails and the transaction is retried under a new
// number (isRetryable). Either way no entry is ever left out of the chain.

// AuditSealer seals the audit trail. Its zero value is not usable: use
// DB.NewAuditSealer.
type AuditSealer struct {
	db *DB
	// Batch is the most entries one seal transaction chains.
	Batch int
	// GapGrace is how long a missing sequence number is waited for before
	// it is claimed as void.
	GapGrace time.Duration
	// missingSince remembers when each missing number was first seen.
	missingSince map[int64]time.Time
	// afterSeal, when set (by tests), is called inside the transaction
	// after each entry it sealed; an error ends the batch as a crash would.
	afterSeal func(sealed int) error
	// noLock skips the advisory lock (tests: the compare-and-set alone
	// must stop a second sealer).
	noLock bool
}

// NewAuditSealer returns a sealer with the default batch size and grace.
func (db *DB) NewAuditSealer() *AuditSealer {
	return &AuditSealer{db: db, Batch: 1000, GapGrace: time.Second, missingSince: map[int64]time.Time{}}
}

// SealResult says what one or more seal transactions did.
type SealResult struct {
	Sealed int // entries chained, void entries included
	Voided int // missing numbers claimed as void
	Head   audit.Anchor
	// Busy: another sealer held the lock. Waiting: sealing stopped at a
	// missing number that is still within its grace.
	Busy, Waiting bool
}

// errSealConflict ends a seal transaction that found its work done by
// another sealer.
var errSealConflict = errors.New("audit seal: another sealer sealed these entries first")

// SealOnce runs one seal transaction of at most Batch entries.
func (s *AuditSealer) SealOnce(ctx context.Context) (SealResult, error) {
	var res SealResult
	err := s.db.Update(ctx, func(tx *Tx) error {
		res = SealResult{}
		if !s.noLock {
			locked, err := tx.lockSealer()
			if err != nil || !locked {
				res.Busy = !locked
				return err
			}
		}
		var err error
		res, err = s.sealBatch(tx)
		return err
	})
	return res, err
}

// lockSealer takes the sealer's lock for this transaction.
func (tx *Tx) lockSealer() (bool, error) {
	if tx.db.dialect.engine != Postgres {
		return true, nil // the seal transaction holds SQLite's write lock
	}
	var ok bool
	err := tx.queryRow(`SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.schakel.audit.seal'))`).Scan(&ok)
	if err == nil && ok {
		// A claim waits for a transaction still holding its number; a
		// stuck one must not stall the sealer for ever.
		_, err = tx.exec(`SET LOCAL lock_timeout = '5s'`)
	}
	return ok, err
}

// sealBatch chains the unbroken run of entries after the head.
func (s *AuditSealer) sealBatch(tx *Tx) (SealResult, error) {
	var res SealResult
	var head audit.Anchor
	if err := tx.queryRow(`SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&head.Seq, &head.Hash); err != nil {
		return res, fmt.Errorf("read audit head: %w", err)
	}
	entries, err := tx.listAudit(`SELECT `+auditColumns+` FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`, head.Seq, s.Batch)
	if err != nil {
		return res, err
	}
	now := time.Now()
	last := head
	seal := func(e audit.Entry) error {
		if err := tx.sealEntry(&e, last.Hash); err != nil {
			return err
		}
		last = audit.Anchor{Seq: e.Seq, Hash: e.Hash}
		res.Sealed++
		if s.afterSeal != nil {
			return s.afterSeal(res.Sealed)
		}
		return nil
	}
	next := head.Seq + 1
entries:
	for _, e := range entries {
		for ; next < e.Seq; next++ {
			void, ok, err := s.claimMissing(tx, next, now)
			if err != nil {
				return res, err
			}
			if !ok {
				res.Waiting = true
				break entries
			}
			res.Voided++
			if err := seal(void); err != nil {
				return res, err
			}
		}
		if err := seal(e); err != nil {
			return res, err
		}
		next = e.Seq + 1
	}
	res.Head = last
	if last == head {
		return res, nil
	}
	r, err := tx.exec(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ? AND hash = ?`, last.Seq, last.Hash, head.Seq, head.Hash)
	if err != nil {
		return res, fmt.Errorf("move audit head: %w", err)
	}
	if n, err := r.RowsAffected(); err != nil || n != 1 {
		return res, errors.Join(errSealConflict, err)
	}
	for seq := range s.missingSince {
		if seq <= last.Seq {
			delete(s.missingSince, seq)
		}
	}
	return res, nil
}

// sealEntry links e to prev and writes its hash; only an entry without a
// seal can be sealed (the append-only trigger allows nothing else).
func (tx *Tx) sealEntry(e *audit.Entry, prev string) error {
	if e.Sealed() {
		return &audit.Break{Seq: e.Seq, Reason: "sealed, but beyond the recorded head: run 'schakel audit verify'"}
	}
	e.PrevHash = prev
	e.Hash = audit.ComputeHash(*e)
	r, err := tx.exec(`UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ? AND hash = '' AND prev_hash = ''`, e.PrevHash, e.Hash, e.Seq)
	if err != nil {
		return fmt.Errorf("seal audit entry %d: %w", e.Seq, err)
	}
	if n, err := r.RowsAffected(); err != nil || n != 1 {
		return errors.Join(errSealConflict, err)
	}
	return nil
}

// claimMissing claims the missing number seq as void once it has been
// missing for GapGrace. ok is false while it is still within its grace, or
// when its entry turned up after all (committed while the claim waited).
func (s *AuditSealer) claimMissing(tx *Tx, seq int64, now time.Time) (void audit.Entry, ok bool, err error) {
	since, seen := s.missingSince[seq]
	if !seen {
		s.missingSince[seq] = now
		since = now
	}
	if now.Sub(since) < s.GapGrace {
		return void, false, nil
	}
	void = audit.Void(seq, tx.now)
	var claimed int64
	err = tx.queryRow(`INSERT INTO audit_log (seq, `+auditEntryColumns+`, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '')
		ON CONFLICT (seq) DO NOTHING RETURNING seq`, append([]any{seq}, auditEntryValues(void)...)...).Scan(&claimed)
	if errors.Is(err, sql.ErrNoRows) {
		return void, false, nil
	}
	return void, err == nil, err
}

// SealAll seals until no entry is left that can be sealed now, and returns
// the sum. With wait, it waits out the grace of missing numbers (up to the
// context's end) instead of stopping at them.
func (s *AuditSealer) SealAll(ctx context.Context, wait bool) (SealResult, error) {
	var total SealResult
	for {
		r, err := s.SealOnce(ctx)
		total.Sealed += r.Sealed
		total.Voided += r.Voided
		total.Busy, total.Waiting = r.Busy, r.Waiting
		if r.Sealed > 0 {
			total.Head = r.Head
		}
		if err != nil || r.Busy {
			return total, err
		}
		if r.Sealed >= s.Batch {
			continue
		}
		if !r.Waiting || !wait {
			return total, nil
		}
		select {
		case <-ctx.Done():
			return total, ctx.Err()
		case <-time.After(s.GapGrace / 4):
		}
	}
}

// SealAudit seals the whole trail now, waiting for missing numbers, for
// `schakel audit seal` and tests.
func (db *DB) SealAudit(ctx context.Context) (SealResult, error) {
	return db.NewAuditSealer().SealAll(ctx, true)
}

// Run seals every interval until ctx ends, then once more so that entries
// written during shutdown are sealed too. It is what serve runs.
func (s *AuditSealer) Run(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.SealAll(ctx, false); err != nil && ctx.Err() == nil {
			log.Warn("audit sealer", "err", err)
		}
		select {
		case <-ctx.Done():
			final, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			if _, err := s.SealAll(final, true); err != nil {
				log.Warn("audit sealer at shutdown", "err", err)
			}
			cancel()
			return
		case <-t.C:
		}
	}
}

// isAuditNumberClaimed reports the failure of a transaction whose audit
// entry's number the sealer claimed as void meanwhile (claimMissing): safe
// to retry, since nothing of it stayed, and the retry takes a new number.
func isAuditNumberClaimed(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23505" && pg.ConstraintName == "audit_log_pkey"
}
