package demo_test

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

// TestNationalInterventionCohort: the generated history tags support
// work in Rijnmond as an intervention with a first day; compared with
// the rest of the region since its first day, both sides are shown, and
// their placements and repeat reports add up to what the chain dashboard
// counts for the same region and period.
func TestNationalInterventionCohort(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		if _, err := demo.LoadNational(ctx, db, demo.NationalOptions{Families: 20000, Years: 3, Seed: 5, Now: now}); err != nil {
			t.Fatal(err)
		}
		// The bulk load fills the kept waiting list as the writes would.
		if err := db.VerifyHolderWaiting(ctx); err != nil {
			t.Error(err)
		}
		if err := db.View(ctx, func(tx *storage.Tx) error {
			ws, err := tx.RegionWaitingForHolder(0)
			if err == nil && len(ws) < 100 {
				t.Errorf("the generated history should have children waiting for a case holder: %d cases", len(ws))
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		p, err := db.ProfessionalByEmail(ctx, demo.Email("Linda", "vt"))
		if err != nil {
			t.Fatal(err)
		}
		linda := &schakel.Actor{Professional: &p}
		uc := app.New(db)
		region := p.Organisation.RegionID
		cohorts, err := uc.Cohorts(ctx, linda, region)
		if err != nil {
			t.Fatal(err)
		}
		var support storage.Cohort
		for _, c := range cohorts {
			if c.Intervention == "support_work" {
				support = c
			}
		}
		if support.ID == 0 || support.StartsAt == nil || support.Cases == 0 {
			t.Fatalf("no support-work intervention with a first day and cases: %+v", cohorts)
		}
		f := storage.LeadtimeFilter{RegionID: region, To: now}
		c, err := uc.CompareCohort(ctx, linda, support.ID, f)
		if err != nil {
			t.Fatal(err)
		}
		for name, s := range map[string]struct {
			cases      int
			suppressed bool
			lead       *float64
		}{"cohort": {c.InCohort.Cases, c.InCohort.Suppressed, c.InCohort.LeadMedianDays}, "rest": {c.Rest.Cases, c.Rest.Suppressed, c.Rest.LeadMedianDays}} {
			if s.cases < 5 || s.suppressed || s.lead == nil {
				t.Errorf("%s side: %+v", name, s)
			}
		}
		if c.InCohort.Cases >= c.Rest.Cases {
			t.Errorf("about half of Jeugdbescherming's cases should be fewer than all the rest: %d vs %d", c.InCohort.Cases, c.Rest.Cases)
		}
		// The generated contact moments reach both sides.
		if x, y := c.InCohort.ContactsPerFamilyMonth, c.Rest.ContactsPerFamilyMonth; x == nil || y == nil || *x <= 0 || *y <= 0 {
			t.Errorf("contact moments per family per month: %v / %v", x, y)
		}
		if c.InCohort.Placements == nil || c.Rest.Placements == nil {
			t.Fatalf("withheld: %+v / %+v", c.InCohort, c.Rest)
		}
		if c.From == nil || !c.From.Equal(*support.StartsAt) {
			t.Fatalf("compared from %v, want the first day %v", c.From, support.StartsAt)
		}
		f.From = *c.From // the same period as the comparison
		d, err := fxDashboard(ctx, db, region, f, "")
		if err != nil {
			t.Fatal(err)
		}
		sum := func(ms []storage.MonthCount) int {
			n := 0
			for _, m := range ms {
				n += int(m.Count)
			}
			return n
		}
		if got, want := *c.InCohort.Placements+*c.Rest.Placements, sum(d.PlacementTrend); got != want || want == 0 {
			t.Errorf("placements: cohort %d + rest %d = %d, the dashboard counts %d", *c.InCohort.Placements, *c.Rest.Placements, got, want)
		}
		if got, want := *c.InCohort.RepeatReports+*c.Rest.RepeatReports, sum(d.RepeatTrend); got != want || want == 0 {
			t.Errorf("repeat reports: cohort %d + rest %d = %d, the dashboard counts %d", *c.InCohort.RepeatReports, *c.Rest.RepeatReports, got, want)
		}
		// The lead-time filter on the cohort counts the same finished chains.
		lt, err := fxLeadtimes(ctx, db, region, storage.LeadtimeFilter{RegionID: region, From: f.From, To: f.To, CohortID: support.ID})
		if err != nil || lt.Chain.Count != int64(c.InCohort.LeadCount) {
			t.Errorf("whole-chain runs of the cohort: dashboard %d, comparison %d (%v)", lt.Chain.Count, c.InCohort.LeadCount, err)
		}
	})
}
