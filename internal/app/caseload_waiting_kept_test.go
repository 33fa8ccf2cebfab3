package app_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestKeptWaitingList: the kept waiting list stays equal to the computed
// answer after every step that changes it — a measure, assigning, a
// hand-over, a bulk hand-over, a holder leaving, a second measure, the
// first measure ending and the last one ending without any write, and
// the case closing — on both engines.
func TestKeptWaitingList(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := holderCase(t, db, uc)
		erik := demoActor(t, db, demo.Email("Erik", "jb"))
		thomas, fatma := demoActor(t, db, demo.Email("Thomas", "jb")), demoActor(t, db, demo.Email("Fatma", "jb"))
		real := db.Now
		defer func() { db.Now = real }()
		step := func(name string, wantCases int) {
			t.Helper()
			if err := db.VerifyHolderWaiting(ctx); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var n int
			if err := db.View(ctx, func(tx *storage.Tx) error {
				ws, err := tx.WaitingForHolder(erik.Professional.Organisation.ID)
				n = len(ws)
				return err
			}); err != nil || n != wantCases {
				t.Fatalf("%s: %d cases waiting (%v), want %d", name, n, err, wantCases)
			}
		}
		order := func(typ string, at time.Time, months int) {
			t.Helper()
			var in schakel.ChainEventInput
			in.Type, in.At = typ, at.Format(time.RFC3339)
			in.Details.Measure, in.Details.EndsAt = "supervision", at.AddDate(0, months, 0).Format(time.RFC3339)
			if _, err := uc.RecordEvent(ctx, thomas, caseID, in, "hand"); err != nil {
				t.Fatalf("%s: %v %+v", typ, err, schakel.FieldErrors(err))
			}
		}
		assign := func(who *schakel.Actor, by *schakel.Actor) {
			t.Helper()
			if _, err := uc.AssignCaseHolder(ctx, by, caseID, app.HolderInput{ProfessionalID: who.Professional.ID, Position: schakel.FirstHolder, Reason: "Toewijzing."}); err != nil {
				t.Fatal(err)
			}
		}
		step("no measure", 0)
		start := db.Now().UTC().Truncate(time.Minute)
		order("court_order", start.Add(time.Minute), 3)
		step("a measure, no holder", 1)
		assign(thomas, erik)
		step("assigned", 0)
		assign(fatma, thomas) // the holder hands over
		step("handed over", 0)
		if _, err := uc.HandOverAll(ctx, erik, fatma.Professional.ID, app.HandOverInput{To: thomas.Professional.ID, Reason: "Verlof."}); err != nil {
			t.Fatal(err)
		}
		step("bulk hand-over", 0)
		if _, err := uc.EndCaseHolder(ctx, thomas, caseID, schakel.FirstHolder, "Ik vertrek."); err != nil {
			t.Fatal(err)
		}
		step("the holder left", 1)
		order("court_order", start.Add(2*time.Minute), 6) // a second, longer measure
		step("a second measure", 1)
		db.Now = func() time.Time { return real().AddDate(0, 4, 0) }
		step("the first measure ended, no write", 1)
		db.Now = func() time.Time { return real().AddDate(0, 7, 0) }
		step("every measure ended, no write", 0)
		db.Now = real
		var closed schakel.ChainEventInput
		closed.Type, closed.At = "closed", start.Add(3*time.Minute).Format(time.RFC3339)
		if _, err := uc.RecordEvent(ctx, thomas, caseID, closed, "hand"); err != nil {
			t.Fatalf("close: %v %+v", err, schakel.FieldErrors(err))
		}
		step("the case closed", 0)
	})
}
