package storage_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

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

// TestFreshCasePhasesFromKeptEvents: a case the transaction opened has its
// phases derived at commit from the events the transaction kept, without
// reading them back; a correction or withdrawal in the same transaction
// makes it read them again. Either way the stored runs are what the events
// in the database give (VerifyPhases).
func TestFreshCasePhasesFromKeptEvents(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		region := sanne.Professional.Organisation.RegionID
		// PostgreSQL keeps microseconds, so the kept events must too: from
		// t0 to held the red phase lasts 59 minutes as Go counts them, 60
		// as PostgreSQL has it.
		t0 := w.now.Add(-3*time.Hour + 1234567*time.Nanosecond)
		heldAt := t0.Truncate(time.Microsecond).Add(time.Hour)
		tests := []struct {
			name string
			// fix changes the case's events after they were recorded
			fix   func(tx *storage.Tx, caseID, rated, held int64) error
			reads bool // the events are read back at commit
			red   chain.Status
		}{
			{"kept", nil, false, chain.Done},
			{"corrected", func(tx *storage.Tx, caseID, rated, held int64) error {
				if _, err := tx.InsertChainEvent(sanne, storage.EventRecord{CaseID: caseID, Type: chain.Rated, At: t0.Add(time.Minute),
					Details: storage.EventDetails{Color: "orange"}, Source: storage.SourceHand, Corrects: rated, Reason: "typefout"}); err != nil {
					return err
				}
				return tx.SupersedeEvent(rated)
			}, true, -1},
			{"withdrawn", func(tx *storage.Tx, caseID, rated, held int64) error {
				if _, err := tx.InsertChainEvent(sanne, storage.EventRecord{CaseID: caseID, Type: chain.ConsultationHeld, At: heldAt,
					Source: storage.SourceHand, Corrects: held, Reason: "niet gehouden", Withdrawn: true}); err != nil {
					return err
				}
				return tx.SupersedeEvent(held)
			}, true, chain.Open},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				reads := 0
				db.RecordStatements(func(q string, _ []any) {
					if strings.Contains(q, "FROM chain_events e LEFT JOIN organisations") {
						reads++
					}
				})
				defer db.RecordStatements(nil)
				var caseID int64
				err := db.Update(ctx, func(tx *storage.Tx) error {
					fam, err := tx.InsertFamily(region, "Rotterdam")
					if err != nil {
						return err
					}
					if caseID, err = tx.InsertCase(fam, region); err != nil {
						return err
					}
					record := func(typ chain.Type, at time.Time, det storage.EventDetails) (int64, error) {
						return tx.InsertChainEvent(sanne, storage.EventRecord{CaseID: caseID, Type: typ, At: at, Details: det, Source: storage.SourceSchakel})
					}
					if _, err := record(chain.ReportReceived, t0, storage.EventDetails{}); err != nil {
						return err
					}
					rated, err := record(chain.Rated, t0, storage.EventDetails{Color: "red"})
					if err != nil {
						return err
					}
					held, err := record(chain.ConsultationHeld, heldAt, storage.EventDetails{})
					if err != nil {
						return err
					}
					if tc.fix != nil {
						if err := tc.fix(tx, caseID, rated, held); err != nil {
							return err
						}
					}
					reads = 0
					return tx.SettleTimeline(caseID)
				})
				if err != nil {
					t.Fatal(err)
				}
				db.RecordStatements(nil)
				if got := reads > 0; got != tc.reads {
					t.Errorf("the events were read back %d times at commit, want reads %v", reads, tc.reads)
				}
				if err := db.VerifyPhases(ctx, 1<<20); err != nil {
					t.Fatal(err)
				}
				err = db.Update(ctx, func(tx *storage.Tx) error {
					tl, err := tx.TimelineOf(caseID)
					if err != nil {
						return err
					}
					red := chain.Status(-1)
					for _, r := range tl.Runs {
						if r.Phase == chain.PhaseRedConsultation {
							red = r.Status
						}
					}
					if red != tc.red {
						t.Errorf("red phase %v, want %v (runs %+v)", red, tc.red, tl.Runs)
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			})
		}
	})
}
