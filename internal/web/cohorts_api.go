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

// apiCohortMember puts a team or a worker in a cohort (add) or takes them
// out; the body names team_id or professional_id.
func (s *Server) apiCohortMember(add bool) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) (any, error) {
		id, err := pathID(r, "id")
		if err != nil {
			return nil, err
		}
		var in app.CohortMemberInput
		if err := s.decodeJSON(w, r, &in); err != nil {
			return nil, err
		}
		if _, err := s.app.SetCohortMember(r.Context(), actor(r), id, in, add); err != nil {
			return nil, err
		}
		return noContent, nil
	}
}

// apiCohortComparison sets a cohort against the rest of the region over
// the same period (the lead-time filter's period, region, municipality
// and organisation; from the intervention's first day if that is later).
func (s *Server) apiCohortComparison(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	f, err := leadtimeFilter(r)
	if err != nil {
		return nil, err
	}
	return s.app.CompareCohort(r.Context(), actor(r), id, f)
}
