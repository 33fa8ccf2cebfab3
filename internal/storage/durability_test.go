package storage_test

import (
	"context"
	"testing"

	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// SQLite syncs every commit to disk (synchronous=FULL), also after a bulk
// load, which switches syncing off while it runs. The writer keeps its
// savepoint journals in memory (temp_store=MEMORY), also after a bulk load:
// on disk they cost the intake a seventh of its processor time.
func TestSQLiteSyncsEveryCommit(t *testing.T) {
	ctx := context.Background()
	db := storagetest.Open(t, storagetest.SQLite())
	if db.Engine() != storage.SQLite {
		t.Fatalf("the engine is %s", db.Engine())
	}
	want := func(when string, mode int) {
		t.Helper()
		got, err := db.Synchronous(ctx)
		if err != nil || got != mode {
			t.Fatalf("%s: synchronous = %d (%v), want %d", when, got, err, mode)
		}
		const memory = 2
		if got, err := db.WriterTempStore(ctx); err != nil || got != memory {
			t.Fatalf("%s: temp_store = %d (%v), want %d", when, got, err, memory)
		}
	}
	const off, full = 0, 2
	want("after opening", full)
	b, err := db.BeginBulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want("during a bulk load", off)
	if err := b.Finish(); err != nil {
		t.Fatal(err)
	}
	want("after a bulk load", full)
}
