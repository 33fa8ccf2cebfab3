package web

// The chain timeline and lead-time monitor in the JSON API (issue 5).

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	tl, err := s.db.Timeline(r.Context(), withEmergency(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, tl)
}

func (s *Server) apiRecordEvent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in storage.EventInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	e, err := s.db.RecordEvent(r.Context(), actor(r), id, in, storage.SourceAPI)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/cases/%d/timeline", id))
	writeJSON(w, http.StatusCreated, e)
}

func (s *Server) apiEventTypes(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"types": chain.Types(), "measures": chain.Measures(), "phases": chain.Phases()})
}

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

func (s *Server) apiLeadtimes(w http.ResponseWriter, r *http.Request) {
	f, err := leadtimeFilter(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	lt, err := s.db.Leadtimes(r.Context(), actor(r), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"filter": filterView(f), "phases": lt.Phases, "chain": lt.Chain})
}

func (s *Server) apiDashboard(w http.ResponseWriter, r *http.Request) {
	f, err := leadtimeFilter(r)
	if err == nil {
		if tp := r.URL.Query().Get("trend"); tp != "" {
			if _, ok := chain.PhaseByCode(tp); !ok {
				err = &schakel.Error{Code: schakel.EINVALID, Message: "Onbekende fase.", Fields: []schakel.FieldError{{Field: "trend", Code: "unknown", Message: "Kies een fase uit GET /api/v1/norms."}}}
			}
		}
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	d, err := s.db.Dashboard(r.Context(), actor(r), f, r.URL.Query().Get("trend"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"filter": filterView(f), "dashboard": d})
}

func (s *Server) apiNorms(w http.ResponseWriter, r *http.Request) {
	var v schakel.Validation
	region := queryID(r, "region", &v)
	if err := v.Err(); err != nil {
		s.apiError(w, r, err)
		return
	}
	norms, err := s.db.Norms(r.Context(), actor(r), region)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if region == 0 {
		region = actor(r).Professional.Organisation.RegionID
	}
	writeJSON(w, http.StatusOK, map[string]any{"region_id": region, "norms": norms, "units": chain.Units})
}

func (s *Server) apiSetNorm(w http.ResponseWriter, r *http.Request) {
	var in chain.Norm
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	n, err := s.db.SetNorm(r.Context(), actor(r), r.PathValue("id"), in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, n)
}

func (s *Server) apiCohorts(w http.ResponseWriter, r *http.Request) {
	var v schakel.Validation
	region := queryID(r, "region", &v)
	if err := v.Err(); err != nil {
		s.apiError(w, r, err)
		return
	}
	cs, err := s.db.Cohorts(r.Context(), actor(r), region)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"cohorts": cs})
}

func (s *Server) apiCreateCohort(w http.ResponseWriter, r *http.Request) {
	var in storage.CohortInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	c, err := s.db.CreateCohort(r.Context(), actor(r), in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) apiTagCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in struct {
		CohortID int64 `json:"cohort_id"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	if in.CohortID <= 0 {
		s.apiError(w, r, &schakel.Error{Code: schakel.EINVALID, Message: "Kies een cohort.", Fields: []schakel.FieldError{{Field: "cohort_id", Code: "required", Message: "Kies een cohort."}}})
		return
	}
	if err := s.db.TagCase(r.Context(), actor(r), id, in.CohortID, true); err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiUntagCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var cohort int64
	if err == nil {
		cohort, err = pathID(r, "cohort_id")
	}
	if err == nil {
		err = s.db.TagCase(r.Context(), actor(r), id, cohort, false)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiEventLog streams the pseudonymised event log as CSV or XES. A long
// export may run past the server's write timeout, so the deadline is lifted
// for this response.
func (s *Server) apiEventLog(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var v schakel.Validation
		f := storage.ExportFilter{From: queryDate(r, "from", &v), To: queryDate(r, "to", &v), RegionID: queryID(r, "region", &v)}
		if !f.To.IsZero() {
			f.To = f.To.In(workdays.Location()).AddDate(0, 0, 1).UTC()
		}
		if err := v.Err(); err != nil {
			s.apiError(w, r, err)
			return
		}
		var lw chain.LogWriter
		started := false
		_, err := s.db.ExportEventLog(r.Context(), actor(r), f, format, func(row chain.LogRow) error {
			if !started {
				started = true
				_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
				name := "schakel-ketengebeurtenissen-" + s.db.Now().In(workdays.Location()).Format("2006-01-02") + "." + format
				ct := "text/csv; charset=utf-8"
				if format == "xes" {
					ct = "application/xml; charset=utf-8"
				}
				w.Header().Set("Content-Type", ct)
				w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
				w.Header().Set("Cache-Control", "no-store")
				var err error
				if format == "xes" {
					lw, err = chain.NewXESLog(w)
				} else {
					lw, err = chain.NewCSVLog(w)
				}
				if err != nil {
					return err
				}
			}
			return lw.Write(row)
		})
		if err != nil && !started {
			s.apiError(w, r, err)
			return
		}
		if err != nil {
			// Rows were sent already: the status is out; cut the body so
			// that a client sees an incomplete file, and log why.
			s.log.Error("event log export broke off", "err", err)
			panic(http.ErrAbortHandler)
		}
		if !started {
			// No events: still a valid, empty log.
			w.Header().Set("Cache-Control", "no-store")
			if format == "xes" {
				w.Header().Set("Content-Type", "application/xml; charset=utf-8")
				lw, _ = chain.NewXESLog(w)
			} else {
				w.Header().Set("Content-Type", "text/csv; charset=utf-8")
				lw, _ = chain.NewCSVLog(w)
			}
		}
		if err := lw.Close(); err != nil {
			s.log.Error("event log export", "err", err)
		}
	}
}
