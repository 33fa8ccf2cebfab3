package storage_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// fxReadEntry is one audited read by p.
func fxReadEntry(p schakel.Professional) func(tx *storage.Tx) {
	return func(tx *storage.Tx) {
		tx.Audit(fxActor(p), audit.Entry{Event: audit.EventRead, ResourceType: "case", AccessBasis: audit.BasisParticipation})
	}
}

// TestAuditSealerVoidsRolledBackNumber rolls back a transaction after its
// entry was written. On PostgreSQL its number stays taken (sequences do
// not roll back): the sealer waits for it, then claims it as void and
// chains on. On SQLite the number is simply used again.
func TestAuditSealerVoidsRolledBackNumber(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		ctx := context.Background()
		worker := fxPro(t, env.db, fxOrg(t, env.db, schakel.VeiligThuis), schakel.RoleCaseWorker)
		before := fxCount(t, env.db)
		boom := errors.New("boom")
		err := env.db.Update(ctx, func(tx *storage.Tx) error {
			fxReadEntry(worker)(tx)
			if err := tx.FlushAuditNow(); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		fxReadsBy(t, env.db, worker, 1)

		s := env.db.NewAuditSealer()
		s.GapGrace = 300 * time.Millisecond
		res, err := s.SealOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		gap := env.engine == storage.Postgres
		if gap && (res.Sealed != 0 || !res.Waiting) || !gap && (res.Sealed != 1 || res.Waiting) {
			t.Fatalf("first round %+v (a gap on %s: %v)", res, env.engine, gap)
		}
		res, err = s.SealAll(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		st := fxTrailState(t, env.db)
		if !gap {
			if st.Sealed != before+1 || st.Unsealed != 0 {
				t.Fatalf("SQLite trail %+v, want %d entries", st, before+1)
			}
			return
		}
		if res.Sealed != 2 || res.Voided != 1 || st.Sealed != before+2 || st.Unsealed != 0 {
			t.Fatalf("after the grace: %+v, trail %+v; want the void and the entry sealed", res, st)
		}
		es, err := env.db.AuditEntriesFrom(ctx, before+1)
		if err != nil {
			t.Fatal(err)
		}
		if v := es[0]; v.Event != audit.EventVoid || v.ResourceID != fmt.Sprint(before+1) || v.PrincipalKind != "system" || !v.Sealed() {
			t.Fatalf("void entry %+v", v)
		}

		// A number taken but not yet written when the sealer claims it:
		// the write fails on the primary key and is retried.
		var taken int64
		if err := env.raw.QueryRow(`SELECT nextval(pg_get_serial_sequence('audit_log', 'seq'))`).Scan(&taken); err != nil {
			t.Fatal(err)
		}
		fxReadsBy(t, env.db, worker, 1)
		s.GapGrace = 0
		if res, err := s.SealAll(ctx, true); err != nil || res.Voided != 1 {
			t.Fatalf("claiming a taken number: %+v %v", res, err)
		}
		_, err = env.raw.Exec(`INSERT INTO audit_log (seq, at, event, outcome) VALUES ($1, now(), 'read', 'allowed')`, taken)
		if err == nil || !storage.IsRetryable(err) {
			t.Fatalf("writing under a claimed number: %v, want a retryable failure", err)
		}
		fxCount(t, env.db)
	})
}

// TestAuditSealerWaitsForRunningTransaction holds a transaction open with
// its entry written while a later entry commits. A sealer with no grace
// tries to claim the missing number; the primary key makes it wait for the
// transaction, and when that commits its entry is chained, not voided.
func TestAuditSealerWaitsForRunningTransaction(t *testing.T) {
	for _, e := range storagetest.Engines() {
		if e.Name != storage.Postgres {
			continue // on SQLite the open transaction holds the only write lock
		}
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			db := storagetest.Open(t, e)
			worker := fxPro(t, db, fxOrg(t, db, schakel.Jeugdbescherming), schakel.RoleCaseWorker)
			before := fxCount(t, db)
			written, release := make(chan struct{}), make(chan struct{})
			held := make(chan error, 1)
			go func() {
				held <- db.Update(ctx, func(tx *storage.Tx) error {
					fxReadEntry(worker)(tx)
					if err := tx.FlushAuditNow(); err != nil {
						return err
					}
					close(written)
					<-release
					return nil
				})
			}()
			<-written
			fxReadsBy(t, db, worker, 1)

			s := db.NewAuditSealer()
			s.GapGrace = 0
			sealing := make(chan storage.SealResult, 1)
			go func() {
				res, err := s.SealOnce(ctx)
				if err != nil {
					t.Error(err)
				}
				sealing <- res
			}()
			fxWaitForLockWait(t, db)
			close(release)
			if err := <-held; err != nil {
				t.Fatal(err)
			}
			if res := <-sealing; res.Voided != 0 || res.Sealed != 0 {
				t.Fatalf("the claim on a running transaction's number: %+v, want it to yield", res)
			}
			res, err := s.SealAll(ctx, true)
			if err != nil || res.Sealed != 2 || res.Voided != 0 {
				t.Fatalf("after the commit: %+v %v, want both entries sealed", res, err)
			}
			if st := fxTrailState(t, db); st.Sealed != before+2 {
				t.Fatalf("trail %+v, want %d", st, before+2)
			}
		})
	}
}

// fxWaitForLockWait polls until a claim by the sealer waits for a lock.
func fxWaitForLockWait(t *testing.T, db *storage.DB) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		n, err := db.CountLockWaits(context.Background(), "ON CONFLICT (seq) DO NOTHING")
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the sealer's claim never waited for the running transaction")
}

// TestAsyncReadAudit: with AsyncReadAudit, a transaction that only read
// commits its audit entries without waiting for the WAL flush; one that
// wrote anything else stays durable.
func TestAsyncReadAudit(t *testing.T) {
	for _, e := range storagetest.Engines() {
		if e.Name != storage.Postgres {
			continue // SQLite cannot change its synchronous setting inside a transaction
		}
		t.Run(e.Name, func(t *testing.T) {
			db := storagetest.Open(t, e)
			worker := fxPro(t, db, fxOrg(t, db, schakel.Wijkteam), schakel.RoleCaseWorker)
			for _, tc := range []struct {
				name   string
				async  bool
				write  bool
				rollup bool // a write kept for the one statement at commit
				want   string
			}{
				{"read, durable by default", false, false, false, "on"},
				{"read", true, false, false, "off"},
				{"write", true, true, false, "on"},
				{"write kept for commit", true, false, true, "on"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					db.AsyncReadAudit = tc.async
					var got string
					err := db.Update(context.Background(), func(tx *storage.Tx) error {
						if tc.write {
							if _, err := tx.CreateRegion(fmt.Sprintf("Regio %d", time.Now().UnixNano())); err != nil {
								return err
							}
						}
						if tc.rollup {
							tx.KeepRollupForTest(worker.Organisation.RegionID)
						}
						fxReadEntry(worker)(tx)
						if err := tx.FlushAuditNow(); err != nil {
							return err
						}
						var err error
						got, err = tx.CurrentSetting("synchronous_commit")
						return err
					})
					if err != nil || got != tc.want {
						t.Fatalf("synchronous_commit %q (%v), want %q", got, err, tc.want)
					}
				})
			}
			db.AsyncReadAudit = false
			fxCount(t, db)
		})
	}
}
