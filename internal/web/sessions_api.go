package web

import (
	"net/http"
)

func (s *Server) apiMySessions(w http.ResponseWriter, r *http.Request) (any, error) {
	list, err := s.app.MySessions(r.Context(), actor(r), currentSessionHash(r), s.cfg.IdleTimeout)
	if err != nil {
		return nil, err
	}
	return map[string]any{"sessions": list}, nil
}

func (s *Server) apiOrganisationSessions(w http.ResponseWriter, r *http.Request) (any, error) {
	orgID, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	list, err := s.app.OrganisationSessions(r.Context(), actor(r), orgID, currentSessionHash(r), s.cfg.IdleTimeout)
	if err != nil {
		return nil, err
	}
	return map[string]any{"sessions": list}, nil
}

func (s *Server) apiEndSession(w http.ResponseWriter, r *http.Request) (any, error) {
	if err := s.app.EndSessionByID(r.Context(), actor(r), r.PathValue("id")); err != nil {
		return nil, err
	}
	return noContent, nil
}

func (s *Server) apiUnlinkIdentity(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	if err := s.app.UnlinkIdentity(r.Context(), actor(r), id); err != nil {
		return nil, err
	}
	return noContent, nil
}
