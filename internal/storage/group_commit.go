package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Group commit on SQLite. SQLite has one writer, and with
// synchronous=FULL every commit waits for the disk: under load the
// writers queue for the one connection and each pays its own flush, which
// was a third of the intake's throughput and most of an audited read's
// cost (BENCHMARKS.md). The group committer runs the transactions that
// are waiting together in one database transaction, each inside a
// savepoint of its own, and commits them with one flush:
//
//   - each command still runs alone and in full (one at a time, as
//     before), sees what the commands before it in the group wrote, and
//     its audit entries are written in its own savepoint, so what it did
//     and its audit entries stay or go together;
//   - a command that fails or refuses is rolled back to its savepoint, so
//     nothing of it stays but (for a refusal) its audit entry, and the
//     others in the group are not touched;
//   - no caller hears back before the group's commit returned, so an
//     answer still means it is on disk;
//   - if the group as a whole fails (the commit, or a savepoint that
//     cannot be rolled back because the engine ended the transaction),
//     nothing of it stayed and each command runs again alone, as it did
//     before group commit.
//
// PostgreSQL needs none of this: its backends commit side by side and
// one WAL flush covers every commit record written before it.

// maxGroup bounds the commands of one group, so that one flush never
// waits for an unbounded amount of work.
const maxGroup = 64

// errClosed answers commands sent after the database was closed.
var errClosed = errors.New("storage: the database is closed")

type groupCommitter struct {
	jobs     chan *groupJob
	stop     chan struct{}
	stopOnce sync.Once
	done     chan struct{}
	// waits and waited count the commands that found the committer busy
	// and how long they waited to be taken; groups and commands what it
	// ran (GroupCommitStats).
	waits, waited    atomic.Int64
	groups, commands atomic.Int64
}

type groupJob struct {
	ctx    context.Context
	fn     func(tx *Tx) error
	result chan groupResult
}

// groupResult is a command's outcome; panicked carries a panic of the
// command's function back to the caller's goroutine.
type groupResult struct {
	err      error
	panicked any
}

func (db *DB) startGroupCommit() {
	g := &groupCommitter{jobs: make(chan *groupJob), stop: make(chan struct{}), done: make(chan struct{})}
	db.group = g
	go func() {
		defer close(g.done)
		group := make([]*groupJob, 0, maxGroup)
		for {
			select {
			case j := <-g.jobs:
				group = append(group[:0], j)
			case <-g.stop:
				return
			}
		collect:
			for len(group) < maxGroup {
				select {
				case j := <-g.jobs:
					group = append(group, j)
				default:
					break collect
				}
			}
			db.runGroup(group)
		}
	}()
}

// GroupCommitStats returns how many groups the committer ran and how
// many commands they held (both 0 on PostgreSQL): their ratio is the
// number of commits that shared one flush.
func (db *DB) GroupCommitStats() (groups, commands int64) {
	if db.group == nil {
		return 0, 0
	}
	return db.group.groups.Load(), db.group.commands.Load()
}

// stopGroupCommit ends the committer after the group it is running.
func (db *DB) stopGroupCommit() {
	if db.group == nil {
		return
	}
	db.group.stopOnce.Do(func() { close(db.group.stop) })
	<-db.group.done
}

// grouped hands fn to the committer and waits for its outcome. A command
// that was handed over is always run or answered, so the wait is bounded
// by the group it lands in.
func (db *DB) grouped(ctx context.Context, fn func(tx *Tx) error) error {
	j := &groupJob{ctx: ctx, fn: fn, result: make(chan groupResult, 1)}
	g := db.group
	select {
	case g.jobs <- j:
	default:
		g.waits.Add(1)
		start := time.Now()
		select {
		case g.jobs <- j:
			g.waited.Add(int64(time.Since(start)))
		case <-g.stop:
			return errClosed
		case <-ctx.Done():
			g.waited.Add(int64(time.Since(start)))
			return ctx.Err()
		}
	}
	r := <-j.result
	if r.panicked != nil {
		panic(r.panicked)
	}
	return r.err
}

// runGroup runs a group in one transaction and answers every command.
func (db *DB) runGroup(group []*groupJob) {
	db.group.groups.Add(1)
	db.group.commands.Add(int64(len(group)))
	// The checkpointer hears of a commit before any caller does, so that
	// a caller who waits for the checkpoint of its commit can.
	results, err := db.tryGroup(group)
	if err == nil {
		db.checkpoint.committed()
		for i, j := range group {
			j.result <- results[i]
		}
		return
	}
	// Nothing of the group stayed: run each command alone.
	for _, j := range group {
		r := db.runAlone(j)
		db.checkpoint.committed()
		j.result <- r
	}
}

func (db *DB) runAlone(j *groupJob) (r groupResult) {
	defer func() {
		if p := recover(); p != nil {
			r = groupResult{panicked: p}
		}
	}()
	return groupResult{err: db.tryTx(j.ctx, db.write, &sql.TxOptions{}, j.fn)}
}

// tryGroup runs the commands one after the other, each in its own
// savepoint, and commits once. An error means the group's transaction
// is gone and nothing of it stayed.
func (db *DB) tryGroup(group []*groupJob) ([]groupResult, error) {
	sqlTx, err := db.write.BeginTx(context.Background(), &sql.TxOptions{})
	if err != nil {
		return nil, fmt.Errorf("begin group: %w", err)
	}
	results := make([]groupResult, len(group))
	for i, j := range group {
		if err := j.ctx.Err(); err != nil {
			results[i] = groupResult{err: err}
			continue
		}
		r, err := db.inSavepoint(sqlTx, j)
		if err != nil {
			sqlTx.Rollback()
			return nil, err
		}
		results[i] = r
	}
	if err := sqlTx.Commit(); err != nil {
		return nil, fmt.Errorf("commit group: %w", err)
	}
	return results, nil
}
