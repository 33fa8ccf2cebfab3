package storage

import "context"

// fifoGate lets at most cap(g) callers hold a pool's connections at once,
// in the order they came. database/sql hands a freed connection to a
// random waiter (connRequestSet.TakeRandom), so under a load larger than
// the pool some requests wait many times as long as the median: the p99
// of a read of a case (issue 11). Goroutines blocked sending on a channel
// are woken in the order they blocked, and a freed slot goes to the first
// of them before any newcomer, so behind the gate the pool has a
// connection free for every holder and nobody is overtaken.
type fifoGate chan struct{}

func newFIFOGate(n int) fifoGate { return make(fifoGate, max(n, 1)) }

// enter waits for a place, or until ctx ends.
func (g fifoGate) enter(ctx context.Context) error {
	select {
	case g <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leave gives the place to the longest waiting caller.
func (g fifoGate) leave() { <-g }
