package web

// Managing organisations (admin).

import (
	"net/http"

	"schakel"
)

func (s *Server) organisationsPage(w http.ResponseWriter, r *http.Request, status int, form map[string]string, errs []schakel.FieldError) {
	orgs, err := s.app.Organisations(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "organisations.html", map[string]any{"Organisations": orgs, "Kinds": schakel.OrganisationKinds,
		"Form": form, "Errors": errs, "Notice": notice(r)})
}

func (s *Server) pageOrganisations(w http.ResponseWriter, r *http.Request) {
	if err := s.requireRole(r, schakel.RoleAdmin, adminOnly); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.organisationsPage(w, r, http.StatusOK, map[string]string{"Name": "", "Kind": ""}, nil)
}

func (s *Server) postOrganisation(w http.ResponseWriter, r *http.Request) {
	err, fatal := textOrFatal(parseForm(w, r))
	if fatal != nil {
		s.pageError(w, r, fatal)
		return
	}
	form := map[string]string{"Name": r.PostForm.Get("name"), "Kind": r.PostForm.Get("kind")}
	if err == nil {
		_, err = s.createOrganisation(r, form["Name"], schakel.OrganisationKind(form["Kind"]))
	}
	if code := schakel.ErrorCode(err); code == schakel.EINVALID || code == schakel.ECONFLICT {
		s.organisationsPage(w, r, StatusOf(err), form, fieldsOrMessage(err))
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/organisaties?ok=toegevoegd", http.StatusSeeOther)
}
