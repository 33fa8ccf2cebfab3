package storage_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestCasePageBatchedWithChanges: consultations that were moved or
// cancelled (whose changes are read only for consultations that changed,
// in a batched read by the same test in SQL) read the same both ways, in
// as many statements as a case without changes.
func TestCasePageBatchedWithChanges(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		seedWorkspace(t, db, w.sanne, w.caseID, w.now, 3, 2, 2)
		count := func() int {
			t.Helper()
			n := 0
			db.RecordQueries(func(string) { n++ })
			defer db.RecordQueries(nil)
			if _, _, err := app.New(db).CaseWorkspace(ctx, w.sanne, w.caseID); err != nil {
				t.Fatal(err)
			}
			return n
		}
		unchanged := count()
		c, _, err := app.New(db).CaseWorkspace(ctx, w.sanne, w.caseID)
		if err != nil {
			t.Fatal(err)
		}
		var others []schakel.Consultation
		for _, x := range c.Consultations {
			if x.Kind != schakel.ConsultCrisis {
				others = append(others, x)
			}
		}
		if len(others) < 2 {
			t.Fatalf("seeded %d consultations besides the crisis one", len(others))
		}
		why := "De afspraak schuift een dag op."
		if _, err := app.New(db).MoveConsultation(ctx, w.sanne, others[0].ID, plan.ConsultationChange{ScheduledAt: others[0].ScheduledAt.Add(24 * time.Hour).Format(time.RFC3339), Reason: why}); err != nil {
			t.Fatal(err)
		}
		if _, err := app.New(db).CancelConsultation(ctx, w.sanne, others[1].ID, plan.ConsultationChange{Reason: why}); err != nil {
			t.Fatal(err)
		}
		read := func(batched bool) (string, int) {
			t.Helper()
			db.BatchReads(batched)
			defer db.BatchReads(true)
			c, ws, err := app.New(db).CaseWorkspace(ctx, w.sanne, w.caseID)
			if err != nil {
				t.Fatal(err)
			}
			changes := 0
			for _, x := range c.Consultations {
				changes += len(x.Changes)
			}
			b, err := json.Marshal([]any{c, ws})
			if err != nil {
				t.Fatal(err)
			}
			return string(b), changes
		}
		direct, changes := read(false)
		batched, _ := read(true)
		if changes < 2 {
			t.Fatalf("the case page shows %d changes of consultations, want the move and the cancellation", changes)
		}
		if direct != batched {
			t.Fatalf("batched read differs from direct:\n direct  %s\n batched %s", direct, batched)
		}
		if n := count(); n != unchanged {
			t.Fatalf("the case page takes %d statements with changed consultations, %d without", n, unchanged)
		}
	})
}
