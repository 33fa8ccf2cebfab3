package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// The writer leaves checkpoints to the checkpointer on SQLite, which
// checkpoints every commit shortly after it, so the write-ahead log starts
// again from its beginning and stays short, and what was written is all
// there. Written ~4,000 pages in 40 commits, the log would grow to 16 MB
// before the writer checkpointed; checkpointed after every tenth commit,
// it holds no more than the pages of about ten.
func TestCheckpointerKeepsTheLogShort(t *testing.T) {
	ctx := context.Background()
	db := storagetest.Open(t, storagetest.SQLite())
	if n, err := db.WriterAutocheckpoint(ctx); err != nil || n != storage.SQLiteWriterCheckpointPages {
		t.Fatalf("the writer checkpoints after %d pages (%v), want %d", n, err, storage.SQLiteWriterCheckpointPages)
	}
	if err := db.Update(ctx, func(tx *storage.Tx) error {
		return tx.ExecForTest(`CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB NOT NULL)`)
	}); err != nil {
		t.Fatal(err)
	}
	waitForCheckpoint(t, db) // the migrations' pages
	const commits, rows = 40, 100
	const page = 4096
	var largest int64
	for i := range commits {
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			for range rows {
				if err := tx.ExecForTest(`INSERT INTO scratch (body) VALUES (randomblob(3000))`); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if i%10 == 9 {
			waitForCheckpoint(t, db)
		}
		size, err := db.WALBytes()
		if err != nil {
			t.Fatal(err)
		}
		largest = max(largest, size)
	}
	if limit := int64(12 * rows * (page + 24)); largest > limit {
		t.Errorf("the log grew to %d bytes, want at most %d (the pages of 12 commits)", largest, limit)
	}
	if _, _, failures := db.CheckpointedCommits(); failures > 0 {
		t.Errorf("%d checkpoints failed", failures)
	}
	var n int
	if err := db.View(ctx, func(tx *storage.Tx) error {
		return tx.QueryRowForTest(`SELECT COUNT(*) FROM scratch`).Scan(&n)
	}); err != nil || n != commits*rows {
		t.Errorf("%d rows (%v), want %d", n, err, commits*rows)
	}
}

// waitForCheckpoint waits until a checkpoint covered every commit so far.
func waitForCheckpoint(t *testing.T, db *storage.DB) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		commits, covered, _ := db.CheckpointedCommits()
		if commits > 0 && covered >= commits {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d commits, %d of them checkpointed after 10 s", commits, covered)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
