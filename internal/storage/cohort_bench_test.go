package storage_test

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

// BenchmarkCohortComparison compares the demo region's support-work
// cohort with the rest of its region, over a generated national history
// of 20,000 families in several regions: the comparison reads the
// region's cases open in the period. The second half drops the index on
// cases by region (migration 00063) and measures again, in the same run.
//
//	go test ./internal/storage -run '^$' -bench CohortComparison -benchtime 20x
func BenchmarkCohortComparison(b *testing.B) {
	for _, e := range storagetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			ctx := context.Background()
			db := storagetest.Open(b, e)
			now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
			db.Now = func() time.Time { return now }
			st, err := demo.LoadNational(ctx, db, demo.NationalOptions{Families: 20000, Years: 3, Seed: 5, Now: now})
			if err != nil {
				b.Fatal(err)
			}
			if err := db.AnalyzeForTest(ctx); err != nil {
				b.Fatal(err)
			}
			p, err := db.ProfessionalByEmail(ctx, demo.Email("Linda", "vt"))
			if err != nil {
				b.Fatal(err)
			}
			linda := &schakel.Actor{Professional: &p}
			uc := app.New(db)
			region := p.Organisation.RegionID
			cohorts, err := uc.Cohorts(ctx, linda, region)
			if err != nil {
				b.Fatal(err)
			}
			var support storage.Cohort
			for _, c := range cohorts {
				if c.Intervention == "support_work" {
					support = c
				}
			}
			b.Logf("%d cases in %d regions", st.Cases, st.Regions)
			f := storage.LeadtimeFilter{RegionID: region, To: now}
			compare := func(b *testing.B) {
				for b.Loop() {
					if _, err := uc.CompareCohort(ctx, linda, support.ID, f); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.Run("indexed", compare)
			if err := db.DropIndexForTest(ctx, "cases_region"); err != nil {
				b.Fatal(err)
			}
			b.Run("unindexed", compare)
		})
	}
}
