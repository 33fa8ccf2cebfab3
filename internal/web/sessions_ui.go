package web

// Sessions you can see: everyone's own browser sessions, and for an
// administrator those of the organisation's people, each with its device,
// address, last activity and login method; ended one by one.

import (
	"net/http"
	"strings"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// currentSessionHash is the hash of the request's session cookie, or "".
func currentSessionHash(r *http.Request) string {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		return auth.HashSecret(c.Value)
	}
	return ""
}

// sessionRow is a session as the screen shows it.
type sessionRow struct {
	storage.SessionInfo
	Device, Method string
}

func sessionRows(list []storage.SessionInfo) []sessionRow {
	rows := make([]sessionRow, len(list))
	for i, s := range list {
		rows[i] = sessionRow{SessionInfo: s, Device: deviceNL(s.UserAgent), Method: loginMethodNL(s.LoginMethod)}
	}
	return rows
}

func loginMethodNL(m string) string {
	if m == schakel.LoginOIDC {
		return "Via de inlogdienst van de organisatie"
	}
	return "Wachtwoord"
}

// deviceNL names a browser and system in a few words from a user agent,
// enough to recognise one's own devices; it says nothing for certain.
func deviceNL(ua string) string {
	if ua == "" {
		return "Onbekend apparaat"
	}
	browser := "Browser"
	for _, b := range []struct{ key, name string }{{"Edg/", "Edge"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"}} {
		if strings.Contains(ua, b.key) {
			browser = b.name
			break
		}
	}
	for _, o := range []struct{ key, name string }{{"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Android", "Android"}, {"Windows", "Windows"},
		{"Mac OS X", "macOS"}, {"Linux", "Linux"}} {
		if strings.Contains(ua, o.key) {
			return browser + " op " + o.name
		}
	}
	if browser == "Browser" {
		return textlimit.Cut(ua, 40)
	}
	return browser
}

func (s *Server) pageMySessions(w http.ResponseWriter, r *http.Request) {
	list, err := s.app.MySessions(r.Context(), actor(r), currentSessionHash(r), s.cfg.IdleTimeout)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "sessions.html", map[string]any{"Sessions": sessionRows(list), "Mine": true, "Back": "/sessies", "Notice": sessionNotice(r)})
}

func (s *Server) pageOrganisationSessions(w http.ResponseWriter, r *http.Request) {
	if err := s.requireRole(r, schakel.RoleAdmin, adminOnly); err != nil {
		s.pageError(w, r, err)
		return
	}
	list, err := s.app.OrganisationSessions(r.Context(), actor(r), actor(r).Professional.Organisation.ID, currentSessionHash(r), s.cfg.IdleTimeout)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "sessions.html", map[string]any{"Sessions": sessionRows(list), "Back": "/beheer/sessies", "Notice": sessionNotice(r)})
}

func sessionNotice(r *http.Request) string {
	switch r.URL.Query().Get("ok") {
	case "beeindigd":
		return "De sessie is beëindigd. Wie daar was ingelogd, moet opnieuw inloggen."
	case "andere":
		return "Uw andere sessies zijn beëindigd."
	}
	return ""
}

// postEndSession ends one session and goes back to the list it was on.
func (s *Server) postEndSession(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	back := "/sessies"
	if r.PostForm.Get("terug") == "/beheer/sessies" {
		back = "/beheer/sessies"
	}
	if err := s.app.EndSessionByID(r.Context(), actor(r), r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, back+"?ok=beeindigd", http.StatusSeeOther)
}

func (s *Server) postEndOtherSessions(w http.ResponseWriter, r *http.Request) {
	if _, err := s.app.EndOtherSessions(r.Context(), actor(r), currentSessionHash(r)); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/sessies?ok=andere", http.StatusSeeOther)
}

// postUnlinkIdentity removes a professional's link with the provider and
// ends all their sessions and tokens.
func (s *Server) postUnlinkIdentity(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.app.UnlinkIdentity(r.Context(), actor(r), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/medewerkers/"+r.PathValue("id")+"?ok=ontkoppeld", http.StatusSeeOther)
}
