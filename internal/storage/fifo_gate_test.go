package storage

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
)

// A freed place goes to the caller that waited longest, never to a random
// one (what database/sql does with a freed connection) or a newcomer; a
// caller that gives up leaves the queue without a place.
func TestFIFOGateKeepsOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := newFIFOGate(2)
		ctx := context.Background()
		for range 2 {
			if err := g.enter(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var mu sync.Mutex
		var order []int
		quitter, quit := context.WithCancel(ctx)
		var quitErr error
		for i := range 8 {
			go func() {
				c := ctx
				if i == 3 {
					c = quitter
				}
				if err := g.enter(c); err != nil {
					quitErr = err
					return
				}
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
				g.leave()
			}()
			synctest.Wait() // i now waits behind every caller before it
		}
		quit()
		synctest.Wait()
		if !errors.Is(quitErr, context.Canceled) {
			t.Fatalf("a caller whose context ended: %v, want context.Canceled", quitErr)
		}
		g.leave()
		synctest.Wait()
		g.leave()
		synctest.Wait()
		if want := []int{0, 1, 2, 4, 5, 6, 7}; !slices.Equal(order, want) {
			t.Errorf("order %v, want %v", order, want)
		}
		if held := len(g.slots); held != 0 {
			t.Errorf("%d places still held", held)
		}
		if waits, _ := g.stats(); waits != 8 {
			t.Errorf("%d waits counted, want 8", waits)
		}
	})
}
