package web

import (
	"net/http"

	"schakel"
	"schakel/internal/storage"
)

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
