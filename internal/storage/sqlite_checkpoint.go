package storage

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"
)

// Checkpoints on SQLite. In WAL mode every commit appends the pages it
// changed to the write-ahead log, and a checkpoint copies them back into
// the database file. By default the connection whose commit makes the log
// pass 1,000 pages runs that checkpoint at once, inside its commit: here
// that is always the one writer, so every few groups the writer stopped to
// copy a few hundred pages and sync the database file (a twelfth of its
// processor time in the intake, issue 11) while every writer waited for
// it. Now a checkpointer with a connection of its own checkpoints shortly
// after each commit. SQLite's PASSIVE checkpoint never blocks the writer
// or the readers: it copies what no reader still needs, and once
// everything is copied the writer starts the log from its beginning again.
//
// Under a stream of commits a checkpoint may end just after the next
// commit added pages, and then the log is not started again. So that it
// cannot grow without bound, the writer still checkpoints itself once the
// log holds sqliteWriterCheckpointPages pages; the checkpointer has copied
// nearly all of them by then, so that costs the writer little.

const (
	// sqliteCheckpointEvery is the least time between two checkpoints:
	// under the intake's load the log grows by some 20,000 pages a
	// second, so about 1,000 pages per checkpoint, as SQLite's default.
	sqliteCheckpointEvery = 50 * time.Millisecond
	// sqliteCheckpointIdle: without commits the checkpointer still runs
	// this often, for the few writes that bypass the group committer.
	sqliteCheckpointIdle = 5 * time.Second
	// sqliteWriterCheckpointPages is the writer's wal_autocheckpoint.
	sqliteWriterCheckpointPages = 4000
)

type checkpointer struct {
	conn     *sql.DB
	kick     chan struct{} // a commit happened; buffered, holds one
	stop     chan struct{}
	stopOnce sync.Once
	done     chan struct{}
	// commits counts the writer's commits; covered is the number of
	// commits before the start of the last checkpoint that succeeded, so
	// covered ≥ n says that all of the first n commits were checkpointed.
	commits, covered atomic.Int64
	runs, failures   atomic.Int64
}

// CheckpointStats returns how many checkpoints the checkpointer ran and
// how many of them failed (both 0 on PostgreSQL), for /metrics.
func (db *DB) CheckpointStats() (runs, failures int64) {
	if c := db.checkpoint; c != nil {
		return c.runs.Load(), c.failures.Load()
	}
	return 0, 0
}

// startCheckpointer starts checkpointing the database that conn (a pool
// of its own, not the writer's) opens.
func (db *DB) startCheckpointer(conn *sql.DB) {
	conn.SetMaxOpenConns(1)
	c := &checkpointer{conn: conn, kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	db.checkpoint = c
	go c.loop()
}

func (c *checkpointer) loop() {
	defer close(c.done)
	idle := time.NewTimer(sqliteCheckpointIdle)
	defer idle.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-c.kick:
		case <-idle.C:
		}
		c.run()
		idle.Reset(sqliteCheckpointIdle)
		select {
		case <-c.stop:
			return
		case <-time.After(sqliteCheckpointEvery):
		}
	}
}

// committed tells the checkpointer that the writer committed.
func (c *checkpointer) committed() {
	if c == nil {
		return
	}
	c.commits.Add(1)
	c.again()
}

// again asks for a checkpoint at the next turn.
func (c *checkpointer) again() {
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	c.runs.Add(1)
	n := c.commits.Load()
	// A failure (the database busy for longer than busy_timeout) loses
	// nothing: the pages stay in the log for the next round.
	if _, err := c.conn.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
		c.failures.Add(1)
		c.again()
		return
	}
	c.covered.Store(n)
}

// stopCheckpointer ends the checkpointer and closes its connection; SQLite
// checkpoints what is left when the last connection closes.
func (db *DB) stopCheckpointer() error {
	c := db.checkpoint
	if c == nil {
		return nil
	}
	c.stopOnce.Do(func() { close(c.stop) })
	<-c.done
	return c.conn.Close()
}
