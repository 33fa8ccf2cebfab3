package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// On PostgreSQL a transaction that finds every connection taken waits at
// the gate in front of the pool, in the order it came, and never in the
// pool, which hands a freed connection to a random waiter.
func TestTransactionsWaitAtTheGate(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		if db.Engine() != storage.Postgres {
			t.Skip("SQLite's writers queue for the group committer")
		}
		ctx := context.Background()
		db.SetPostgresConns(3) // two connections for transactions
		defer db.SetPostgresConns(storage.DefaultPostgresConns())
		release := make(chan struct{})
		done := make(chan error, 3)
		hold := func() {
			done <- db.Update(ctx, func(tx *storage.Tx) error {
				<-release
				var one int
				return tx.QueryRowForTest("SELECT 1").Scan(&one)
			})
		}
		before := db.WriteStats().WaitCount
		go hold()
		go hold()
		go hold()
		deadline := time.Now().Add(10 * time.Second)
		for db.WriteStats().WaitCount == before {
			if time.Now().After(deadline) {
				t.Fatal("no transaction waited although two connections were held by three")
			}
			time.Sleep(time.Millisecond)
		}
		close(release)
		for range 3 {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
		if n := db.PoolWaitsForTest(); n != 0 {
			t.Errorf("%d transactions waited in the pool itself", n)
		}
	})
}
