package web

import (
	"net/http"

	"schakel"
)

func (s *Server) apiIdentityProvider(w http.ResponseWriter, r *http.Request) (any, error) {
	orgID, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.IdentityProviderOf(r.Context(), actor(r), orgID)
}

func (s *Server) apiSetIdentityProvider(w http.ResponseWriter, r *http.Request) (any, error) {
	orgID, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	var in struct {
		Issuer    string                `json:"issuer"`
		ClientID  string                `json:"client_id"`
		SecretRef string                `json:"secret_ref"`
		Claim     string                `json:"claim"`
		MatchOn   schakel.IdentityMatch `json:"match_on"`
		Domains   []string              `json:"domains"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	p := schakel.IdentityProvider{OrganisationID: orgID, Issuer: in.Issuer, ClientID: in.ClientID, SecretRef: in.SecretRef,
		Claim: in.Claim, MatchOn: in.MatchOn, Domains: in.Domains}
	if err := s.app.SetIdentityProvider(r.Context(), actor(r), &p); err != nil {
		return nil, err
	}
	return p, nil
}

func (s *Server) apiRemoveIdentityProvider(w http.ResponseWriter, r *http.Request) (any, error) {
	orgID, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	if err := s.app.RemoveIdentityProvider(r.Context(), actor(r), orgID); err != nil {
		return nil, err
	}
	return noContent, nil
}
