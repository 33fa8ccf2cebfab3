package storage_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"schakel"
	"schakel/internal/storage"
)

// BenchmarkOpenSession opens a browser session, as every login does, in a
// region where 20,000 sessions are live: opening one first deletes those
// that expired. With the index on the sessions' expiry (migration 00062)
// that reads only the expired ones; without it, every live session. The
// second half drops the index and measures again, in the same run.
//
//	go test ./internal/storage -run '^$' -bench OpenSession -benchtime 2s
func BenchmarkOpenSession(b *testing.B) {
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		ctx := context.Background()
		if err := db.SeedSessionsForTest(ctx, actor.Professional.ID, 20_000); err != nil {
			b.Fatal(err)
		}
		if err := db.AnalyzeForTest(ctx); err != nil {
			b.Fatal(err)
		}
		// Each half removes the sessions it opened, so that both measure
		// among the same 20,000.
		open := func(b *testing.B) {
			n := 0
			for b.Loop() {
				n++
				if err := db.CreateSession(ctx, actor, "bench-"+strconv.Itoa(n), 8*time.Hour); err != nil {
					b.Fatal(err)
				}
			}
			for i := 1; i <= n; i++ {
				if err := db.DeleteSession(ctx, "bench-"+strconv.Itoa(i)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.Run("indexed", open)
		if err := db.DropIndexForTest(ctx, "sessions_expires"); err != nil {
			b.Fatal(err)
		}
		b.Run("unindexed", open)
	})
}
