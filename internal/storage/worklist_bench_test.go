package storage_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
)

// BenchmarkWorklist opens the work list of a professional of Veilig Thuis
// (every scope) in a region where 3,000 reports were filed, by others and
// by them: what every professional's home page costs as a region's work
// grows. TestWorklistPlans checks that no statement reads a growing table
// whole; this measures it. On PostgreSQL the statistics are gathered first,
// as autovacuum would: without them a list took 0.7 s where it takes tens
// of milliseconds.
//
//	go test ./internal/storage -run '^$' -bench Worklist -benchtime 2s
func BenchmarkWorklist(b *testing.B) {
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		ctx := context.Background()
		for i := range int64(3000) {
			if _, err := app.New(db).CreateReport(ctx, actor, benchReport(i+1000, i%5 == 0), ""); err != nil {
				b.Fatal(err)
			}
		}
		if err := db.AnalyzeForTest(ctx); err != nil {
			b.Fatal(err)
		}
		for _, scope := range []string{"mine", "team", "organisation"} {
			b.Run(scope, func(b *testing.B) {
				for b.Loop() {
					if _, err := app.New(db).Worklist(ctx, actor, app.WorkFilter{Scope: scope}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}
