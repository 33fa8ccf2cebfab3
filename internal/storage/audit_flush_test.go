package storage_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestAuditFlushManyEntries writes more entries in one transaction than
// PostgreSQL's flush puts in one statement, with and without persons, and
// finds each entry with persons exactly once under each of its persons.
func TestAuditFlushManyEntries(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		vt := fxOrg(t, db, schakel.VeiligThuis)
		worker := fxPro(t, db, vt, schakel.RoleCaseWorker)
		const entries = 2345
		withPersons := 0
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			for i := range entries {
				e := audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: "1", AccessBasis: audit.BasisParticipation}
				if i%3 != 0 {
					e.Persons = []int64{8, 7, 8}
					withPersons++
				}
				tx.Audit(fxActor(worker), e)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for _, person := range []int64{7, 8} {
			seen := map[int64]bool{}
			var before int64
			for {
				var page storage.PersonAccessesPage
				if err := db.Update(ctx, func(tx *storage.Tx) error {
					var err error
					page, err = tx.PersonAccessPage(person, before, storage.PersonAccessesMaxPageSize)
					return err
				}); err != nil {
					t.Fatal(err)
				}
				for _, e := range page.Entries {
					if seen[e.Seq] {
						t.Fatalf("person %d: entry %d twice", person, e.Seq)
					}
					seen[e.Seq] = true
				}
				if before = page.Next; before == 0 {
					break
				}
			}
			if len(seen) != withPersons {
				t.Errorf("person %d: %d entries, want %d", person, len(seen), withPersons)
			}
		}
	})
}
