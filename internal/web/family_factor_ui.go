package web

// The second step of a family login: a code of the authenticator app (or
// a recovery code), or setting up the app after the activation code. The
// waiting login is named by its own cookie under /gezin, which opens
// nothing but this step.

import (
	"html/template"
	"net/http"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/textlimit"
)

const (
	familyStepCookie = "schakel_gezin_stap"
	familyStepPath   = "/gezin/tweede-stap"
)

func (s *Server) setFamilyStepCookie(w http.ResponseWriter, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: familyStepCookie, Value: value, Path: "/gezin", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: maxAge})
}

// familyWaiting returns the waiting login the step cookie names; on none it
// shows the family login with a short note and reports false.
func (s *Server) familyWaiting(w http.ResponseWriter, r *http.Request) (string, app.FamilyWaitingLogin, bool) {
	w.Header().Set("Cache-Control", "no-store")
	if c, err := r.Cookie(familyStepCookie); err == nil && c.Value != "" {
		wl, err := s.app.FamilyWaitingLoginOf(r.Context(), c.Value)
		if err == nil {
			return c.Value, wl, true
		}
		if schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
			s.familyErrorPage(w, r, err)
			return "", wl, false
		}
	}
	s.setFamilyStepCookie(w, "", -1)
	s.render(w, r, http.StatusUnauthorized, "family_login.html", map[string]any{"Error": familyLang(r).T("err.step_gone")})
	return "", app.FamilyWaitingLogin{}, false
}

func (s *Server) pageFamilyStep(w http.ResponseWriter, r *http.Request) {
	if _, wl, ok := s.familyWaiting(w, r); ok {
		s.renderFamilyStep(w, r, http.StatusOK, wl, nil)
	}
}

func (s *Server) postFamilyStep(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
		s.familyErrorPage(w, r, err)
		return
	}
	challenge, wl, ok := s.familyWaiting(w, r)
	if !ok {
		return
	}
	done, err := s.app.CompleteFamilyLogin(r.Context(), app.CodeAttempt{Challenge: challenge, Code: r.PostForm.Get("code"),
		ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)})
	switch code := schakel.ErrorCode(err); {
	case err == nil:
		s.setFamilyStepCookie(w, "", -1)
		s.setFamilyCookie(w, done.Session, 0)
		if len(done.RecoveryCodes) == 0 {
			http.Redirect(w, r, "/gezin", http.StatusSeeOther)
			return
		}
		s.render(w, r, http.StatusOK, "family_recovery.html", map[string]any{"Codes": done.RecoveryCodes})
	case err == app.ErrBadCode || code == schakel.EINVALID:
		s.renderFamilyStep(w, r, StatusOf(err), wl, err)
	case code == schakel.EUNAUTHENTICATED || code == schakel.ECONFLICT: // the login ended: start again
		s.setFamilyStepCookie(w, "", -1)
		s.render(w, r, StatusOf(err), "family_login.html", map[string]any{"Error": familyErrorText(familyLang(r), err)})
	default:
		s.familyErrorPage(w, r, err)
	}
}

// renderFamilyStep shows the code form, or the key to set up the app with
// the code form below it.
func (s *Server) renderFamilyStep(w http.ResponseWriter, r *http.Request, status int, wl app.FamilyWaitingLogin, formErr error) {
	data := map[string]any{"Enrol": wl.Enrol}
	if wl.Enrol {
		data["Key"], data["URI"], data["Link"] = wl.Key.Grouped, wl.Key.URI, template.URL(wl.Key.URI)
	}
	if formErr != nil {
		data["CodeError"] = familyErrorText(familyLang(r), formErr)
		for _, f := range schakel.FieldErrors(formErr) {
			data["CodeError"] = familyFieldText(familyLang(r), f)
		}
	}
	s.render(w, r, status, "family_step.html", data)
}
