package demo_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/prevention"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestLoadNational generates a small history on both engines and checks
// that it is usable: every family has a case, the phases derived in bulk
// are the ones recording would derive, the indexes are back, the figures
// are plausible, and a second run is refused.
func TestLoadNational(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		var progress []int
		st, err := demo.LoadNational(ctx, db, demo.NationalOptions{Families: 3000, Years: 4, Seed: 3, Now: now,
			Progress: func(done, total int) { progress = append(progress, done) }})
		if err != nil {
			t.Fatal(err)
		}
		if st.Families != 3000 || st.Cases < 3000 || st.Events < 8*3000/2 || st.Regions != 42 || len(progress) == 0 || progress[len(progress)-1] != 3000 {
			t.Fatalf("stats %+v, progress %v", st, progress)
		}
		if _, err := demo.LoadNational(ctx, db, demo.NationalOptions{Families: 10, Years: 1, Now: now}); !errors.Is(err, demo.ErrHistoryLoaded) {
			t.Fatalf("second history: %v", err)
		}
		p, err := db.ProfessionalByEmail(ctx, demo.Email("Linda", "vt"))
		if err != nil {
			t.Fatal(err)
		}
		linda := &schakel.Actor{Professional: &p}
		lt, err := fxLeadtimes(ctx, db, p.Organisation.RegionID, storage.LeadtimeFilter{})
		if err != nil {
			t.Fatal(err)
		}
		sa := lt.Phases[1]
		if sa.Phase != "safety_assessment" || sa.Count < 3000 || sa.MedianDays == nil || *sa.MedianDays < 1 || *sa.MedianDays > 5 ||
			sa.WithinNorm == nil || *sa.WithinNorm < 0.8 {
			t.Errorf("safety assessment %+v", sa)
		}
		if lt.Chain.Count == 0 || *lt.Chain.MedianDays < 150 || *lt.Chain.MedianDays > 330 {
			t.Errorf("the whole chain should take about 8 months: %+v (median %v)", lt.Chain, lt.Chain.MedianDays)
		}
		// A generated case is a case like any other: its timeline reads,
		// and recording on it derives the same phases the bulk load wrote.
		d, err := fxDashboard(ctx, db, p.Organisation.RegionID, storage.LeadtimeFilter{RegionID: p.Organisation.RegionID}, "")
		if err != nil || d.Reports.Reports == 0 || d.Reports.DebtShare == nil || *d.Reports.DebtShare < 0.6 || *d.Reports.DebtShare > 0.9 {
			t.Fatalf("dashboard %+v %v", d.Reports, err)
		}
		if err := db.VerifyPhases(ctx, 200); err != nil {
			t.Error(err)
		}
		cohorts, err := db.CohortList(ctx, 0)
		interventions := 0
		for _, c := range cohorts {
			if c.Intervention != "" && c.StartsAt != nil {
				interventions++
			}
		}
		if err != nil || len(cohorts) != 5 || interventions != 2 {
			t.Fatalf("cohorts (two of article 001's interventions with a first day) %v %v", cohorts, err)
		}
		// Placement-prevention reviews in the demo region: the pattern
		// report reads them (issue 16's figures, logged).
		patterns, err := app.New(db).ReviewPatterns(ctx, linda)
		if err != nil || st.Reviews == 0 || len(patterns) == 0 {
			t.Fatalf("reviews %d, patterns %+v, %v", st.Reviews, patterns, err)
		}
		checked := 0 // the checks recorded, shown or not
		for _, q := range patterns {
			t.Logf("%s: considered %s, held %s, prevented %s, on time %s, median working days %s, causes %s",
				q.Quarter, shownInt(q.Considered), shownInt(q.Held), shownInt(q.Prevented), shownInt(q.OnTime), shownInt(q.MedianDays), causesOf(q))
			for _, c := range q.Checks {
				if c.Checked != nil {
					checked += *c.Checked
				}
				t.Logf("  %d months %s: held %s, due %s, checked %s, stayed home %s, alternative held %s, placed after all %s, new reports %s",
					c.Months, c.Group, shownInt(c.Held), shownInt(c.Due), shownInt(c.Checked), shownInt(c.StayedHome), shownInt(c.AlternativeHeld),
					shownInt(c.PlacedAfterAll), shownInt(c.WithNewReports))
			}
		}
		var facts []prevention.ReviewFact
		if err := db.Update(ctx, func(tx *storage.Tx) (err error) {
			facts, err = tx.RegionReviewFacts(p.Organisation.RegionID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		for _, f := range facts {
			checked += len(f.Checks)
		}
		if checked == 0 {
			t.Error("no follow-up check in the generated history")
		}
		// The panels: every generated review has two or three members of
		// the demo network.
		members, err := app.New(db).Network(ctx, linda)
		if err != nil || len(members) == 0 {
			t.Fatalf("network %+v, %v", members, err)
		}
		seats := 0
		for _, m := range members {
			seats += m.Reviews
			t.Logf("%s (%s): %d panels", m.Professional.Name, m.Organisation.Name, m.Reviews)
		}
		if seats < prevention.MinPanel*st.Reviews || seats > prevention.MaxPanel*st.Reviews {
			t.Errorf("%d panel seats for %d reviews, want two or three each", seats, st.Reviews)
		}
	})
}

func shownInt(n *int) string {
	if n == nil {
		return "<5"
	}
	return fmt.Sprint(*n)
}

func causesOf(q prevention.QuarterPatterns) string {
	var parts []string
	for _, c := range q.Causes {
		parts = append(parts, c.Cause+"="+shownInt(c.Count))
	}
	return strings.Join(parts, " ")
}
