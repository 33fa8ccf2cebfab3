package web

// The login screen: the page, the form post. The rules (limits, the one
// answer for every failure) are the login use case's (internal/app/login.go).

import (
	"net/http"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/textlimit"
)

// login runs the login use case for a request.
func (s *Server) login(r *http.Request, email, password string) (app.LoginResult, error) {
	if routed, err := s.routedToProvider(r, email); err != nil {
		return app.LoginResult{}, err
	} else if routed {
		return app.LoginResult{}, errUseProvider
	}
	return s.app.Login(r.Context(), app.Attempt{Email: email, Password: password,
		ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)})
}

// loginAnswer reports whether a failed login is answered on the login form
// itself (a refusal, a limit, a busy server) rather than on an error page.
func loginAnswer(w http.ResponseWriter, err error) bool {
	switch schakel.ErrorCode(err) {
	case schakel.EUNAUTHENTICATED, schakel.ELOCKED, schakel.EUNAVAILABLE:
		setRetryAfter(w, err)
		return true
	}
	return false
}

// unreadableLogin is the answer to a login form with text that is not
// valid UTF-8 or holds control characters: no account is looked up.
const unreadableLogin = "Uw e-mailadres of wachtwoord bevat tekens die Schakel niet kan lezen. Typ ze opnieuw."

func (s *Server) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	if a, err := s.authenticate(r); err == nil && a != nil {
		http.Redirect(w, r, unescapeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login.html", map[string]any{"Next": r.URL.Query().Get("next"),
		"Expired": r.URL.Query().Get("next") != "", "LoggedOut": r.URL.Query().Get("uitgelogd") == "1", "EmailFirst": s.emailFirst(r)})
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, formError(err, 64<<10))
		return
	}
	textErr := cleanForm(r.PostForm)
	email, password, next := r.PostForm.Get("email"), r.PostForm.Get("password"), r.PostForm.Get("next")
	if textErr != nil {
		s.render(w, r, http.StatusUnprocessableEntity, "login.html", map[string]any{"Next": next, "Email": email, "Error": unreadableLogin})
		return
	}
	res, err := s.login(r, email, password)
	if err != nil {
		if !loginAnswer(w, err) {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, StatusOf(err), "login.html", map[string]any{"Next": next, "Email": email, "Error": schakel.ErrorMessage(err)})
		return
	}
	if res.Challenge != "" {
		s.setChallengeCookie(w, res.Challenge)
		http.Redirect(w, r, challengePage(res)+"?next="+safeNext(next), http.StatusSeeOther)
		return
	}
	s.setSessionCookie(w, res.Session)
	http.Redirect(w, r, unescapeNext(next), http.StatusSeeOther)
}
