package web

// Health, and who is asking (/api/v1/me).

import (
	"net/http"
	"time"

	"schakel"
)

var (
	errNoRoute = schakel.Errorf(schakel.ENOTFOUND, "Dit API-adres bestaat niet.")
	errNoPage  = schakel.Errorf(schakel.ENOTFOUND, "Deze pagina bestaat niet.")
)

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) (any, error) {
	if err := s.db.Ping(r.Context()); err != nil {
		s.logFailure(r, "health check failed", err)
		return withStatus(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"}), nil
	}
	return map[string]string{"status": "ok", "engine": s.db.Engine(), "version": s.cfg.Version}, nil
}

// meResponse is the acting professional as the API shows them.
type meResponse struct {
	schakel.Professional
	OnDuty bool `json:"on_duty"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) (any, error) {
	me := actor(r).Professional
	return meResponse{Professional: *me, OnDuty: s.onDuty(r, me.ID)}, nil
}

func (s *Server) onDuty(r *http.Request, id int64) bool {
	_, ok := s.dutyUntil(r, id)
	return ok
}

func (s *Server) dutyUntil(r *http.Request, id int64) (time.Time, bool) {
	now := s.app.Now()
	shifts, err := s.db.DutyRoster(r.Context(), now, now.Add(time.Second))
	if err != nil {
		return time.Time{}, false
	}
	for _, sh := range shifts {
		if sh.ProfessionalID == id {
			return sh.End, true
		}
	}
	return time.Time{}, false
}
