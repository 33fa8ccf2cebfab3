package app

import (
	"context"
	"sync"
	"time"

	"schakel"
	"schakel/internal/access"
)

// municipalityCache keeps the dashboard filter's list of municipalities per
// region for a while: reading it reads every month's roll-ups. Each App has
// its own, so parallel test servers never share one.
type municipalityCache struct {
	mu    sync.Mutex
	lists map[int64]cachedList
}

type cachedList struct {
	at   time.Time
	list []string
}

// municipalityTTL is how long a region's list is reused.
const municipalityTTL = 5 * time.Minute

func newMunicipalityCache() *municipalityCache {
	return &municipalityCache{lists: map[int64]cachedList{}}
}

// Municipalities lists the municipalities of a region (0: all) that have
// families, for the dashboard's filter: names of places, no personal data,
// for those who may read the dashboards. The guard runs before the cache.
func (a *App) Municipalities(ctx context.Context, actor *schakel.Actor, region int64) ([]string, error) {
	if err := a.guardDirectory(ctx, actor, access.Dashboards, "municipality", access.Context{}); err != nil {
		return nil, err
	}
	c := a.municipalities
	c.mu.Lock()
	cached, ok := c.lists[region]
	c.mu.Unlock()
	if ok && time.Since(cached.at) < municipalityTTL {
		return cached.list, nil
	}
	list, err := a.db.Municipalities(ctx, region)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.lists[region] = cachedList{at: time.Now(), list: list}
	c.mu.Unlock()
	return list, nil
}
