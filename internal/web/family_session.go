package web

// The family's own screens live under /gezin with a cookie of their own:
// a professional's session never opens them, and a family member's
// session never opens a professional's screen (SessionProfessional reads
// only professionals' sessions).

import (
	"net/http"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/textlimit"
)

const familyCookie = "schakel_gezin"

// familyLoginPath is where a family member logs in; familyLoginAgain
// is the same page telling a member whose session ended (idle too long,
// ended elsewhere) why they are there: "err.family_login_again".
const (
	familyLoginPath  = "/gezin/inloggen"
	familyLoginAgain = familyLoginPath + "?opnieuw=1"
)

// requireFamily guards a family screen: a family member's session passes;
// a professional is refused (audited); anyone else goes to the family
// login, told to log in again when their session ended.
func (s *Server) requireFamily(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		a := &schakel.Actor{ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)}
		to := familyLoginPath
		if c, err := r.Cookie(familyCookie); err == nil && c.Value != "" {
			m, err := s.app.SessionFamilyMember(r.Context(), auth.HashSecret(c.Value), s.cfg.IdleTimeout)
			if err == nil {
				a.FamilyMember = &m
				next(w, r.WithContext(schakel.NewContextWithActor(r.Context(), a)))
				return
			}
			if schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
				s.familyErrorPage(w, r, err)
				return
			}
			s.setFamilyCookie(w, "", -1)
			to = familyLoginAgain
		}
		if pro, err := s.authenticate(r); err == nil && pro != nil {
			s.pageError(w, r, s.app.RefuseFamilySurface(r.Context(), pro, r.URL.Path))
			return
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
	}
}

// familyError shows an error on a family screen; a lost session goes to
// the family login, not the professionals', which asks to log in again.
func (s *Server) familyError(w http.ResponseWriter, r *http.Request, err error) {
	if schakel.ErrorCode(err) == schakel.EUNAUTHENTICATED {
		s.setFamilyCookie(w, "", -1)
		http.Redirect(w, r, familyLoginAgain, http.StatusSeeOther)
		return
	}
	s.familyErrorPage(w, r, err)
}

func (s *Server) setFamilyCookie(w http.ResponseWriter, value string, maxAge int) {
	if maxAge == 0 {
		maxAge = int(s.cfg.SessionMaxAge.Seconds())
	}
	http.SetCookie(w, &http.Cookie{Name: familyCookie, Value: value, Path: "/gezin", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: maxAge})
}

func (s *Server) postFamilyLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(familyCookie); err == nil && c.Value != "" {
		if err := s.app.EndFamilySession(r.Context(), s.anonymous(r), auth.HashSecret(c.Value)); err != nil {
			s.familyErrorPage(w, r, err)
			return
		}
	}
	s.setFamilyCookie(w, "", -1)
	http.Redirect(w, r, familyLoginPath+"?uitgelogd=1", http.StatusSeeOther)
}
