package web

// Printable records in the JSON API: minutes and an exited organisation's
// own record (the parents' copy is in family_copy_api.go).

import (
	"net/http"

	"schakel"
	"schakel/internal/plan"
)

// errNoMinutes answers a consultation its case does not hold (a guard the
// workspace's loading already makes impossible, kept rather than ignored).
var errNoMinutes = schakel.Errorf(schakel.ENOTFOUND, "Dit overleg staat niet in de casus.")

func (s *Server) apiMinutes(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	c, ws, err := s.app.ConsultationWorkspace(r.Context(), withEmergency(r), id, "minutes")
	if err != nil {
		return nil, err
	}
	m, ok := plan.MinutesOf(c, ws, id)
	if !ok {
		return nil, errNoMinutes
	}
	return m, nil
}

func (s *Server) apiOwnRecord(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	rec, err := s.app.OwnRecordOf(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	return rec, nil
}
