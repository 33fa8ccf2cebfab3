package storage_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// BenchmarkCaseWorkspace reads what the case page shows — the case with
// its reports, ratings and consultations, and the whole workspace (plan,
// findings, scales, conversations, roles) — in one audited transaction, for
// a case with 50 consultations, 500 findings and 200 actions. queries/op is
// the number of SQL statements, access decision and audit entry included;
// TestCasePageQueriesConstant checks that it does not grow with the items.
// "direct" runs every statement on its own, as before batched reads.
//
//	go test ./internal/storage -run '^$' -bench CaseWorkspace -benchtime 3s
func BenchmarkCaseWorkspace(b *testing.B) {
	for _, e := range storagetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			ctx := context.Background()
			db := storagetest.Open(b, e)
			now := time.Date(2026, 11, 23, 10, 0, 0, 0, workdays.Location())
			db.Now = func() time.Time { return now }
			if _, err := demo.Load(ctx, db, now); err != nil {
				b.Fatal(err)
			}
			p, err := db.ProfessionalByEmail(ctx, demo.Email("Sanne", "vt"))
			if err != nil {
				b.Fatal(err)
			}
			sanne := &schakel.Actor{Professional: &p, ClientAddr: "127.0.0.1"}
			in := baseReport()
			in.Indicators = []string{"threat_to_life"}
			res, err := app.New(db).CreateReport(ctx, sanne, in, "")
			if err != nil {
				b.Fatal(err)
			}
			seedWorkspace(b, db, sanne, res.CaseID, now, 49, 500, 200) // + the crisis consultation = 50
			c, ws, err := app.New(db).CaseWorkspace(ctx, sanne, res.CaseID)
			if err != nil || len(c.Consultations) != 50 || len(ws.Findings) != 500 || len(ws.Plan.Actions) != 200 {
				b.Fatalf("seeded %d consultations, %d findings, %d actions: %v", len(c.Consultations), len(ws.Findings), len(ws.Plan.Actions), err)
			}
			for _, batched := range []bool{true, false} {
				name := map[bool]string{true: "batched", false: "direct"}[batched]
				b.Run(name, func(b *testing.B) {
					db.BatchReads(batched)
					defer db.BatchReads(true)
					var n atomic.Int64
					db.CountQueries(&n)
					defer db.CountQueries(nil)
					for b.Loop() {
						if _, _, err := app.New(db).CaseWorkspace(ctx, sanne, res.CaseID); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(n.Load())/float64(b.N), "queries/op")
				})
			}
		})
	}
}
