package web

// A professional's own second factor: set up or replace the app, new
// recovery codes, remove it; an administrator removes a lost one; the
// organisation's requirement. The rules are internal/app's.

import (
	"net/http"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/app"
)

func factorNotice(r *http.Request) string {
	switch r.URL.Query().Get("ok") {
	case "app":
		return "De app is ingesteld. Vanaf nu vraagt Schakel bij het inloggen om een code uit de app."
	case "verwijderd":
		return "De app is verwijderd."
	case "passkey":
		return "De passkey is toegevoegd. U kunt hem voortaan gebruiken bij het inloggen."
	case "naam":
		return "De naam van de passkey is gewijzigd."
	case "passkey-verwijderd":
		return "De passkey is verwijderd."
	}
	return ""
}

func (s *Server) pageFactors(w http.ResponseWriter, r *http.Request) {
	s.renderFactors(w, r, http.StatusOK, nil)
}

func (s *Server) renderFactors(w http.ResponseWriter, r *http.Request, status int, formErr error) {
	st, err := s.app.SecondFactors(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a := actor(r)
	hasFactor, stale := st.App || len(st.Passkeys) > 0, access.NeedsStepUp(access.ActSecondFactor, a.Login, s.app.Now())
	data := map[string]any{"Status": st, "Notice": factorNotice(r), "AskPassword": !hasFactor && stale, "AddNeedsStepUp": hasFactor && stale,
		"LastFactor": !st.App && len(st.Passkeys) == 1}
	if formErr != nil {
		data["Error"] = schakel.ErrorMessage(formErr)
		fields := map[string]string{"password": "PasswordError", "recovery_code": "CodeError"}
		if r.URL.Path == "/tweede-factor/passkeys" { // the form that adds a passkey
			fields = map[string]string{"name": "NameError", "password": "AddPasswordError"}
			data["Name"] = r.PostForm.Get("name")
		} else if r.URL.Path != "/tweede-factor/verwijderen" {
			fields = nil // a passkey's own forms: the message goes on top
		}
		for _, f := range schakel.FieldErrors(formErr) {
			if key := fields[f.Field]; key != "" {
				data[key] = f.Message
			} else {
				data["Error"] = f.Message
			}
		}
	}
	s.render(w, r, status, "factors.html", data)
}

func (s *Server) pageFactorApp(w http.ResponseWriter, r *http.Request) {
	// Replacing an app takes the current one first: ask before a new key
	// is typed into the phone, not after.
	if st, err := s.app.SecondFactors(r.Context(), actor(r)); err == nil && st.App && access.NeedsStepUp(access.ActSecondFactor, actor(r).Login, s.app.Now()) {
		s.askStepUp(w, r)
		return
	}
	s.renderAppSetup(w, r, http.StatusOK, actor(r), "/tweede-factor/app", afterFactorApp(r.URL.Query().Get("terug")), nil)
}

// afterFactorApp is where setting up the app leads: back to the page that
// asked for it (the confirm page sends people here first), or the
// overview of one's factors.
func afterFactorApp(back string) string {
	if p := localPath(back); p != "/" {
		return p
	}
	return "/tweede-factor"
}

func (s *Server) postFactorApp(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
		s.pageError(w, r, err)
		return
	}
	next := afterFactorApp(r.PostForm.Get("next"))
	codes, err := s.app.ConfirmApp(r.Context(), actor(r), credentialOf(r), r.PostForm.Get("code"), r.PostForm.Get("password"))
	if schakel.ErrorCode(err) == schakel.EINVALID {
		s.renderAppSetup(w, r, http.StatusUnprocessableEntity, actor(r), "/tweede-factor/app", next, err)
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	if len(codes) > 0 {
		s.render(w, r, http.StatusOK, "recovery_codes.html", map[string]any{"Codes": codes, "Next": next, "First": true})
		return
	}
	if next == "/tweede-factor" {
		next += "?ok=app"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) postRecoveryCodes(w http.ResponseWriter, r *http.Request) {
	codes, err := s.app.NewRecoveryCodes(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "recovery_codes.html", map[string]any{"Codes": codes, "Next": "/tweede-factor"})
}

func (s *Server) postRemoveFactor(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
		s.pageError(w, r, err)
		return
	}
	a := actor(r)
	err := s.app.RemoveSecondFactor(r.Context(), a, app.RemoveFactor{ProfessionalID: a.Professional.ID,
		Password: r.PostForm.Get("password"), RecoveryCode: r.PostForm.Get("recovery_code")})
	if schakel.ErrorCode(err) == schakel.EINVALID {
		s.renderFactors(w, r, http.StatusUnprocessableEntity, err)
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/tweede-factor?ok=verwijderd", http.StatusSeeOther)
}

// postAdminRemoveFactor: an administrator removes a professional's app.
func (s *Server) postAdminRemoveFactor(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.app.RemoveSecondFactor(r.Context(), actor(r), app.RemoveFactor{ProfessionalID: id})
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/medewerkers/"+r.PathValue("id")+"?ok=factor-verwijderd", http.StatusSeeOther)
}

// postFactorRequired sets the organisation's requirement.
func (s *Server) postFactorRequired(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	a := actor(r)
	if err := s.app.SetSecondFactorRequired(r.Context(), a, a.Professional.Organisation.ID, r.PostForm.Get("required") == "1"); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/inloggen?ok=tweede-factor", http.StatusSeeOther)
}
