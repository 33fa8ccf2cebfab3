package storage_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestBareInsertWritesAnIntakesRows holds the intake benchmark's
// reference to its definition, "the bare insert of the same rows": five
// reports (the fifth red, with its crisis table) filed through the intake
// on one demo database and bare-inserted on another must add the same rows
// to every table. The matching keys differ by name (an intake writes a
// person's keys for each spelling it can be searched by); for them the
// bare insert's fixed nine keys a person must lie within a tenth of the
// intake's. The event roll-up is compared by what it counts, since on
// PostgreSQL each server process writes rows of its own.
func TestBareInsertWritesAnIntakesRows(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			intake := rowsAdded(t, e, func(db *storage.DB, actor *schakel.Actor) func(int64) error {
				return func(i int64) error {
					_, err := app.New(db).CreateReport(context.Background(), actor, benchReport(i, i%5 == 0), "")
					return err
				}
			})
			bare := rowsAdded(t, e, func(db *storage.DB, actor *schakel.Actor) func(int64) error {
				return bareInserter(t, db, actor)
			})
			for _, table := range slices.Sorted(maps.Keys(intake)) {
				want, got := intake[table], bare[table]
				if table == "person_keys" {
					if got < want*9/10 || got > want*11/10 {
						t.Errorf("person_keys: the bare insert added %d rows, the intake %d", got, want)
					}
					continue
				}
				if got != want {
					t.Errorf("%s: the bare insert added %d rows, the intake %d", table, got, want)
				}
			}
			for _, table := range slices.Sorted(maps.Keys(bare)) {
				if _, ok := intake[table]; !ok {
					t.Errorf("%s: the bare insert added %d rows, the intake none", table, bare[table])
				}
			}
		})
	}
}

// rowsAdded returns how many rows five reports written by write add to
// each table of a fresh demo database, and for event_rollup the events it
// counts.
func rowsAdded(t *testing.T, e storagetest.Engine, write func(*storage.DB, *schakel.Actor) func(int64) error) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	db := storagetest.Open(t, e)
	do := write(db, demoWorld(t, db))
	before, err := db.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	counted := rollupCount(t, db)
	for i := int64(1); i <= 5; i++ {
		if err := do(i); err != nil {
			t.Fatal(err)
		}
	}
	after, err := db.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	added := map[string]int64{}
	for table, n := range after {
		if n != before[table] {
			added[table] = n - before[table]
		}
	}
	delete(added, "event_rollup")
	if n := rollupCount(t, db) - counted; n != 0 {
		added["event_rollup"] = n
	}
	return added
}

func rollupCount(t *testing.T, db *storage.DB) (n int64) {
	t.Helper()
	if err := db.View(context.Background(), func(tx *storage.Tx) error {
		return tx.QueryRowForTest(`SELECT COALESCE(SUM(n), 0) FROM event_rollup`).Scan(&n)
	}); err != nil {
		t.Fatal(err)
	}
	return n
}
