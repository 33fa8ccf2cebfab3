package storage_test

import (
	"context"
	"slices"
	"testing"

	"schakel/internal/app"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestPhasesDerivedAtCommit: the events Schakel records itself derive the
// case's phases once, at commit; a read of the phases later in the same
// transaction already sees them, and after the commit they are stored.
func TestPhasesDerivedAtCommit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		res, err := app.New(db).CreateReport(ctx, sanne, baseReport(), "")
		if err != nil {
			t.Fatal(err)
		}
		red := func(ps []storage.PhaseRun) bool {
			return slices.ContainsFunc(ps, func(p storage.PhaseRun) bool { return p.Phase == chain.PhaseRedConsultation && p.Status == chain.Open })
		}
		timeline := func(tx *storage.Tx) storage.TimelineRecords {
			t.Helper()
			tl, err := tx.TimelineOf(res.CaseID)
			if err != nil {
				t.Fatal(err)
			}
			return tl
		}
		var before storage.TimelineRecords
		err = db.Update(ctx, func(tx *storage.Tx) error {
			before = timeline(tx)
			if err := tx.RecordAuto(sanne, res.CaseID, chain.Rated, w.now, storage.EventDetails{Color: "red"}, 0); err != nil {
				return err
			}
			if tl := timeline(tx); !red(tl.Runs) {
				t.Errorf("in the transaction of the red rating: phases %+v, want an open red phase", tl.Runs)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if red(before.Runs) || len(before.Runs) == 0 {
			t.Fatalf("before the red rating: phases %+v, want some and no red one", before.Runs)
		}
		err = db.Update(ctx, func(tx *storage.Tx) error {
			if tl := timeline(tx); !red(tl.Runs) || len(tl.Runs) != len(before.Runs)+1 {
				t.Errorf("after the commit: phases %+v, want those before and an open red phase", tl.Runs)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
