package storage_test

import (
	"context"
	"sync"
	"testing"

	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestIntakeSamePersonAtOnce files reports about the same child (no BSN)
// from many clients at once. Each intake locks the child's matching keys
// before it decides (storage.LockMatchKeys on PostgreSQL, the one writer on
// SQLite), so exactly one report finds nobody and every other one is
// matched with a child filed before it.
func TestIntakeSamePersonAtOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		const n = 8
		var wg sync.WaitGroup
		unmatched := make(chan int64, n)
		errs := make(chan error, n)
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := baseReport()
				r.Children[0] = intake.Person{GivenNames: "Mila", FamilyName: "Bosman", BirthDate: "2017-08-09", Relation: "child"}
				r.Adults = nil
				res, err := app.New(db).CreateReport(context.Background(), sanne, r, "")
				if err != nil {
					errs <- err
					return
				}
				if len(res.Matches) == 0 {
					unmatched <- res.ID
				}
			}()
		}
		wg.Wait()
		close(errs)
		close(unmatched)
		for err := range errs {
			t.Error(err)
		}
		var ids []int64
		for id := range unmatched {
			ids = append(ids, id)
		}
		if len(ids) != 1 {
			t.Errorf("reports that matched nobody: %v, want exactly one (the first)", ids)
		}
	})
}
