package storage_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"schakel/internal/app"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestOpenNeedsPhaseRules: a database opened without the rules behind
// case_phases is refused, instead of leaving the phases behind the events.
func TestOpenNeedsPhaseRules(t *testing.T) {
	ctx := context.Background()
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			for name, open := range map[string]func(context.Context, string, storage.PhaseRules) (*storage.DB, error){
				"Open": storage.Open, "OpenNoMigrate": storage.OpenNoMigrate,
			} {
				db, err := open(ctx, e.DSN(t), nil)
				if err == nil {
					db.Close()
					t.Errorf("%s without phase rules: no error", name)
				} else if !strings.Contains(err.Error(), "phase rules") {
					t.Errorf("%s without phase rules: %v, want it to say so", name, err)
				}
			}
		})
	}
}

// hourRules are the chain's rules with a norm of one hour for every phase.
type hourRules struct{ chain.Rules }

func (r hourRules) Norms(own map[string]chain.Norm) map[chain.PhaseID]*chain.Norm {
	out := map[chain.PhaseID]*chain.Norm{}
	for _, p := range chain.Phases() {
		out[p.ID] = &chain.Norm{Amount: 1, Unit: chain.Hours, Source: "test"}
	}
	return out
}

// TestPhasesFollowTheRulesGiven: storage derives and times the phase runs
// with the rules it was opened with, not with rules of its own.
func TestPhasesFollowTheRulesGiven(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			db := storagetest.OpenWith(t, e, hourRules{})
			w := newIntakeWorld(t, db)
			ctx := context.Background()
			sanne := w.actor(t, demo.Email("Sanne", "vt"))
			res, err := app.New(db).CreateReport(ctx, sanne, baseReport(), "")
			if err != nil {
				t.Fatal(err)
			}
			err = db.View(ctx, func(tx *storage.Tx) error {
				tl, err := tx.TimelineOf(res.CaseID)
				if err != nil {
					return err
				}
				if len(tl.Runs) == 0 {
					t.Fatal("no phase runs")
				}
				for _, r := range tl.Runs {
					if want := r.Start.Add(time.Hour); r.Due == nil || !r.Due.Equal(want) {
						t.Errorf("phase %d: due %v, want %s (the rules' one hour)", r.Phase, r.Due, want)
					}
				}
				if n := tl.Norms[chain.PhaseCourt]; n == nil || n.Unit != chain.Hours {
					t.Errorf("norm in force for the court phase: %v, want the rules' one hour", n)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
