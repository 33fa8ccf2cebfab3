package storage_test

import (
	"context"
	"strings"
	"testing"

	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestNotifyOrganisationsCareInChunks tells more organisations than one
// statement takes: a first chunk without anyone to tell must not stop the
// chunk with Kompas's care coordinator, who is told once.
func TestNotifyOrganisationsCareInChunks(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		frank := w.actor(t, demo.Email("Frank", "kompas"))
		orgs := make([]int64, 0, 801)
		for i := range 800 {
			orgs = append(orgs, 1_000_000+int64(i)) // no such organisation: nobody to tell
		}
		orgs = append(orgs, frank.Professional.Organisation.ID)
		const text = "Nieuwe zorgvraag 9999: kunt u helpen?"
		if err := db.Update(ctx, func(tx *storage.Tx) error { return tx.NotifyOrganisationsCare(orgs, text) }); err != nil {
			t.Fatal(err)
		}
		items, err := app.New(db).Worklist(ctx, frank, app.WorkFilter{Scope: "mine"})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range items {
			if strings.Contains(it.Title, "9999") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("Frank was told %d times, want once (%d items)", n, len(items))
		}
	})
}
