package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// fxReads makes a professional, seals the trail, and has the professional
// write n audited reads, unsealed. It returns the number of sealed entries
// before the reads.
func fxReads(t *testing.T, db *storage.DB, n int) (before int64) {
	t.Helper()
	worker := fxPro(t, db, fxOrg(t, db, schakel.VeiligThuis), schakel.RoleCaseWorker)
	before = fxCount(t, db)
	fxReadsBy(t, db, worker, n)
	return before
}

func fxReadsBy(t *testing.T, db *storage.DB, worker schakel.Professional, n int) {
	t.Helper()
	for i := range n {
		if err := db.Update(context.Background(), func(tx *storage.Tx) error {
			tx.Audit(fxActor(worker), audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: fmt.Sprint(i),
				AccessBasis: audit.BasisParticipation, Persons: []int64{int64(500 + i%3)}})
			return nil
		}); err != nil {
			t.Error(err)
			return
		}
	}
}

// fxTrailState verifies the trail and returns what verification found.
func fxTrailState(t *testing.T, db *storage.DB) storage.AuditTrailState {
	t.Helper()
	st, err := db.VerifyAuditTrail(context.Background())
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	return st
}

// TestAuditUnsealedTail: entries are written unsealed, verification says
// so and still verifies (and catches tampering in) what is sealed, and the
// sealer chains them.
func TestAuditUnsealedTail(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		ctx := context.Background()
		fxAuditRows(t, env.db, 5)
		sealed := fxReads(t, env.db, 6)
		head, err := env.db.AuditHead(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st := fxTrailState(t, env.db)
		if st.Sealed != sealed || st.Head != head || st.Unsealed < 6 || st.OldestUnsealed.IsZero() ||
			time.Since(st.OldestUnsealed) > time.Minute {
			t.Fatalf("with an unsealed tail: %+v, want %d sealed up to %v and at least 6 unsealed of just now", st, sealed, head)
		}
		n, oldest, err := env.db.AuditBacklog(ctx)
		if err != nil || n != st.Unsealed || !oldest.Equal(st.OldestUnsealed) {
			t.Fatalf("backlog %d %v %v, want %d %v", n, oldest, err, st.Unsealed, st.OldestUnsealed)
		}

		// A sealed entry changed while the tail is unsealed: still caught.
		fxDropAppendOnly(t, env)
		fxRawExec(t, env, `UPDATE audit_log SET detail = 'anders' WHERE seq = ?`, head.Seq-1)
		var br *audit.Break
		if _, err := env.db.VerifyAuditTrail(ctx); !errors.As(err, &br) || br.Seq != head.Seq-1 {
			t.Fatalf("a changed sealed entry next to an unsealed tail: %v", err)
		}
	})
}

// TestAuditSealChainsInOrder seals a tail and checks every entry once, in
// sequence order, chained to the one before.
func TestAuditSealChainsInOrder(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		before := fxReads(t, db, 25)
		s := db.NewAuditSealer()
		s.Batch = 10 // three transactions
		res, err := s.SealAll(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		st := fxTrailState(t, db)
		if res.Sealed != int(st.Sealed-before) || res.Voided != 0 || st.Unsealed != 0 || res.Head != st.Head {
			t.Fatalf("sealed %+v, trail %+v (before %d)", res, st, before)
		}
		if again, err := s.SealAll(ctx, true); err != nil || again.Sealed != 0 {
			t.Fatalf("sealing a sealed trail again: %+v %v", again, err)
		}
		es, err := db.AuditEntriesFrom(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range es {
			if e.Seq != int64(i+1) || !e.Sealed() || (i > 0 && e.PrevHash != es[i-1].Hash) || e.Hash != audit.ComputeHash(e) {
				t.Fatalf("entry %d: %+v", i+1, e)
			}
		}
	})
}

