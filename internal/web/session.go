package web

import (
	"net/http"
	"net/url"
	"strings"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

const sessionCookie = "schakel_session"

// authenticate resolves the actor from a bearer token or a session cookie.
// It returns (nil, nil) when the request carries neither.
func (s *Server) authenticate(r *http.Request) (*schakel.Actor, error) {
	a := &schakel.Actor{ClientAddr: s.clientAddr(r), Workstation: truncate(r.UserAgent(), 200)}
	if h := r.Header.Get("Authorization"); h != "" {
		// The scheme name is case-insensitive (RFC 9110, section 11.1).
		scheme, tok, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
			return nil, schakel.Errorf(schakel.EUNAUTHENTICATED, "Gebruik 'Authorization: Bearer <token>'.")
		}
		p, name, err := s.db.TokenProfessional(r.Context(), auth.HashSecret(strings.TrimSpace(tok)))
		if err != nil {
			return nil, err
		}
		a.Professional = &p
		a.OnBehalfOf = "api-token:" + name
		return a, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	p, err := s.db.SessionProfessional(r.Context(), auth.HashSecret(c.Value), s.cfg.IdleTimeout)
	if err != nil {
		return nil, err
	}
	a.Professional = &p
	return a, nil
}

// requireActor guards a handler: no actor means 401 for the API and the
// login page for screens.
func (s *Server) requireActor(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, err := s.authenticate(r)
		if err == nil && a == nil {
			err = schakel.Errorf(schakel.EUNAUTHENTICATED, "Log in om verder te gaan.")
		}
		if err != nil {
			if schakel.ErrorCode(err) == schakel.EUNAUTHENTICATED && !isAPI(r) {
				s.clearSessionCookie(w)
			}
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		next(w, r.WithContext(schakel.NewContextWithActor(r.Context(), a)))
	}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func (s *Server) setSessionCookie(w http.ResponseWriter, value string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: value, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(s.cfg.SessionMaxAge.Seconds())})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// safeNext keeps a post-login redirect on this site, query-escaped for use
// as the next= parameter.
func safeNext(next string) string {
	if localPath(next) == "/" {
		return "/"
	}
	return url.QueryEscape(next)
}

func unescapeNext(next string) string { return localPath(next) }

// localPath returns next when it is a path on this site, and "/" otherwise.
// Browsers drop tabs and newlines from a URL and read '\' as '/', so
// "/\t/evil.example" or "/\\evil.example" would leave the site: any control
// character or backslash is refused, not only a leading "//".
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return "/"
	}
	for _, c := range next {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}

// errBadLogin is deliberately the same for an unknown address and a wrong
// password, so the form does not reveal which accounts exist.
var errBadLogin = schakel.Errorf(schakel.EUNAUTHENTICATED, "Het e-mailadres of wachtwoord klopt niet.")

// login checks a password and opens a session. It returns the new session
// secret.
func (s *Server) login(r *http.Request, email, password string) (string, error) {
	ctx := r.Context()
	id, hash, active, lockedUntil, err := s.db.Credentials(ctx, email)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		// Spend the same time as a real check so response times do not
		// reveal whether an address exists.
		_ = auth.CheckPassword(password, dummyHash)
		return "", errBadLogin
	} else if err != nil {
		return "", err
	}
	now := s.db.Now()
	if lockedUntil != nil && now.Before(*lockedUntil) {
		return "", schakel.Errorf(schakel.ELOCKED, "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het om %s opnieuw.",
			lockedUntil.In(workdays.Location()).Format("15:04"))
	}
	if err := auth.CheckPassword(password, hash); err != nil || !active {
		if err == nil { // right password, disabled account
			return "", schakel.Errorf(schakel.EUNAUTHENTICATED, "Dit account is uitgezet. Neem contact op met de beheerder.")
		}
		locked, ferr := s.db.RecordLoginFailure(ctx, id, storage.LoginPolicy{MaxFailures: s.cfg.MaxFailures, LockFor: s.cfg.LockFor}, s.clientAddr(r))
		if ferr != nil {
			return "", ferr
		}
		if locked {
			return "", schakel.Errorf(schakel.ELOCKED, "Te veel mislukte pogingen. Dit account is %d minuten geblokkeerd.", int(s.cfg.LockFor.Minutes()))
		}
		return "", errBadLogin
	}
	p, err := s.db.Professional(ctx, id)
	if err != nil {
		return "", err
	}
	secret, err := auth.NewSecret("")
	if err != nil {
		return "", err
	}
	a := &schakel.Actor{Professional: &p, ClientAddr: s.clientAddr(r), Workstation: truncate(r.UserAgent(), 200)}
	if err := s.db.CreateSession(ctx, a, auth.HashSecret(secret), s.cfg.SessionMaxAge); err != nil {
		return "", err
	}
	return secret, nil
}

// dummyHash is checked against unknown e-mail addresses (argon2id of a
// random string with the default parameters).
var dummyHash = func() string {
	h, err := auth.HashPassword("not-a-real-account", auth.DefaultParams)
	if err != nil {
		panic(err)
	}
	return h
}()

func (s *Server) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	if a, err := s.authenticate(r); err == nil && a != nil {
		http.Redirect(w, r, unescapeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login.html", map[string]any{"Next": r.URL.Query().Get("next"),
		"Expired": r.URL.Query().Get("next") != "", "LoggedOut": r.URL.Query().Get("uitgelogd") == "1"})
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, formError(err, 64<<10))
		return
	}
	email, password, next := r.PostForm.Get("email"), r.PostForm.Get("password"), r.PostForm.Get("next")
	secret, err := s.login(r, email, password)
	if err != nil {
		code := schakel.ErrorCode(err)
		if code != schakel.EUNAUTHENTICATED && code != schakel.ELOCKED {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, StatusOf(err), "login.html", map[string]any{"Next": next, "Email": email, "Error": schakel.ErrorMessage(err)})
		return
	}
	s.setSessionCookie(w, secret)
	http.Redirect(w, r, unescapeNext(next), http.StatusSeeOther)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.db.DeleteSession(r.Context(), auth.HashSecret(c.Value)); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/login?uitgelogd=1", http.StatusSeeOther)
}
