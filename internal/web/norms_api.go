package web

import (
	"net/http"

	"schakel"
	"schakel/internal/chain"
)

func (s *Server) apiNorms(w http.ResponseWriter, r *http.Request) (any, error) {
	var v schakel.Validation
	region := queryID(r, "region", &v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	norms, err := s.app.Norms(r.Context(), actor(r), region)
	if err != nil {
		return nil, err
	}
	if region == 0 {
		region = actor(r).Professional.Organisation.RegionID
	}
	return map[string]any{"region_id": region, "norms": norms, "units": chain.Units}, nil
}

func (s *Server) apiSetNorm(w http.ResponseWriter, r *http.Request) (any, error) {
	var in chain.Norm
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	n, err := s.app.SetNorm(r.Context(), actor(r), r.PathValue("id"), in)
	if err != nil {
		return nil, err
	}
	return n, nil
}
