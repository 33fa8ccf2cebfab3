package web

// The family login and activation screens. The rules (limits, one answer
// for every failure, the one-time code) are the use cases'
// (internal/app/family_login.go).

import (
	"net/http"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/textlimit"
)

func (s *Server) pageFamilyLogin(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "family_login.html", map[string]any{"LoggedOut": r.URL.Query().Get("uitgelogd") == "1",
		"Again": r.URL.Query().Get("opnieuw") == "1"})
}

func (s *Server) postFamilyLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.familyErrorPage(w, r, formError(err, 64<<10))
		return
	}
	textErr := cleanForm(r.PostForm)
	username := r.PostForm.Get("username")
	if textErr != nil {
		s.render(w, r, http.StatusUnprocessableEntity, "family_login.html", map[string]any{"Username": username,
			"Error": familyLang(r).T("err.login_unreadable")})
		return
	}
	step, err := s.app.FamilyLogin(r.Context(), app.Attempt{Email: username, Password: r.PostForm.Get("password"),
		ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)})
	if err != nil {
		if !loginAnswer(w, err) {
			s.familyErrorPage(w, r, err)
			return
		}
		s.render(w, r, StatusOf(err), "family_login.html", map[string]any{"Username": username, "Error": familyErrorText(familyLang(r), err)})
		return
	}
	s.setFamilyStepCookie(w, step.Challenge, 600)
	http.Redirect(w, r, familyStepPath, http.StatusSeeOther)
}

func (s *Server) pageFamilyActivate(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "family_activate.html", map[string]any{"Errors": map[string]string{}})
}

func (s *Server) postFamilyActivate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.familyErrorPage(w, r, formError(err, 64<<10))
		return
	}
	f := r.PostForm
	data := map[string]any{"Code": f.Get("code"), "BirthDate": f.Get("birth_date"), "Username": f.Get("username"), "Errors": map[string]string{}}
	err := cleanForm(f)
	var step app.FamilyStep
	if err == nil {
		step, err = s.app.ActivateFamily(r.Context(), app.Activation{Code: f.Get("code"), BirthDate: f.Get("birth_date"), Username: f.Get("username"),
			Password: f.Get("password"), ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)})
	}
	if err != nil {
		switch schakel.ErrorCode(err) {
		case schakel.EINVALID, schakel.ECONFLICT, schakel.EUNAUTHENTICATED, schakel.ELOCKED, schakel.EUNAVAILABLE:
			setRetryAfter(w, err)
			data["Errors"], data["Error"] = familyFieldTexts(familyLang(r), err), familyErrorText(familyLang(r), err)
			s.render(w, r, StatusOf(err), "family_activate.html", data)
		default:
			s.familyErrorPage(w, r, err)
		}
		return
	}
	s.setFamilyStepCookie(w, step.Challenge, 600)
	http.Redirect(w, r, familyStepPath, http.StatusSeeOther)
}
