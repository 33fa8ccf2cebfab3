package demo_test

import (
	"context"
	"testing"
	"time"

	"schakel/internal/care"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestLoadNationalCare generates a small history on both engines and
// checks its care requests by need: the waiting-time rules compute figures
// from them, every step comes after the one before, and each request has
// the chain events the live path writes.
func TestLoadNationalCare(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		st, err := demo.LoadNational(ctx, db, demo.NationalOptions{Families: 12000, Years: 3, Seed: 5, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if st.CareRequests < 20 {
			t.Fatalf("%d care requests, want a few dozen", st.CareRequests)
		}
		p, err := db.ProfessionalByEmail(ctx, demo.Email("Fatma", "jb"))
		if err != nil {
			t.Fatal(err)
		}
		var rows []care.WaitRow
		answered, chosen, started, ended := 0, 0, 0, 0
		err = db.Update(ctx, func(tx *storage.Tx) error {
			if rows, err = tx.CareWaitRows(p.Organisation.RegionID, now.AddDate(-3, 0, 0), now); err != nil {
				return err
			}
			// Without the demo families there is no request of De Vries
			// before the generated ones.
			for id := int64(1); id <= int64(st.CareRequests); id++ {
				r, _, err := tx.CareRequestByID(id)
				if err != nil {
					return err
				}
				evs, err := tx.CaseEvents(r.CaseID)
				if err != nil {
					return err
				}
				counts := map[chain.Type]int{}
				for _, e := range evs {
					if e.Details.CareRequestID == id {
						counts[e.Type]++
					}
				}
				checkCareSteps(t, r.CreatedAt, r.ChosenAt, r.StartedAt, r.EndedAt, counts)
				for _, a := range r.Answers {
					if a.AnsweredAt.Before(r.CreatedAt) || (r.ChosenAt != nil && a.AnsweredAt.After(*r.ChosenAt)) {
						t.Errorf("request %d: answer at %v, asked %v, chosen %v", id, a.AnsweredAt, r.CreatedAt, r.ChosenAt)
					}
				}
				answered += min(1, len(r.Answers))
				chosen += min(1, counts[chain.CareAllocated])
				started += min(1, counts[chain.CareStarted])
				ended += min(1, counts[chain.CareEnded])
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d requests: %d answered, %d chosen, %d started, %d ended", st.CareRequests, answered, chosen, started, ended)
		if answered == 0 || chosen == 0 || started == 0 || ended == 0 || answered == st.CareRequests {
			t.Errorf("want some of every step and some requests unanswered")
		}
		groups := care.Waits(rows, now)
		shown := 0
		for _, g := range groups {
			if g.Municipality != "" || g.Suppressed {
				continue
			}
			shown++
			t.Logf("%s: %d requests, answer median %v p80 %v, within norm %v", g.Category, g.Requests, deref(g.ToAnswer.Median), deref(g.ToAnswer.P80), deref(g.WithinNorm))
			// a median of fewer than 5 answers is withheld, as it is one family's
			if (g.ToAnswer.Median == nil) != (g.ToAnswer.N < 5) || g.ToAnswer.Median != nil && *g.ToAnswer.Median < 0 ||
				g.WithinNorm == nil || *g.WithinNorm <= 0 || *g.WithinNorm > 1 {
				t.Errorf("%s: %+v", g.Category, g)
			}
		}
		if shown == 0 {
			t.Errorf("no need has figures: %+v", groups)
		}
	})
}

// checkCareSteps checks one request's order of steps and its chain events.
func checkCareSteps(t *testing.T, asked time.Time, chosen, started, ended *time.Time, counts map[chain.Type]int) {
	t.Helper()
	day := func(x time.Time) string { return x.In(workdays.Location()).Format(time.DateOnly) }
	switch {
	case counts[chain.CareRequested] != 1:
		t.Errorf("asked %v: events %v", asked, counts)
	case chosen != nil && (chosen.Before(asked) || counts[chain.CareAllocated] != 1):
		t.Errorf("chosen %v before asked %v, or events %v", chosen, asked, counts)
	case started != nil && (chosen == nil || day(*started) <= day(*chosen) || counts[chain.CareStarted] != 1):
		t.Errorf("started %v, chosen %v, events %v", started, chosen, counts)
	case ended != nil && (started == nil || ended.Before(*started) || counts[chain.CareEnded] != 1):
		t.Errorf("ended %v, started %v, events %v", ended, started, counts)
	case (chosen == nil) != (counts[chain.CareAllocated] == 0) || (started == nil) != (counts[chain.CareStarted] == 0):
		t.Errorf("events %v do not match chosen %v started %v", counts, chosen, started)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
