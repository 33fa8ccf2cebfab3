package web

// A proposed crisis table while its invitations are held, in the JSON
// API: remove a need, add a person, send the invitations now.

import (
	"net/http"

	"schakel/internal/plan"
)

func (s *Server) apiRemoveTableNeed(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.TableNeedRemoval
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.RemoveTableNeed(r.Context(), actor(r), id, in)
}

func (s *Server) apiAddTablePerson(w http.ResponseWriter, r *http.Request) (any, error) {
	var in plan.TablePersonAdded
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.AddTablePerson(r.Context(), actor(r), id, in)
}

func (s *Server) apiSendTableNow(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.SendTableNow(r.Context(), actor(r), id)
}
