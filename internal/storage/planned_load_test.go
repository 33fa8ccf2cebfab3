package storage_test

import (
	"context"
	"testing"

	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestPlannedLoadCountsOpenInvitations: a professional's load in the
// crisis pool counts the planned consultations they are invited to and
// have not declined. A red report's table adds one to each invitee; a
// decline takes it off that invitee; a held table takes it off everyone.
// On SQLite the pool's generation follows every change, so a pool read
// before the write transaction is never taken for the current one.
func TestPlannedLoadCountsOpenInvitations(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		region := sanne.Professional.Organisation.RegionID
		loads := func() (map[int64]int, int64) {
			t.Helper()
			out := map[int64]int{}
			var generation int64
			if err := db.Update(ctx, func(tx *storage.Tx) error {
				all, err := tx.RegionCandidates(region)
				if err != nil {
					return err
				}
				for _, c := range all {
					out[c.ID] = c.Load
				}
				if db.OneWriter() {
					generation, err = tx.PoolGeneration()
				}
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return out, generation
		}
		before, genBefore := loads()

		in := baseReport()
		in.Indicators = []string{"child_afraid_to_go_home", "no_safe_caregiver"}
		res, err := app.New(db).CreateReport(ctx, sanne, in, "")
		if err != nil || res.Consultation == nil || len(res.Consultation.Participants) < 2 {
			t.Fatalf("red report: %v %+v", err, res.Consultation)
		}
		table := res.Consultation
		invited := map[int64]bool{}
		for _, p := range table.Participants {
			invited[p.Professional.ID] = true
		}
		planned, genPlanned := loads()
		if db.OneWriter() && genPlanned <= genBefore {
			t.Error("the generation did not grow when a table was planned")
		}
		for id, n := range planned {
			want := before[id]
			if invited[id] {
				want++
			}
			if n != want {
				t.Errorf("professional %d: load %d after the table was planned, want %d (invited: %v)", id, n, want, invited[id])
			}
		}

		decliner := table.Participants[len(table.Participants)-1].Professional.ID
		if err := db.Update(ctx, func(tx *storage.Tx) error { return tx.DeclineRecord(table.ID, decliner, "ziek") }); err != nil {
			t.Fatal(err)
		}
		declined, genDeclined := loads()
		if db.OneWriter() && genDeclined <= genPlanned {
			t.Error("the generation did not grow when an invitee declined")
		}
		if declined[decliner] != before[decliner] {
			t.Errorf("load of the invitee who declined: %d, want %d", declined[decliner], before[decliner])
		}

		if err := db.Update(ctx, func(tx *storage.Tx) error { return tx.MarkHeld(table.ID) }); err != nil {
			t.Fatal(err)
		}
		held, _ := loads()
		for id, n := range held {
			if n != before[id] {
				t.Errorf("professional %d: load %d after the table was held, want %d", id, n, before[id])
			}
		}
	})
}
