package storage_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// BenchmarkRegionStatistics measures the figures of one region that
// migration 00063 indexed, over a generated national history of 20,000
// families (SCHAKEL_BENCH_FAMILIES to change) in 42 regions: a cohort
// compared with the rest of its region, the care dashboard, the placement
// reviews' patterns, and a new norm applied to the region's runs of its
// phase. The second half drops the migration's indexes and measures
// again, in the same run.
//
//	go test ./internal/storage -run '^$' -bench RegionStatistics -benchtime 20x
func BenchmarkRegionStatistics(b *testing.B) {
	for _, e := range storagetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			ctx := context.Background()
			db := storagetest.Open(b, e)
			now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
			db.Now = func() time.Time { return now }
			families := 20000
			if n, err := strconv.Atoi(os.Getenv("SCHAKEL_BENCH_FAMILIES")); err == nil && n > 0 {
				families = n
			}
			st, err := demo.LoadNational(ctx, db, demo.NationalOptions{Families: families, Years: 3, Seed: 5, Now: now})
			if err != nil {
				b.Fatal(err)
			}
			if err := db.AnalyzeForTest(ctx); err != nil {
				b.Fatal(err)
			}
			linda := benchActor(b, db, demo.Email("Linda", "vt"))
			admin := benchActor(b, db, demo.Email("Joost", "vt"))
			uc := app.New(db)
			region := linda.Professional.Organisation.RegionID
			support := supportCohort(b, uc, linda, region)
			b.Logf("%d cases in %d regions", st.Cases, st.Regions)
			f := storage.LeadtimeFilter{RegionID: region, To: now}
			lastYear := storage.LeadtimeFilter{RegionID: region, From: now.AddDate(-1, 0, 0), To: now}
			amount := 10
			figures := []struct {
				name string
				run  func() error
			}{
				{"cohort comparison", func() error { _, err := uc.CompareCohort(ctx, linda, support, f); return err }},
				{"care dashboard", func() error { _, err := uc.CareDashboard(ctx, linda, lastYear); return err }},
				{"placement review patterns", func() error { _, err := uc.ReviewPatterns(ctx, linda); return err }},
				{"new norm", func() error {
					amount = 30 - amount // 10 and 20 working days in turn, so each call changes the norm
					_, err := uc.SetNorm(ctx, admin, "vt_investigation", chain.Norm{Amount: amount, Unit: chain.WorkingDays, Source: "bench"})
					return err
				}},
			}
			measure := func(b *testing.B) {
				for _, fig := range figures {
					b.Run(fig.name, func(b *testing.B) {
						for b.Loop() {
							if err := fig.run(); err != nil {
								b.Fatal(err)
							}
						}
					})
				}
			}
			b.Run("indexed", measure)
			for _, index := range []string{"cases_region", "case_holders_professional_ended", "chain_events_court_orders"} {
				if err := db.DropIndexForTest(ctx, index); err != nil {
					b.Fatal(err)
				}
			}
			b.Run("unindexed", measure)
		})
	}
}

func benchActor(b *testing.B, db *storage.DB, email string) *schakel.Actor {
	b.Helper()
	p, err := db.ProfessionalByEmail(context.Background(), email)
	if err != nil {
		b.Fatal(err)
	}
	return &schakel.Actor{Professional: &p}
}

// supportCohort is the generated history's support-work intervention.
func supportCohort(b *testing.B, uc *app.App, actor *schakel.Actor, region int64) int64 {
	b.Helper()
	cohorts, err := uc.Cohorts(context.Background(), actor, region)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range cohorts {
		if c.Intervention == "support_work" {
			return c.ID
		}
	}
	b.Fatal("the generated history has no support-work intervention")
	return 0
}
