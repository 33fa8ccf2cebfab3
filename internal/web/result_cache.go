package web

import (
	"sync"
	"time"

	"schakel/internal/storage"
)

// reportResults keeps the full answer of a filed report for a while, so
// the page after the redirect shows what only filing computes (earlier
// reports, who knows the family, match details). Without it (another
// instance, a restart) the page shows what the case holds.
var reportResults = &resultCache{m: map[resultKey]cachedResult{}}

type resultKey struct {
	srv          *Server
	professional int64
	report       int64
}

type cachedResult struct {
	res     storage.ReportResult
	expires time.Time
}

type resultCache struct {
	mu sync.Mutex
	m  map[resultKey]cachedResult
}

const (
	resultTTL      = 2 * time.Hour
	resultCacheMax = 2000
)

func (c *resultCache) put(s *Server, professional int64, res storage.ReportResult) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if len(c.m) >= resultCacheMax {
		for k, v := range c.m {
			if now.After(v.expires) || len(c.m) >= resultCacheMax {
				delete(c.m, k)
			}
		}
	}
	c.m[resultKey{s, professional, res.ID}] = cachedResult{res: res, expires: now.Add(resultTTL)}
}

func (c *resultCache) get(s *Server, professional, report int64) (storage.ReportResult, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[resultKey{s, professional, report}]
	if !ok || time.Now().After(v.expires) {
		return storage.ReportResult{}, false
	}
	return v.res, true
}
