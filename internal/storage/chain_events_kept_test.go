package storage_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestWaitingEventsReadInOrder: the events Schakel records itself wait
// for the next statement that names chain_events, an
// event inserted at once, or the commit, and go in one statement. A read
// in the same transaction sees them, every event of one moment keeps the
// order it was recorded in (the phase rules order such events by id),
// and the stored phases are what the stored events give.
func TestWaitingEventsReadInOrder(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		region := sanne.Professional.Organisation.RegionID
		at := w.now.Add(-time.Hour).Truncate(time.Microsecond)
		inserts := 0
		db.RecordStatements(func(q string, _ []any) {
			if strings.HasPrefix(q, "INSERT INTO chain_events") {
				inserts++
			}
		})
		defer db.RecordStatements(nil)
		var caseID int64
		want := []chain.Type{chain.ReportReceived, chain.Rated, chain.ConsultationPlanned, chain.ConsultationHeld, chain.SafetyAssessmentDone}
		err := db.Update(ctx, func(tx *storage.Tx) error {
			fam, err := tx.InsertFamily(region, "Rotterdam")
			if err != nil {
				return err
			}
			if caseID, err = tx.InsertCase(fam, region); err != nil {
				return err
			}
			if err := tx.RecordReportReceived(sanne, caseID, 0, at, nil); err != nil {
				return err
			}
			if err := tx.RecordAuto(sanne, caseID, chain.Rated, at, storage.EventDetails{Color: "red"}, 0); err != nil {
				return err
			}
			if err := tx.RecordAuto(sanne, caseID, chain.ConsultationPlanned, at, storage.EventDetails{}, 0); err != nil {
				return err
			}
			// An event inserted at once comes after the waiting ones.
			if _, err := tx.InsertChainEvent(sanne, storage.EventRecord{CaseID: caseID, Type: chain.ConsultationHeld, At: at, Source: storage.SourceHand}); err != nil {
				return err
			}
			if err := tx.RecordAuto(sanne, caseID, chain.SafetyAssessmentDone, at, storage.EventDetails{}, 0); err != nil {
				return err
			}
			evs, err := tx.CaseEvents(caseID)
			if err != nil {
				return err
			}
			var got []chain.Type
			for i, e := range evs {
				got = append(got, e.Type)
				if i > 0 && e.ID <= evs[i-1].ID {
					t.Errorf("event %s has id %d after %d: ids out of the recorded order", e.Type, e.ID, evs[i-1].ID)
				}
			}
			if strings.Join(typeNames(got), " ") != strings.Join(typeNames(want), " ") {
				t.Errorf("read in the transaction: %v, want %v", got, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// The three waiting ones in one statement, the one at once, and
		// the last waiting one before the read.
		if inserts != 3 {
			t.Errorf("%d statements inserted the five events, want 3", inserts)
		}
		if err := db.VerifyPhases(ctx, 1<<20); err != nil {
			t.Fatal(err)
		}
	})
}

func typeNames(ts []chain.Type) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t)
	}
	return out
}
