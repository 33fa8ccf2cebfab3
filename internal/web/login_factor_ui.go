package web

// The second step of a password login: the code of the authenticator app
// (or a recovery code), or setting up an app when the organisation
// requires one. The login that waits is named by its own cookie, which
// opens nothing but these steps.

import (
	"html/template"
	"net/http"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/app"
	"schakel/internal/textlimit"
)

const challengeCookie = "schakel_login"

var errChallengeGone = schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw inlogpoging is verlopen. Log opnieuw in met uw e-mailadres en wachtwoord.")

func challengePage(res app.LoginResult) string {
	if res.Enrol {
		return "/login/instellen"
	}
	return "/login/code"
}

func (s *Server) setChallengeCookie(w http.ResponseWriter, value string) {
	http.SetCookie(w, &http.Cookie{Name: challengeCookie, Value: value, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: 600})
}

func (s *Server) clearChallengeCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: challengeCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

func (s *Server) codeAttempt(r *http.Request, challenge, code string) app.CodeAttempt {
	return app.CodeAttempt{Challenge: challenge, Code: code, ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)}
}

// waitingLogin returns the login the request's challenge cookie names; on
// none it sends the browser back to the login page and reports false.
func (s *Server) waitingLogin(w http.ResponseWriter, r *http.Request) (string, app.WaitingLogin, bool) {
	c, err := r.Cookie(challengeCookie)
	if err == nil && c.Value != "" {
		wl, err := s.app.WaitingLoginOf(r.Context(), c.Value, s.clientAddr(r), textlimit.Cut(r.UserAgent(), textlimit.Line))
		if err == nil {
			return c.Value, wl, true
		}
		if schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
			s.pageError(w, r, err)
			return "", wl, false
		}
	}
	s.clearChallengeCookie(w)
	s.render(w, r, http.StatusUnauthorized, "login.html", map[string]any{"Next": r.URL.Query().Get("next"), "Error": errChallengeGone.Message})
	return "", app.WaitingLogin{}, false
}

func (s *Server) pageLoginCode(w http.ResponseWriter, r *http.Request) {
	_, wl, ok := s.waitingLogin(w, r)
	if !ok {
		return
	}
	if wl.Enrol {
		http.Redirect(w, r, "/login/instellen?next="+safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login_code.html", map[string]any{"Next": r.URL.Query().Get("next"), "App": wl.App, "Passkey": wl.Passkey})
}

// renderLoginCode shows the second step again, with what went wrong.
func (s *Server) renderLoginCode(w http.ResponseWriter, r *http.Request, next string, err error) {
	msg := schakel.ErrorMessage(err)
	if fs := schakel.FieldErrors(err); len(fs) == 1 {
		msg = fs[0].Message
	}
	data := map[string]any{"Next": next, "Error": msg, "App": true, "Passkey": true}
	if c, cerr := r.Cookie(challengeCookie); cerr == nil {
		if wl, werr := s.app.WaitingLoginOf(r.Context(), c.Value, s.clientAddr(r), ""); werr == nil {
			data["App"], data["Passkey"] = wl.App, wl.Passkey
		}
	}
	s.render(w, r, http.StatusUnauthorized, "login_code.html", data)
}

func (s *Server) postLoginCode(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
		s.pageError(w, r, err)
		return
	}
	next := r.PostForm.Get("next")
	c, err := r.Cookie(challengeCookie)
	if err != nil {
		s.render(w, r, http.StatusUnauthorized, "login.html", map[string]any{"Next": next, "Error": errChallengeGone.Message})
		return
	}
	var secret string
	_, withPasskey := r.PostForm[passkeyField]
	switch {
	case withPasskey && r.PostForm.Get(passkeyField) == "":
		err = errNoScript
	case withPasskey:
		secret, err = s.loginWithPasskey(r, c.Value, r.PostForm.Get(passkeyField))
	default:
		secret, err = s.app.CompleteLogin(r.Context(), s.codeAttempt(r, c.Value, r.PostForm.Get("code")))
	}
	switch {
	case err == nil:
		s.clearChallengeCookie(w)
		s.setSessionCookie(w, secret)
		http.Redirect(w, r, unescapeNext(next), http.StatusSeeOther)
	case err == errNoScript || schakel.ErrorCode(err) == schakel.ECONFLICT:
		s.renderLoginCode(w, r, next, err)
	case schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED:
		s.pageError(w, r, err)
	case err == app.ErrBadCode || err == app.ErrBadPasskey:
		s.renderLoginCode(w, r, next, err)
	default: // the login ended: back to the password
		s.clearChallengeCookie(w)
		s.render(w, r, http.StatusUnauthorized, "login.html", map[string]any{"Next": next, "Error": schakel.ErrorMessage(err)})
	}
}

// pageLoginEnrol shows a new app key to a login whose organisation
// requires a second factor.
func (s *Server) pageLoginEnrol(w http.ResponseWriter, r *http.Request) {
	_, wl, ok := s.waitingLogin(w, r)
	if !ok {
		return
	}
	if !wl.Enrol {
		http.Redirect(w, r, "/login/code?next="+safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	s.renderAppSetup(w, r, http.StatusOK, wl.Actor, "/login/instellen", r.URL.Query().Get("next"), nil)
}

func (s *Server) postLoginEnrol(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
		s.pageError(w, r, err)
		return
	}
	next := r.PostForm.Get("next")
	challenge, wl, ok := s.waitingLogin(w, r)
	if !ok {
		return
	}
	var secret string
	var codes []string
	var err error
	if _, withPasskey := r.PostForm[passkeyField]; withPasskey {
		secret, codes, err = s.enrolPasskeyAtLogin(r, challenge)
	} else {
		secret, codes, err = s.app.EnrolAtLogin(r.Context(), s.codeAttempt(r, challenge, r.PostForm.Get("code")))
	}
	if code := schakel.ErrorCode(err); code == schakel.EINVALID || code == schakel.ECONFLICT {
		s.renderAppSetup(w, r, http.StatusUnprocessableEntity, wl.Actor, "/login/instellen", next, err)
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.clearChallengeCookie(w)
	s.setSessionCookie(w, secret)
	s.render(w, r, http.StatusOK, "recovery_codes.html", map[string]any{"Codes": codes, "Next": unescapeNext(next), "First": true})
}

// renderAppSetup shows the key to type into an authenticator app, and the
// form to confirm it with a code.
func (s *Server) renderAppSetup(w http.ResponseWriter, r *http.Request, status int, a *schakel.Actor, action, next string, formErr error) {
	key, err := s.app.StartApp(r.Context(), a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := map[string]any{"Key": key.Grouped, "URI": key.URI, "Link": template.URL(key.URI), "Action": action, "Next": next, "Email": a.Professional.Email}
	if action == "/tweede-factor/app" {
		// A first app outside the login takes the password too (app.ConfirmApp).
		st, err := s.app.SecondFactors(r.Context(), a)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		data["AskPassword"] = !st.App && access.NeedsStepUp(access.ActSecondFactor, a.Login, s.app.Now())
	}
	if formErr != nil {
		data["Error"] = schakel.ErrorMessage(formErr)
		for _, f := range schakel.FieldErrors(formErr) {
			switch f.Field {
			case "password":
				data["PasswordError"] = f.Message
			case "name":
				data["NameError"] = f.Message
			case "credential":
				data["Error"] = f.Message
			default:
				data["CodeError"] = f.Message
			}
		}
	}
	s.render(w, r, status, "factor_app.html", data)
}
