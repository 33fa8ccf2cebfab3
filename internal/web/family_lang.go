package web

// The language of the family's own screens (familytext): chosen with the
// switch in the page header (a form, no JavaScript), kept in a cookie of
// the family's path; without a choice, the browser's Accept-Language.
// The professionals' screens stay Dutch.

import (
	"net/http"
	"strings"
	"time"

	"schakel/internal/familytext"
	"schakel/internal/workdays"
)

const familyLangCookie = "schakel_taal"

// familyPages are the templates a family member reads (family_members,
// family_invite and family_summary are the professional's).
var familyPages = map[string]bool{"family_home.html": true, "family_log.html": true, "family_login.html": true, "family_activate.html": true,
	"family_step.html": true, "family_recovery.html": true, "family_token.html": true, "family_error.html": true}

// familyLang is the request's language for a family screen.
func familyLang(r *http.Request) *familytext.Lang {
	if c, err := r.Cookie(familyLangCookie); err == nil && familytext.Known(c.Value) {
		return familytext.Get(c.Value)
	}
	return familytext.FromAcceptLanguage(r.Header.Get("Accept-Language"))
}

// postFamilyLang keeps the chosen language and goes back to the page the
// switch was on (a path under /gezin only, never another site).
func (s *Server) postFamilyLang(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.familyErrorPage(w, r, err)
		return
	}
	code := r.PostForm.Get("taal")
	if familytext.Known(code) {
		http.SetCookie(w, &http.Cookie{Name: familyLangCookie, Value: code, Path: "/gezin", HttpOnly: true, Secure: s.cfg.SecureCookies,
			SameSite: http.SameSiteLaxMode, MaxAge: int((365 * 24 * time.Hour).Seconds())})
	}
	back := r.PostForm.Get("terug")
	if back != "/gezin" && (!strings.HasPrefix(back, "/gezin/") || strings.ContainsAny(back, "\\?#") || strings.Contains(back, "//")) {
		back = "/gezin"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// T is a fixed text of the page in its language (Dutch on the
// professionals' screens): args are name, value pairs.
func (v view) T(key string, args ...any) string { return v.lang().T(key, args...) }

// N is a text with a count, in the language's plural form.
func (v view) N(key string, n int, args ...any) string { return v.lang().N(key, n, args...) }

// Date says a day in the page's language.
func (v view) Date(t time.Time) string { return v.lang().Date(t, workdays.Location()) }

// Span says a conversation's time from its RFC 3339 start and end.
func (v view) Span(start, end string) string {
	s, err1 := time.Parse(time.RFC3339, start)
	e, err2 := time.Parse(time.RFC3339, end)
	if err1 != nil || err2 != nil {
		return start
	}
	return v.lang().Span(s, e, workdays.Location())
}

// Moment says a moment (RFC 3339) with its weekday in the page's language.
func (v view) Moment(at string) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	return v.lang().Moment(t, workdays.Location())
}

// OtherLangs are the languages the switch offers.
func (v view) OtherLangs() []*familytext.Lang {
	var out []*familytext.Lang
	for _, l := range familytext.Languages() {
		if l.Code != v.lang().Code {
			out = append(out, l)
		}
	}
	return out
}

func (v view) lang() *familytext.Lang {
	if v.Lang == nil {
		return familytext.Get(familytext.Dutch)
	}
	return v.Lang
}

// familyLine is a plan line of the family view with its page, for the
// "family_line" block.
type familyLine struct {
	V view
	L any
}

// Line bundles a plan line with the page.
func (v view) Line(l any) familyLine { return familyLine{V: v, L: l} }
