package web

// Printable records in the JSON API: minutes, the parents' copy and an
// exited organisation's own record.

import (
	"net/http"

	"schakel/internal/plan"
	"schakel/internal/workdays"
)

func (s *Server) apiMinutes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	c, ws, err := s.db.ConsultationWorkspace(r.Context(), withEmergency(r), id, "minutes")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	m, _ := plan.MinutesOf(c, ws, id)
	writeJSON(w, http.StatusOK, m)
}

func (s *Server) apiFamilySummary(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	c, ws, err := s.db.CaseWorkspace(r.Context(), actor(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, plan.FamilySummaryOf(c, ws, s.db.Now(), workdays.Location()))
}

func (s *Server) apiOwnRecord(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rec, err := s.db.OwnRecordOf(r.Context(), actor(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rec)
}
