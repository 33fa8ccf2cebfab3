package web

import (
	"sync"
	"time"

	"schakel/internal/app"
)

// resultCache keeps the full answer of a filed report for a while, so the
// page after the redirect shows what only filing computes (earlier reports,
// who knows the family, match details). Without it (another instance, a
// restart) the page shows what the case holds. Each Server has its own.
type resultCache struct {
	mu sync.Mutex
	m  map[resultKey]cachedResult
}

type resultKey struct {
	professional int64
	report       int64
}

type cachedResult struct {
	res     app.ReportResult
	expires time.Time
}

const (
	resultTTL      = 2 * time.Hour
	resultCacheMax = 2000
)

func newResultCache() *resultCache {
	return &resultCache{m: map[resultKey]cachedResult{}}
}

func (c *resultCache) put(professional int64, res app.ReportResult) {
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
	c.m[resultKey{professional, res.ID}] = cachedResult{res: res, expires: now.Add(resultTTL)}
}

func (c *resultCache) get(professional, report int64) (app.ReportResult, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[resultKey{professional, report}]
	if !ok || time.Now().After(v.expires) {
		return app.ReportResult{}, false
	}
	return v.res, true
}
