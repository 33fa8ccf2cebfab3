package web

import (
	"net/http"
	"schakel/internal/app"
	"strconv"

	"schakel"
	"schakel/internal/crisismeter"
)

func (s *Server) apiWorklist(w http.ResponseWriter, r *http.Request) (any, error) {
	f, err := s.workFilter(r)
	if err != nil {
		return nil, err
	}
	wl, err := s.app.WorklistWithOverflow(r.Context(), actor(r), f)
	if err != nil {
		return nil, err
	}
	return wl, nil
}

// workFilter reads the work list's filter from the query; a red report is
// due within the configured crisis time (--crisis-within).
func (s *Server) workFilter(r *http.Request) (app.WorkFilter, error) {
	q := r.URL.Query()
	f := app.WorkFilter{Scope: q.Get("scope"), Color: q.Get("color"), Team: q.Get("team"), CrisisWithin: s.app.IntakePolicy().CrisisWithin}
	var v schakel.Validation
	if f.Scope != "" && f.Scope != "mine" && f.Scope != "team" && f.Scope != "organisation" {
		v.Add("scope", "unknown", "Kies mine, team of organisation.")
	}
	if f.Color != "" && !crisismeter.Color(f.Color).Valid() {
		v.Add("color", "unknown", "Kies red, orange of green.")
	}
	if s := q.Get("organisation_id"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			v.Add("organisation_id", "format", "Vul een getal in.")
		}
		f.OrganisationID = n
	}
	return f, v.Err()
}
