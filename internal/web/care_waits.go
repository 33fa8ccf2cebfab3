package web

// The waiting-time dashboard of care by need (issue 15): the JSON route and
// the screen.

import (
	"net/http"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/workdays"
)

// careWaitPeriod reads from and to (dates, to inclusive); by default the
// last twelve months up to today.
func (s *Server) careWaitPeriod(r *http.Request) (time.Time, time.Time, error) {
	var v schakel.Validation
	from, to := queryDate(r, "from", &v), queryDate(r, "to", &v)
	today := s.app.Now().In(workdays.Location())
	if to.IsZero() {
		to = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, workdays.Location()).UTC()
	}
	to = to.In(workdays.Location()).AddDate(0, 0, 1).UTC()
	if from.IsZero() {
		from = to.In(workdays.Location()).AddDate(-1, 0, 0).UTC()
	}
	if !from.Before(to) {
		v.Add("to", "before_from", "De einddatum ligt vóór de begindatum.")
	}
	return from, to, v.Err()
}

func (s *Server) careWaits(r *http.Request) (app.CareWaits, error) {
	from, to, err := s.careWaitPeriod(r)
	if err != nil {
		return app.CareWaits{}, err
	}
	return s.app.CareWaitingTimes(r.Context(), actor(r), from, to)
}

func (s *Server) apiCareWaits(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.careWaits(r)
}

func (s *Server) pageCareWaits(w http.ResponseWriter, r *http.Request) {
	cw, err := s.careWaits(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "care_waits.html", map[string]any{"W": cw,
		"From": cw.From.In(workdays.Location()).Format(time.DateOnly), "To": cw.To.In(workdays.Location()).AddDate(0, 0, -1).Format(time.DateOnly)})
}
