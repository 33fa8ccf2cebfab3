package storage_test

import (
	"context"
	"encoding/json"
	"testing"

	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestCasePageBatchedReadsAsDirect: the case page read in batches (every
// section's rows fetched as JSON in one round trip) is exactly what its
// statements return one by one: the same values, times, NULLs and order.
func TestCasePageBatchedReadsAsDirect(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		seedWorkspace(t, db, w.sanne, w.caseID, w.now, 3, 12, 9)
		read := func(batched bool) string {
			t.Helper()
			db.BatchReads(batched)
			defer db.BatchReads(true)
			c, ws, err := app.New(db).CaseWorkspace(ctx, w.sanne, w.caseID)
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal([]any{c, ws})
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		if direct, batched := read(false), read(true); direct != batched {
			t.Fatalf("batched read differs from direct:\n direct  %s\n batched %s", direct, batched)
		}
	})
}

// TestCasePageBatchedWithMatch: a case with a proposed family match (whose
// counts are read after the matches) reads the same both ways.
func TestCasePageBatchedWithMatch(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		kees := w.actor(t, demo.Email("Kees", "samendoen"))
		if _, err := app.New(db).CreateReport(ctx, sanne, baseReport(), ""); err != nil {
			t.Fatal(err)
		}
		third := baseReport()
		third.Children[0] = intakePerson("de Jongh", "Noah", "2016-04-12")
		third.Adults = nil
		r3, err := app.New(db).CreateReport(ctx, kees, third, "")
		if err != nil || len(r3.Matches) == 0 {
			t.Fatalf("no proposed match: %v %+v", err, r3)
		}
		read := func(batched bool) string {
			t.Helper()
			db.BatchReads(batched)
			defer db.BatchReads(true)
			c, ws, err := app.New(db).CaseWorkspace(ctx, kees, r3.CaseID)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Matches) == 0 {
				t.Fatal("the case shows no match")
			}
			b, err := json.Marshal([]any{c, ws})
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		if direct, batched := read(false), read(true); direct != batched {
			t.Fatalf("batched read differs from direct:\n direct  %s\n batched %s", direct, batched)
		}
	})
}
