package storage

import (
	"context"
	"sync/atomic"
	"time"
)

// fifoGate lets at most cap(slots) callers hold a pool's connections at
// once, in the order they came. database/sql hands a freed connection to a
// random waiter (connRequestSet.TakeRandom), so under a load larger than
// the pool some requests wait many times as long as the median: the p99
// of a read of a case (issue 11). Goroutines blocked sending on a channel
// are woken in the order they blocked, and a freed slot goes to the first
// of them before any newcomer, so behind the gate the pool has a
// connection free for every holder and nobody is overtaken.
type fifoGate struct {
	slots chan struct{}
	// waits counts the callers that found no free place, waited how long
	// (nanoseconds): the pool itself then never makes anyone wait.
	waits, waited atomic.Int64
}

func newFIFOGate(n int) *fifoGate { return &fifoGate{slots: make(chan struct{}, max(n, 1))} }

// enter waits for a place, or until ctx ends.
func (g *fifoGate) enter(ctx context.Context) error {
	select {
	case g.slots <- struct{}{}:
		return nil
	default: // full: every waiter is queued behind the holders, so is this one
	}
	g.waits.Add(1)
	start := time.Now()
	defer func() { g.waited.Add(int64(time.Since(start))) }()
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leave gives the place to the longest waiting caller.
func (g *fifoGate) leave() { <-g.slots }

// stats returns how often callers waited, and how long in all.
func (g *fifoGate) stats() (int64, time.Duration) {
	return g.waits.Load(), time.Duration(g.waited.Load())
}
