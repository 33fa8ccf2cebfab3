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
	engine, err := s.app.Health(r.Context())
	if err != nil {
		s.logFailure(r, "health check failed", err)
		return withStatus(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"}), nil
	}
	return map[string]string{"status": "ok", "engine": engine, "version": s.cfg.Version}, nil
}

// meResponse is the acting professional as the API shows them.
type meResponse struct {
	schakel.Professional
	OnDuty bool `json:"on_duty"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) (any, error) {
	me := actor(r).Professional
	_, onDuty := s.dutyUntil(r)
	return meResponse{Professional: *me, OnDuty: onDuty}, nil
}

// dutyUntil reports whether the actor is on duty now, and until when. The
// roster is a hint on the page: when it cannot be read, the page says
// "not on duty" and the failure is logged.
func (s *Server) dutyUntil(r *http.Request) (time.Time, bool) {
	until, ok, err := s.app.DutyUntil(r.Context(), actor(r))
	if err != nil {
		s.logFailure(r, "duty roster", err)
	}
	return until, ok
}
