package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel/internal/app"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestAuditedReadWithoutTransaction: on PostgreSQL, ReadAudited runs its
// statements without BEGIN and COMMIT (each is a transaction of its own),
// where Update runs them in one; a function that does more than a guard
// and one read runs again as an Update, and what it wrote is there once.
func TestAuditedReadWithoutTransaction(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		if db.Engine() != storage.Postgres {
			t.Skip("SQLite has no round trips: ReadAudited is an Update there")
		}
		ctx := context.Background()
		actor := demoWorld(t, db)
		twoStarts := func(tx *storage.Tx) (same bool, err error) {
			a, err := tx.StatementStartForTest()
			if err != nil {
				return false, err
			}
			b, err := tx.StatementStartForTest()
			return a.Equal(b), err
		}
		for _, tc := range []struct {
			name  string
			run   func(context.Context, func(*storage.Tx) error) error
			inOne bool
		}{
			{"ReadAudited", db.ReadAudited, false},
			{"Update", db.Update, true},
			{"ReadAudited with two connections", func(ctx context.Context, fn func(*storage.Tx) error) error {
				db.SetPostgresConns(2) // no share for audited reads
				defer db.SetPostgresConns(storage.DefaultPostgresConns())
				return db.ReadAudited(ctx, fn)
			}, true},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := tc.run(ctx, func(tx *storage.Tx) error {
					same, err := twoStarts(tx)
					if err == nil && same != tc.inOne {
						t.Errorf("two statements in one transaction: %v, want %v", same, tc.inOne)
					}
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			})
		}

		t.Run("a write runs again as an Update", func(t *testing.T) {
			runs := 0
			err := db.ReadAudited(ctx, func(tx *storage.Tx) error {
				runs++
				return tx.ExecForTest(`INSERT INTO duty_shifts (professional_id, starts_at, ends_at) VALUES (?, ?, ?)`,
					actor.Professional.ID, time.Now(), time.Now().Add(time.Hour))
			})
			if err != nil || runs != 2 {
				t.Fatalf("runs %d, error %v; want 2 runs and no error", runs, err)
			}
			if _, reruns := db.AuditedReadStats(); reruns != 1 {
				t.Errorf("%d reruns counted, want 1", reruns)
			}
			var n int
			if err := db.Update(ctx, func(tx *storage.Tx) error {
				return tx.QueryRowForTest(`SELECT COUNT(*) FROM duty_shifts WHERE professional_id = ?`, actor.Professional.ID).Scan(&n)
			}); err != nil || n != 1 {
				t.Fatalf("%d duty shifts (%v), want the one written once", n, err)
			}
		})

		t.Run("a read after the entry runs again as an Update", func(t *testing.T) {
			res, err := app.New(db).CreateReport(ctx, actor, benchReport(7, false), "")
			if err != nil {
				t.Fatal(err)
			}
			before, err := db.AuditEntriesFrom(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			runs := 0
			err = db.ReadAudited(ctx, func(tx *storage.Tx) error {
				runs++
				tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: "x", AccessBasis: audit.BasisRole})
				_, err := tx.LoadCase(res.CaseID)
				if err != nil {
					return err
				}
				_, err = tx.StatementStartForTest()
				return err
			})
			if err != nil || runs != 2 {
				t.Fatalf("runs %d, error %v; want 2 runs and no error", runs, err)
			}
			after, err := db.AuditEntriesFrom(ctx, before[len(before)-1].Seq+1)
			if err != nil {
				t.Fatal(err)
			}
			if _, reruns := db.AuditedReadStats(); reruns != 2 {
				t.Errorf("%d reruns counted, want 2", reruns)
			}
			// The stopped run's read committed its entry; nobody got its rows.
			if len(after) != 2 {
				t.Errorf("%d entries after the read, want 2 (the stopped run's and the Update's)", len(after))
			}
		})
		// These reruns were made on purpose; storagetest fails any other.
		db.ForgetRerunsForTest()
	})
}
