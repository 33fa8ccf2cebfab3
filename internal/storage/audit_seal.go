package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"schakel/internal/audit"
)

// The sealer chains the entries that transactions wrote unsealed
// (flushAudit) into the hash chain, in sequence order, and moves the head.
// An entry's chain link is a row of audit_seals, appended: entries are
// never updated, so each is written once (migration 00068).
//
// One sealer at a time: on PostgreSQL a transaction-scoped advisory lock,
// tried and not waited for, so that of several serve processes one seals
// and the others skip the round; on SQLite the seal transaction itself,
// which takes the database's single write lock. Beneath that, every seal is
// a compare-and-set: an entry is sealed only while it has no seal (the key
// of audit_seals), and the head only moves from the value the transaction
// read. Two sealers that somehow ran at once cannot both seal an entry:
// the second one's transaction fails and leaves nothing. A sealer killed
// mid-batch leaves nothing either, since the batch is one transaction.
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
	// chunk is how many seals one statement writes.
	chunk int
	// afterSeal, when set (by tests), is called inside the transaction
	// after each chunk it wrote, with the number of entries sealed so far
	// in the transaction; an error ends the batch as a crash would.
	afterSeal func(sealed int) error
	// noLock skips the advisory lock (tests: the compare-and-set alone
	// must stop a second sealer).
	noLock bool
}

// NewAuditSealer returns a sealer with the default batch size and grace.
func (db *DB) NewAuditSealer() *AuditSealer {
	return &AuditSealer{db: db, Batch: 1000, GapGrace: time.Second, chunk: 250, missingSince: map[int64]time.Time{}}
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
	run, err := s.unbrokenRun(tx, head.Seq, &res)
	if err != nil {
		return res, err
	}
	res.Head = head
	for i := range run {
		if run[i].Sealed() {
			return res, tx.sealedBeyond(head, run[i].Seq)
		}
		run[i].PrevHash = res.Head.Hash
		run[i].Hash = audit.ComputeHash(run[i])
		res.Head = audit.Anchor{Seq: run[i].Seq, Hash: run[i].Hash}
	}
	for done := 0; done < len(run); {
		n := min(s.chunk, len(run)-done)
		if err := tx.writeSeals(run[done : done+n]); err != nil {
			return res, err
		}
		done += n
		res.Sealed = done
		if s.afterSeal != nil {
			if err := s.afterSeal(done); err != nil {
				return res, err
			}
		}
	}
	if len(run) == 0 {
		return res, nil
	}
	r, err := tx.exec(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ? AND hash = ?`, res.Head.Seq, res.Head.Hash, head.Seq, head.Hash)
	if err != nil {
		return res, fmt.Errorf("move audit head: %w", err)
	}
	if n, err := r.RowsAffected(); err != nil || n != 1 {
		return res, errors.Join(errSealConflict, err)
	}
	for seq := range s.missingSince {
		if seq <= res.Head.Seq {
			delete(s.missingSince, seq)
		}
	}
	return res, nil
}

// sealedBeyond explains an entry found sealed beyond the head read at the
// start: another sealer that moved the head meanwhile (only possible
// without the lock), or else tampering.
func (tx *Tx) sealedBeyond(head audit.Anchor, seq int64) error {
	var now int64
	if err := tx.queryRow(`SELECT seq FROM audit_head WHERE id = 1`).Scan(&now); err != nil {
		return err
	}
	if now != head.Seq {
		return errSealConflict
	}
	return &audit.Break{Seq: seq, Reason: "sealed, but beyond the recorded head: run 'schakel audit verify'"}
}

// unbrokenRun reads the entries after the head up to the first number
// still missing, with void entries for the missing numbers it claimed.
func (s *AuditSealer) unbrokenRun(tx *Tx, after int64, res *SealResult) ([]audit.Entry, error) {
	entries, err := tx.listAudit(`SELECT `+auditColumns+` FROM audit_log a`+auditSeals+` WHERE a.seq > ? ORDER BY a.seq LIMIT ?`, after, s.Batch)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	run := make([]audit.Entry, 0, len(entries))
	next := after + 1
	for _, e := range entries {
		for ; next < e.Seq; next++ {
			void, ok, err := s.claimMissing(tx, next, now)
			if err != nil {
				return nil, err
			}
			if !ok {
				res.Waiting = true
				return run, nil
			}
			res.Voided++
			run = append(run, void)
		}
		run = append(run, e)
		next = e.Seq + 1
	}
	return run, nil
}

// writeSeals appends the chain links of entries to audit_seals, one
// statement for them all. A link that is there already (another sealer's)
// is not written again, and the count that falls short ends the batch.
func (tx *Tx) writeSeals(es []audit.Entry) error {
	var r sql.Result
	var err error
	if tx.db.dialect.engine == Postgres {
		seqs, prevs, hashes := make([]int64, len(es)), make([]string, len(es)), make([]string, len(es))
		for i, e := range es {
			seqs[i], prevs[i], hashes[i] = e.Seq, e.PrevHash, e.Hash
		}
		r, err = tx.exec(`INSERT INTO audit_seals (seq, prev_hash, hash)
			SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[]) ON CONFLICT (seq) DO NOTHING`, seqs, prevs, hashes)
	} else {
		args := make([]any, 0, 3*len(es))
		for _, e := range es {
			args = append(args, e.Seq, e.PrevHash, e.Hash)
		}
		r, err = tx.exec(`INSERT INTO audit_seals (seq, prev_hash, hash) VALUES (?, ?, ?)`+
			strings.Repeat(", (?, ?, ?)", len(es)-1)+` ON CONFLICT (seq) DO NOTHING`, args...)
	}
	if err != nil {
		return fmt.Errorf("seal audit entries %d-%d: %w", es[0].Seq, es[len(es)-1].Seq, err)
	}
	n, err := r.RowsAffected()
	if err != nil {
		return err
	}
	if n != int64(len(es)) {
		return errSealConflict
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
	err = tx.queryRow(`INSERT INTO audit_log (seq, `+auditEntryColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (seq) DO NOTHING RETURNING seq`, append([]any{seq}, auditEntryValues(void)...)...).Scan(&claimed)
	if errors.Is(err, sql.ErrNoRows) {
		return void, false, nil
	}
	return void, err == nil, err
}

