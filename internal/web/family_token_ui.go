package web

// A family member's own API tokens on their page: make one (the secret is
// shown once) and revoke one. The API itself is family_api.go.

import (
	"net/http"

	"schakel"
)

func (s *Server) postFamilyToken(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.familyError(w, r, err)
		return
	}
	name := r.PostForm.Get("name")
	secret, err := s.app.IssueFamilyToken(r.Context(), actor(r), name)
	if schakel.ErrorCode(err) == schakel.EINVALID {
		errs := map[string]string{}
		for field, text := range familyFieldTexts(familyLang(r), err) {
			errs["token_"+field] = text
		}
		s.familyHome(w, r, http.StatusUnprocessableEntity, map[string]any{"Errors": errs, "TokenName": name})
		return
	} else if err != nil {
		s.familyError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "family_token.html", map[string]any{"Secret": secret, "Name": name})
}

func (s *Server) postRevokeFamilyToken(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.app.RevokeFamilyToken(r.Context(), actor(r), id)
	}
	if err != nil {
		s.familyError(w, r, err)
		return
	}
	http.Redirect(w, r, "/gezin?ok=ingetrokken", http.StatusSeeOther)
}
