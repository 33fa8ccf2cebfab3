package web

// Lead times and the dashboard in the JSON API (issue 5), with their
// shared filter.

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// queryID reads an optional positive id from the query string.
func queryID(r *http.Request, name string, v *schakel.Validation) int64 {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if s == "" {
		return 0
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		v.Add(name, "format", "Verwacht een positief geheel getal.")
		return 0
	}
	return id
}

// queryDate reads an optional date (YYYY-MM-DD, Europe/Amsterdam).
func queryDate(r *http.Request, name string, v *schakel.Validation) time.Time {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if s == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation("2006-01-02", s, workdays.Location())
	if err != nil {
		v.Add(name, "format", "Vul een datum in als 2026-03-09.")
		return time.Time{}
	}
	return t.UTC()
}

// leadtimeFilter reads from, to (both dates; to is the last day counted),
// region, municipality, organisation and cohort.
func leadtimeFilter(r *http.Request) (storage.LeadtimeFilter, error) {
	var v schakel.Validation
	f := storage.LeadtimeFilter{
		From:           queryDate(r, "from", &v),
		To:             queryDate(r, "to", &v),
		RegionID:       queryID(r, "region", &v),
		Municipality:   strings.TrimSpace(r.URL.Query().Get("municipality")),
		OrganisationID: queryID(r, "organisation", &v),
		CohortID:       queryID(r, "cohort", &v),
	}
	if !f.To.IsZero() {
		f.To = f.To.In(workdays.Location()).AddDate(0, 0, 1).UTC()
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		v.Add("to", "before_from", "De einddatum ligt vóór de begindatum.")
	}
	if len(f.Municipality) > 100 {
		v.Add("municipality", "too_long", "Onbekende gemeente.")
	}
	return f, v.Err()
}

func filterView(f storage.LeadtimeFilter) map[string]any {
	out := map[string]any{"region": nil, "municipality": nil, "organisation": nil, "cohort": nil, "from": nil, "to": nil}
	if !f.From.IsZero() {
		out["from"] = f.From.In(workdays.Location()).Format(time.DateOnly)
	}
	if !f.To.IsZero() {
		out["to"] = f.To.In(workdays.Location()).AddDate(0, 0, -1).Format(time.DateOnly)
	}
	if f.RegionID != 0 {
		out["region"] = f.RegionID
	}
	if f.Municipality != "" {
		out["municipality"] = f.Municipality
	}
	if f.OrganisationID != 0 {
		out["organisation"] = f.OrganisationID
	}
	if f.CohortID != 0 {
		out["cohort"] = f.CohortID
	}
	return out
}

func (s *Server) apiLeadtimes(w http.ResponseWriter, r *http.Request) (any, error) {
	f, err := leadtimeFilter(r)
	if err != nil {
		return nil, err
	}
	lt, err := s.app.Leadtimes(r.Context(), actor(r), f)
	if err != nil {
		return nil, err
	}
	return map[string]any{"filter": filterView(f), "phases": lt.Phases, "chain": lt.Chain}, nil
}

func (s *Server) apiDashboard(w http.ResponseWriter, r *http.Request) (any, error) {
	f, err := leadtimeFilter(r)
	if err == nil {
		if tp := r.URL.Query().Get("trend"); tp != "" {
			if _, ok := chain.PhaseByCode(tp); !ok {
				err = &schakel.Error{Code: schakel.EINVALID, Message: "Onbekende fase.", Fields: []schakel.FieldError{{Field: "trend", Code: "unknown", Message: "Kies een fase uit GET /api/v1/norms."}}}
			}
		}
	}
	if err != nil {
		return nil, err
	}
	d, err := s.app.Dashboard(r.Context(), actor(r), f, r.URL.Query().Get("trend"))
	if err != nil {
		return nil, err
	}
	cd, err := s.app.CareDashboard(r.Context(), actor(r), f)
	if err != nil {
		return nil, err
	}
	return map[string]any{"filter": filterView(f), "dashboard": d, "care": cd}, nil
}
