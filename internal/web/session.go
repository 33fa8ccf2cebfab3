package web

import (
	"net/http"
	"net/url"
	"strings"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/textlimit"
)

const sessionCookie = "schakel_session"

// authenticate resolves the actor from a bearer token or a session cookie.
// It returns (nil, nil) when the request carries neither.
func (s *Server) authenticate(r *http.Request) (*schakel.Actor, error) {
	a := &schakel.Actor{ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)}
	if h := r.Header.Get("Authorization"); h != "" {
		// The scheme name is case-insensitive (RFC 9110, section 11.1).
		scheme, tok, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
			return nil, schakel.Errorf(schakel.EUNAUTHENTICATED, "Gebruik 'Authorization: Bearer <token>'.")
		}
		p, name, login, err := s.app.TokenLogin(r.Context(), auth.HashSecret(strings.TrimSpace(tok)))
		if err != nil {
			return nil, err
		}
		a.Professional, a.Login = &p, login
		a.OnBehalfOf = "api-token:" + name
		return a, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	p, login, err := s.app.SessionLogin(r.Context(), auth.HashSecret(c.Value), s.cfg.IdleTimeout)
	if err != nil {
		return nil, err
	}
	a.Professional, a.Login = &p, login
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

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	after := "/login?uitgelogd=1"
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		providerID, err := s.app.EndSession(r.Context(), s.anonymous(r), auth.HashSecret(c.Value))
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		after = s.afterLogout(r, providerID, after)
	}
	s.clearSessionCookie(w)
	if !strings.HasPrefix(after, "/") {
		s.logoutAtProvider(w, r, after)
		return
	}
	http.Redirect(w, r, after, http.StatusSeeOther)
}
