package storage_test

import (
	"context"
	"os"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/chain"
	"schakel/internal/storage"
)

// BenchmarkCareDashboard times the care part of the chain dashboard (its
// reads and rules, app.CareDashboard) against the rest of the dashboard
// (app.Dashboard) as reference, in the same run, on a generated history,
// for the home region over the last 12 months and for the whole country
// over all time. The two alternate in rounds so that a drifting machine
// load weighs on both alike; it reports both means and their ratio.
//
//	schakel demo --db /tmp/big.db --families 200000 --years 3
//	SCHAKEL_BENCH_DB=/tmp/big.db go test ./internal/storage -run '^$' -bench CareDashboard
func BenchmarkCareDashboard(b *testing.B) {
	dsn := os.Getenv("SCHAKEL_BENCH_DB")
	if dsn == "" {
		b.Skip("SCHAKEL_BENCH_DB names no generated database")
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, dsn, chain.Rules{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	p, err := db.ProfessionalByEmail(ctx, "linda.vt@schakel.example")
	if err != nil {
		b.Fatal(err)
	}
	actor := &schakel.Actor{Professional: &p, ClientAddr: "127.0.0.1", Workstation: "bench"}
	uc := app.New(db)
	now := time.Now()
	filters := map[string]storage.LeadtimeFilter{
		"region_12m":   {RegionID: p.Organisation.RegionID, From: now.AddDate(-1, 0, 0), To: now},
		"country_ever": {},
	}
	for name, f := range filters {
		b.Run(name, func(b *testing.B) {
			var dash, care time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := uc.Dashboard(ctx, actor, f, ""); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if _, err := uc.CareDashboard(ctx, actor, f); err != nil {
					b.Fatal(err)
				}
				dash, care = dash+t1.Sub(t0), care+time.Since(t1)
			}
			b.ReportMetric(float64(dash.Microseconds())/float64(b.N)/1000, "dashboard-ms")
			b.ReportMetric(float64(care.Microseconds())/float64(b.N)/1000, "care-ms")
			b.ReportMetric(float64(care)/float64(dash), "care/dashboard")
		})
	}
}