// TestAuditSealerCrashMidBatch kills a sealer inside its transaction after
// k entries; a new sealer resumes with neither a gap nor an entry sealed
// twice.
func TestAuditSealerCrashMidBatch(t *testing.T) {
	for _, tc := range []struct {
		name     string
		batch, k int // the crash comes at the k-th entry of a transaction
		crashTx  int // in this transaction of the sealer's run (1: its first)
	}{
		{"first batch", 100, 7, 1},
		{"second batch", 10, 3, 2},
		{"last entry of a batch", 10, 10, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			storagetest.Each(t, func(t *testing.T, db *storage.DB) {
				ctx := context.Background()
				before := fxReads(t, db, 30)
				crashed := errors.New("killed")
				s := db.NewAuditSealer()
				s.Batch = tc.batch
				txs := 0
				s.OnSeal(1, func(sealed int) error {
					if sealed == 1 {
						txs++
					}
					if txs == tc.crashTx && sealed == tc.k {
						return crashed
					}
					return nil
				})
				if _, err := s.SealAll(ctx, true); !errors.Is(err, crashed) {
					t.Fatalf("the crashing sealer returned %v", err)
				}
				st := fxTrailState(t, db)
				if want := before + int64((tc.crashTx-1)*tc.batch); st.Sealed != want || st.Sealed+st.Unsealed != before+30 {
					t.Fatalf("after the crash: %+v, want %d sealed (whole batches only) of %d", st, want, before+30)
				}
				res, err := db.NewAuditSealer().SealAll(ctx, true)
				if err != nil {
					t.Fatal(err)
				}
				st = fxTrailState(t, db)
				if st.Sealed != before+30 || st.Unsealed != 0 || res.Voided != 0 || st.Head.Seq != before+30 {
					t.Fatalf("after a new sealer: %+v (%+v), want all %d sealed, no void", st, res, before+30)
				}
			})
		})
	}
}

// TestAuditSealerKilledByContext ends the sealer's context mid-batch, as a
// shutdown or a lost connection would.
func TestAuditSealerKilledByContext(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		before := fxReads(t, db, 20)
		ctx, cancel := context.WithCancel(context.Background())
		s := db.NewAuditSealer()
		s.OnSeal(2, func(sealed int) error {
			if sealed >= 5 {
				cancel()
			}
			return nil
		})
		if _, err := s.SealAll(ctx, true); err == nil {
			t.Fatal("a sealer whose context ended mid-batch reported success")
		}
		if st := fxTrailState(t, db); st.Sealed != before || st.Unsealed != 20 {
			t.Fatalf("after the cancelled batch: %+v, want nothing of it sealed", st)
		}
		if n := fxCount(t, db); n != before+20 {
			t.Fatalf("%d entries after a new sealer, want %d", n, before+20)
		}
	})
}

// TestTwoSealers runs two sealers on two database handles (as two serve
// processes would) while writers write: no entry is sealed twice or left
// out. Without their lock, the compare-and-set alone stops the second.
func TestTwoSealers(t *testing.T) {
	for _, locked := range []bool{true, false} {
		t.Run(fmt.Sprintf("locked=%v", locked), func(t *testing.T) {
			for _, e := range storagetest.Engines() {
				t.Run(e.Name, func(t *testing.T) {
					dsn := e.DSN(t)
					var dbs [2]*storage.DB
					for i := range dbs {
						db, err := storage.Open(context.Background(), dsn, chain.Rules{})
						if err != nil {
							t.Fatal(err)
						}
						t.Cleanup(func() { db.Close() })
						dbs[i] = db
					}
					fxTwoSealers(t, dbs, locked)
				})
			}
		})
	}
}

func fxTwoSealers(t *testing.T, dbs [2]*storage.DB, locked bool) {
	ctx := context.Background()
	worker := fxPro(t, dbs[0], fxOrg(t, dbs[0], schakel.Raad), schakel.RoleCaseWorker)
	before := fxCount(t, dbs[0])
	const writers, each = 4, 40
	var writing sync.WaitGroup
	for w := range writers {
		writing.Go(func() { fxReadsBy(t, dbs[w%2], worker, each) })
	}
	done := make(chan struct{})
	var sealed, voided, conflicts atomic.Int64
	var sealing sync.WaitGroup
	for i := range dbs {
		sealing.Go(func() {
			s := dbs[i].NewAuditSealer()
			s.Batch = 7
			if !locked {
				s.WithoutLock()
			}
			for {
				res, err := s.SealOnce(ctx)
				sealed.Add(int64(res.Sealed))
				voided.Add(int64(res.Voided))
				switch {
				case storage.IsSealConflict(err) && !locked:
					conflicts.Add(1)
				case err != nil:
					t.Errorf("sealer %d: %v", i, err)
					return
				}
				select {
				case <-done:
					return
				default:
				}
			}
		})
	}
	writing.Wait()
	close(done)
	sealing.Wait()
	res, err := dbs[1].SealAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sealed.Add(int64(res.Sealed))
	voided.Add(int64(res.Voided))
	st := fxTrailState(t, dbs[0])
	// A void entry is a number claimed from a writer that took longer than
	// the grace (a stalled machine); that writer retried under a new number.
	if want := before + writers*each + voided.Load(); st.Sealed != want || st.Unsealed != 0 || sealed.Load() != writers*each+voided.Load() {
		t.Fatalf("trail %+v, sealed %d (%d void); want %d entries sealed once each", st, sealed.Load(), voided.Load(), want)
	}
	t.Logf("%d sealed, %d void, %d conflicts between unlocked sealers", sealed.Load(), voided.Load(), conflicts.Load())
}
