package storage

import (
	"sync"
	"sync/atomic"
)

// kept holds values worked out from a key once, for texts the package
// builds again and again (statement texts rewritten for an engine). It
// keeps at most limit keys: past that, values are worked out every time,
// so that keys built per call (lists of varying length) cannot make it
// grow without bound.
type kept[K comparable, V any] struct {
	limit int64
	m     sync.Map // K → V
	n     atomic.Int64
}

// get returns the value kept for key, working it out with work when there
// is none.
func (k *kept[K, V]) get(key K, work func() V) V {
	if v, ok := k.m.Load(key); ok {
		return v.(V)
	}
	v := work()
	if k.n.Load() < k.limit {
		if _, loaded := k.m.LoadOrStore(key, v); !loaded {
			k.n.Add(1)
		}
	}
	return v
}

// size is the number of keys kept.
func (k *kept[K, V]) size() int64 { return k.n.Load() }
