package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestMailClaimedOnce lets two handles on one database (as two serve
// processes have) claim the outbox at the same moment, round after round:
// every message is claimed by exactly one of them. A message whose
// delivery failed is released at once; one whose sender died is claimed
// again only after its lease ran out.
func TestMailClaimedOnce(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			dsn := e.DSN(t)
			var dbs [2]*storage.DB
			for i := range dbs {
				db, err := storage.Open(ctx, dsn, chain.Rules{})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				dbs[i] = db
			}
			const n = 120
			if err := dbs[0].Update(ctx, func(tx *storage.Tx) error {
				for i := range n {
					if err := tx.QueueMail(fmt.Sprintf("p%d@example.org", i), "test"); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			claims := map[int64]int{}
			var mu sync.Mutex
			for range 20 {
				var wg sync.WaitGroup
				for _, db := range dbs {
					wg.Go(func() {
						msgs, err := db.ClaimMail(ctx, 7)
						if err != nil {
							t.Error(err)
							return
						}
						mu.Lock()
						defer mu.Unlock()
						for _, m := range msgs {
							claims[m.ID]++
						}
					})
				}
				wg.Wait()
			}
			if len(claims) != n {
				t.Errorf("%d of %d messages claimed", len(claims), n)
			}
			for id, k := range claims {
				if k != 1 {
					t.Errorf("message %d claimed %d times", id, k)
				}
			}
			// Claimed, not sent: nobody may claim them again yet.
			if again, err := dbs[1].ClaimMail(ctx, n); err != nil || len(again) != 0 {
				t.Fatalf("claimed again within the lease: %d, %v", len(again), err)
			}
			// A failed delivery is released for the next round.
			var first int64 = 1 << 62
			for id := range claims {
				first = min(first, id)
			}
			if err := dbs[0].MarkMail(ctx, first, errors.New("550 no such user")); err != nil {
				t.Fatal(err)
			}
			if again, err := dbs[1].ClaimMail(ctx, n); err != nil || len(again) != 1 || again[0].ID != first {
				t.Fatalf("after a failed delivery: claimed %v, %v; want message %d only", again, err, first)
			}
			// The rest return once the lease has run out.
			dbs[1].Now = func() time.Time { return time.Now().Add(storage.MailLease + time.Second) }
			again, err := dbs[1].ClaimMail(ctx, n)
			if err != nil || len(again) != n {
				t.Fatalf("after the lease: claimed %d, %v; want %d", len(again), err, n)
			}
		})
	}
}
