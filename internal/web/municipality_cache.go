package web

import (
	"net/http"
	"sync"
	"time"
)

// municipalityCache keeps the filter's list of municipalities for a while:
// reading it scans the families.
type municipalityCache struct {
	mu    sync.Mutex
	lists map[int64]cachedList
}

type cachedList struct {
	at   time.Time
	list []string
}

var municipalities = &municipalityCache{lists: map[int64]cachedList{}}

func (s *Server) municipalities(r *http.Request, region int64) []string {
	municipalities.mu.Lock()
	c, ok := municipalities.lists[region]
	municipalities.mu.Unlock()
	if ok && time.Since(c.at) < 5*time.Minute {
		return c.list
	}
	list, err := s.db.Municipalities(r.Context(), region)
	if err != nil {
		s.log.Error("municipalities", "err", err)
		return nil
	}
	municipalities.mu.Lock()
	municipalities.lists[region] = cachedList{at: time.Now(), list: list}
	municipalities.mu.Unlock()
	return list
}
