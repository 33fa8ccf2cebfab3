package storage_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/loginguard"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

func TestLoginBuckets(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := fxSetClock(db)
		now := clock.Now()
		update := func(fn func(tx *storage.Tx) error) {
			t.Helper()
			if err := db.Update(ctx, fn); err != nil {
				t.Fatal(err)
			}
		}
		read := func(bucket string) time.Time {
			t.Helper()
			var at time.Time
			update(func(tx *storage.Tx) (err error) { at, err = tx.LoginBucket(bucket); return err })
			return at
		}

		if at := read("a:new"); !at.IsZero() {
			t.Fatalf("a bucket without a row: %v, want the zero time", at)
		}
		update(func(tx *storage.Tx) error {
			at, err := tx.LockLoginBucket("a:new")
			if err == nil && !at.Equal(now) {
				t.Errorf("a new locked bucket is full at %v, want now (%v)", at, now)
			}
			return err
		})
		update(func(tx *storage.Tx) error { return tx.SetLoginBucket("a:new", now.Add(time.Minute)) })
		if at := read("a:new"); !at.Equal(now.Add(time.Minute)) {
			t.Fatalf("full at %v, want %v", at, now.Add(time.Minute))
		}
		update(func(tx *storage.Tx) error {
			at, err := tx.LockLoginBucket("a:new")
			if err == nil && !at.Equal(now.Add(time.Minute)) {
				t.Errorf("locking changed the bucket: %v", at)
			}
			return err
		})
		// A full bucket needs no row.
		update(func(tx *storage.Tx) error { return tx.SetLoginBucket("a:new", now) })
		if at := read("a:new"); !at.IsZero() {
			t.Fatalf("a full bucket kept its row: %v", at)
		}

		// Pruning removes buckets full since before the given instant only.
		update(func(tx *storage.Tx) error {
			for bucket, at := range map[string]time.Time{"p:old": now.Add(time.Minute), "p:recent": now.Add(2 * time.Hour), "p:busy": now.Add(4 * time.Hour)} {
				if err := tx.SetLoginBucket(bucket, at); err != nil {
					return err
				}
			}
			return nil
		})
		clock.now = now.Add(3 * time.Hour)
		update(func(tx *storage.Tx) error { return tx.PruneLoginBuckets(clock.Now().Add(-time.Hour)) })
		for bucket, kept := range map[string]bool{"p:old": false, "p:recent": true, "p:busy": true} {
			if at := read(bucket); at.IsZero() == kept {
				t.Errorf("%s: full at %v after pruning, want kept=%v", bucket, at, kept)
			}
		}
	})
}

// TestLoginBucketRace takes from one bucket from many goroutines at once,
// each in its own transaction as a login does: the row lock lets exactly
// the burst through, on both engines.
func TestLoginBucketRace(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		limit := loginguard.Limit{Burst: 5, Every: time.Hour}
		var wg sync.WaitGroup
		var mu sync.Mutex
		taken := 0
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := db.Update(ctx, func(tx *storage.Tx) error {
					full, err := tx.LockLoginBucket("a:race")
					if err != nil {
						return err
					}
					next, _, ok := limit.Take(tx.Now(), full)
					if !ok {
						return nil
					}
					mu.Lock()
					taken++
					mu.Unlock()
					return tx.SetLoginBucket("a:race", next)
				})
				if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if taken != limit.Burst {
			t.Errorf("%d of 20 concurrent attempts took a token, want %d", taken, limit.Burst)
		}
	})
}

func TestCredentialsAndRefusedLogins(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		fxSetClock(db)
		org := fxOrg(t, db, schakel.Raad)
		worker := fxPro(t, db, org, schakel.RoleCaseWorker)
		po := fxPro(t, db, org, schakel.RolePrivacyOfficer)

		c, err := db.Credentials(ctx, " "+worker.Email+" ")
		if err != nil || c.ProfessionalID != worker.ID || c.PasswordHash != "x" || !c.Active {
			t.Fatalf("credentials = %+v, %v", c, err)
		}
		_, err = db.Credentials(ctx, "onbekend@example.org")
		fxWantCode(t, err, schakel.ENOTFOUND)

		if err := db.Update(ctx, func(tx *storage.Tx) error {
			if err := tx.AuditLoginRefused("198.51.100.7", "test", worker.ID, "wrong password"); err != nil {
				return err
			}
			return tx.AuditLoginRefused("198.51.100.7", "test", 0, "unknown account")
		}); err != nil {
			t.Fatal(err)
		}
		// The refusal on a known account is in the trail under the
		// account's organisation, so that its privacy officer sees it.
		es := fxTrail(t, db, po, storage.AuditFilter{UserID: worker.ID, Event: audit.EventLogin, Outcome: audit.Refused})
		if len(es) != 1 || es[0].ClientAddr != "198.51.100.7" || es[0].OrganisationID != org.ID || es[0].Detail != "wrong password" {
			t.Fatalf("refused logins in the trail: %+v", es)
		}
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			return tx.AuditLoginRefused("198.51.100.7", "test", 99999, "wrong password")
		}); err == nil {
			t.Fatal("a refusal for an account that does not exist was recorded as one that does")
		}
	})
}
