package storage_test

import (
	"context"
	"testing"

	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// SQLite syncs every commit to disk (synchronous=FULL), also after a bulk
// load, which switches syncing off while it runs.
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
