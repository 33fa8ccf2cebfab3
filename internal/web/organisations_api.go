package web

import (
	"net/http"

	"schakel"
)

func (s *Server) apiOrganisations(w http.ResponseWriter, r *http.Request) (any, error) {
	orgs, err := s.app.Organisations(r.Context(), actor(r))
	if err != nil {
		return nil, err
	}
	return map[string]any{"organisations": nonNil(orgs)}, nil
}

func (s *Server) apiCreateOrganisation(w http.ResponseWriter, r *http.Request) (any, error) {
	var in struct {
		Name string                   `json:"name"`
		Kind schakel.OrganisationKind `json:"kind"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	o, err := s.createOrganisation(r, in.Name, in.Kind)
	if err != nil {
		return nil, err
	}
	return created(o), nil
}

func (s *Server) createOrganisation(r *http.Request, name string, kind schakel.OrganisationKind) (schakel.Organisation, error) {
	a := actor(r)
	o := schakel.Organisation{RegionID: a.Professional.Organisation.RegionID, Name: name, Kind: kind}
	err := s.app.CreateOrganisation(r.Context(), a, &o)
	return o, err
}
