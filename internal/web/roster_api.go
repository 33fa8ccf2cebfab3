package web

import (
	"net/http"
	"time"

	"schakel"
)

func (s *Server) apiRoster(w http.ResponseWriter, r *http.Request) (any, error) {
	from, to, err := rangeParams(r, s.app.Now())
	if err != nil {
		return nil, err
	}
	shifts, err := s.app.DutyRoster(r.Context(), actor(r), from, to)
	if err != nil {
		return nil, err
	}
	type shift struct {
		ID             int64     `json:"id"`
		ProfessionalID int64     `json:"professional_id"`
		Name           string    `json:"name"`
		Organisation   string    `json:"organisation"`
		Kind           string    `json:"organisation_kind"`
		Start          time.Time `json:"start"`
		End            time.Time `json:"end"`
	}
	out := []shift{}
	for _, sh := range shifts {
		out = append(out, shift{sh.ID, sh.ProfessionalID, sh.Name, sh.Organisation, string(sh.Kind), sh.Start, sh.End})
	}
	return map[string]any{"from": from, "to": to, "shifts": out}, nil
}

func rangeParams(r *http.Request, now time.Time) (time.Time, time.Time, error) {
	from, to := now.Add(-24*time.Hour), now.Add(7*24*time.Hour)
	var v schakel.Validation
	if s := r.URL.Query().Get("from"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			v.Add("from", "format", "Gebruik een tijd als 2026-11-22T08:00:00Z.")
		}
		from = t
	}
	if s := r.URL.Query().Get("to"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			v.Add("to", "format", "Gebruik een tijd als 2026-11-29T08:00:00Z.")
		}
		to = t
	}
	return from, to, v.Err()
}

func (s *Server) apiAddShift(w http.ResponseWriter, r *http.Request) (any, error) {
	// Times arrive as strings so that a bad one is reported on its field
	// (encoding/json gives no field for a time.Time that fails to parse).
	var in struct {
		ProfessionalID int64  `json:"professional_id"`
		Start          string `json:"start"`
		End            string `json:"end"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	var v schakel.Validation
	if in.ProfessionalID <= 0 {
		v.Add("professional_id", "required", "Kies een medewerker.")
	}
	parse := func(field, value string) time.Time {
		if value == "" {
			v.Add(field, "required", "Vul een tijd in, zoals 2026-11-22T08:00:00Z.")
			return time.Time{}
		}
		t, err := time.Parse(time.RFC3339, value)
		if err != nil {
			v.Add(field, "format", "Gebruik een tijd als 2026-11-22T08:00:00Z.")
		}
		return t
	}
	start, end := parse("start", in.Start), parse("end", in.End)
	if err := v.Err(); err != nil {
		return nil, err
	}
	id, err := s.app.AddDutyShift(r.Context(), actor(r), in.ProfessionalID, start, end)
	if err != nil {
		return nil, err
	}
	return created(map[string]any{"id": id, "professional_id": in.ProfessionalID, "start": start.UTC(), "end": end.UTC()}), nil
}
