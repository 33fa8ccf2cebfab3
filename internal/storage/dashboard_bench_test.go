package storage

import (
	"context"
	"os"
	"testing"
	"time"

	"schakel/internal/chain"
)

// BenchmarkDashboardParts times each of the dashboard's reads on a large
// generated history, to see where the time goes (the use case computes the
// figures of them: internal/app/chain_leadtimes.go):
//
//	schakel demo --db /tmp/big.db --families 1000000 --years 10
//	SCHAKEL_BENCH_DB=/tmp/big.db go test ./internal/storage -run '^$' -bench DashboardParts
func BenchmarkDashboardParts(b *testing.B) {
	dsn := os.Getenv("SCHAKEL_BENCH_DB")
	if dsn == "" {
		b.Skip("SCHAKEL_BENCH_DB names no generated database")
	}
	ctx := context.Background()
	db, err := Open(ctx, dsn, chain.Rules{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	p, err := db.ProfessionalByEmail(ctx, "linda.vt@schakel.example")
	if err != nil {
		b.Fatal(err)
	}
	filters := map[string]LeadtimeFilter{
		"national":     {},
		"national_12m": {From: time.Now().AddDate(-1, 0, 0), To: time.Now()},
		"region":       {RegionID: p.Organisation.RegionID},
	}
	parts := map[string]func(tx *Tx, f LeadtimeFilter) error{
		"histograms": func(tx *Tx, f LeadtimeFilter) error { _, err := tx.PhaseHistograms(f, 0, false); return err },
		"trend": func(tx *Tx, f LeadtimeFilter) error {
			_, err := tx.PhaseHistograms(f, chain.PhaseChain, true)
			return err
		},
		"waiting":     func(tx *Tx, f LeadtimeFilter) error { _, err := tx.OpenRuns(f); return err },
		"eventCounts": func(tx *Tx, f LeadtimeFilter) error { _, err := tx.EventCounts(f); return err },
	}
	for fname, f := range filters {
		for pname, part := range parts {
			b.Run(fname+"/"+pname, func(b *testing.B) {
				for b.Loop() {
					if err := db.View(ctx, func(tx *Tx) error { return part(tx, f) }); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