// SealAll seals until no entry is left that can be sealed now, and returns
// the sum. With wait, it waits (up to the context's end) for another
// sealer's lock and out the grace of missing numbers instead of stopping
// at them. The lock may be held by a seal transaction of this process
// that was just cancelled: PostgreSQL releases it once it has noticed.
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
		if err != nil {
			return total, err
		}
		if r.Sealed >= s.Batch {
			continue
		}
		if !r.Waiting && !r.Busy || !wait {
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
// written during shutdown are sealed too. It is what serve runs. When a
// round stopped at a missing number, most likely a transaction that is
// committing this very moment, the next round comes sooner.
func (s *AuditSealer) Run(ctx context.Context, every time.Duration, log *slog.Logger) {
	var lastErr string
	var loggedAt time.Time
	for {
		res, err := s.SealAll(ctx, false)
		// A lasting failure (a tampered trail) is logged once a minute,
		// not four times a second.
		if err != nil && ctx.Err() == nil && (err.Error() != lastErr || time.Since(loggedAt) > time.Minute) {
			log.Error("audit sealer: entries stay unsealed", "err", err)
			lastErr, loggedAt = err.Error(), time.Now()
		} else if err == nil {
			lastErr = ""
		}
		wait := every
		if res.Waiting {
			wait = min(every, 20*time.Millisecond)
		}
		select {
		case <-ctx.Done():
			final, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			if _, err := s.SealAll(final, true); err != nil {
				log.Warn("audit sealer at shutdown", "err", err)
			}
			cancel()
			return
		case <-time.After(wait):
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
