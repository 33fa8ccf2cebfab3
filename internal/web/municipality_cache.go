package web

import (
	"net/http"
	"sync"
	"time"
)

// municipalityCache keeps the dashboard filter's list of municipalities per
// region for a while: reading it scans the families. Each Server has its own.
type municipalityCache struct {
	mu    sync.Mutex
	lists map[int64]cachedList
}

type cachedList struct {
	at   time.Time
	list []string
}

const municipalityTTL = 5 * time.Minute

func newMunicipalityCache() *municipalityCache {
	return &municipalityCache{lists: map[int64]cachedList{}}
}

func (s *Server) municipalities(r *http.Request, region int64) []string {
	c := s.municipalityCache
	c.mu.Lock()
	cached, ok := c.lists[region]
	c.mu.Unlock()
	if ok && time.Since(cached.at) < municipalityTTL {
		return cached.list
	}
	list, err := s.db.Municipalities(r.Context(), region)
	if err != nil {
		s.logFailure(r, "municipalities", err)
		return nil
	}
	c.mu.Lock()
	c.lists[region] = cachedList{at: time.Now(), list: list}
	c.mu.Unlock()
	return list
}
