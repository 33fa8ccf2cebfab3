package app_test

import (
	"context"
	"testing"

	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestCrisisPoolRecheckedInside files red reports whose crisis table's
// pool is read before the write transaction. Nothing changing in between,
// the table is planned with invitees; when everyone but the intake worker
// is disabled in between, the pool is read again inside and nobody
// disabled is invited, as if it had been read there in the first place.
func TestCrisisPoolRecheckedInside(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		a := app.New(db)
		res, err := a.CreateReport(ctx, sanne, redReport("Isa", ""), "")
		if err != nil {
			t.Fatal(err)
		}
		if res.Consultation == nil || len(res.Consultation.Participants) < 2 {
			t.Fatalf("unchanged pool: table %+v, want one with invitees besides the intake worker", res.Consultation)
		}
		disabled := map[int64]bool{}
		app.SetAfterAvailability(a, func() {
			if err := db.Update(ctx, func(tx *storage.Tx) error {
				all, err := tx.RegionCandidates(sanne.Professional.Organisation.RegionID)
				if err != nil {
					return err
				}
				for _, c := range all {
					if c.ID != sanne.Professional.ID {
						disabled[c.ID] = true
						if err := tx.SaveProfessionalActive(c.ID, false); err != nil {
							return err
						}
					}
				}
				return nil
			}); err != nil {
				t.Error(err)
			}
		})
		res, err = a.CreateReport(ctx, sanne, redReport("Mila", ""), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(disabled) == 0 || res.Consultation == nil {
			t.Fatalf("%d disabled, table %+v", len(disabled), res.Consultation)
		}
		for _, p := range res.Consultation.Participants {
			if disabled[p.Professional.ID] {
				t.Errorf("%s was disabled before the write and is invited", p.Professional.Name)
			}
		}
		if len(res.Consultation.Missing) == 0 {
			t.Error("a table without anyone but the intake worker misses no one")
		}
	})
}
