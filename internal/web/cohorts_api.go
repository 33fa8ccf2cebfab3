package web

import (
	"net/http"

	"schakel"
	"schakel/internal/app"
)

func (s *Server) apiCohorts(w http.ResponseWriter, r *http.Request) (any, error) {
	var v schakel.Validation
	region := queryID(r, "region", &v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	cs, err := s.app.Cohorts(r.Context(), actor(r), region)
	if err != nil {
		return nil, err
	}
	return map[string]any{"cohorts": cs}, nil
}

func (s *Server) apiCreateCohort(w http.ResponseWriter, r *http.Request) (any, error) {
	var in app.CohortInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	c, err := s.app.CreateCohort(r.Context(), actor(r), in)
	if err != nil {
		return nil, err
	}
	return created(c), nil
}

func (s *Server) apiTagCase(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	var in struct {
		CohortID int64 `json:"cohort_id"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	if in.CohortID <= 0 {
		return nil, &schakel.Error{Code: schakel.EINVALID, Message: "Kies een cohort.", Fields: []schakel.FieldError{{Field: "cohort_id", Code: "required", Message: "Kies een cohort."}}}
	}
	if err := s.app.TagCase(r.Context(), actor(r), id, in.CohortID, true); err != nil {
		return nil, err
	}
	return noContent, nil
}

func (s *Server) apiUntagCase(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	var cohort int64
	if err == nil {
		cohort, err = pathID(r, "cohort_id")
	}
	if err == nil {
		err = s.app.TagCase(r.Context(), actor(r), id, cohort, false)
	}
	if err != nil {
		return nil, err
	}
	return noContent, nil
}
