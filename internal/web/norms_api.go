package web

import (
	"net/http"

	"schakel"
	"schakel/internal/chain"
)

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
