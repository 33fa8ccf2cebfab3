package web

// Passkeys on the screens: enrol one on /tweede-factor, rename or remove
// it, and use one at the second step of the login (/login/code) or to
// confirm a risky act (/bevestigen). navigator.credentials needs
// JavaScript: static/passkey.js asks the server for the options, lets the
// browser talk to the authenticator and puts its answer in the form's
// hidden field before the form is sent. Without JavaScript the field
// stays empty and the page says so; the app's codes keep working.

import (
	"net/http"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/textlimit"
)

// passkeyField is the hidden field that carries an authenticator's answer.
const passkeyField = "passkey"

// errNoScript answers a passkey form sent without an authenticator's answer.
var errNoScript = &schakel.Error{Code: schakel.EINVALID, Message: "Uw browser stuurde geen passkey mee.", Fields: []schakel.FieldError{{
	Field: "credential", Code: "credential_required",
	Message: "Voor een passkey moet JavaScript aan staan in uw browser. Zet het aan en probeer het opnieuw, of gebruik de code uit uw app of een herstelcode."}}}

func (s *Server) postFactorPasskey(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
		s.pageError(w, r, err)
		return
	}
	answer := r.PostForm.Get(passkeyField)
	if answer == "" {
		s.renderFactors(w, r, http.StatusUnprocessableEntity, errNoScript)
		return
	}
	rp, rpErr := s.passkeyRP(r)
	out, err := s.app.FinishPasskey(r.Context(), actor(r), credentialOf(r), rpErr, rp, app.PasskeyEnrolment{
		Name: r.PostForm.Get("name"), Password: r.PostForm.Get("password"), Answer: []byte(answer)})
	switch {
	case schakel.ErrorCode(err) == schakel.EINVALID || schakel.ErrorCode(err) == schakel.ECONFLICT:
		s.renderFactors(w, r, http.StatusUnprocessableEntity, err)
	case schakel.ErrorCode(err) == schakel.ESTEPUP:
		http.Redirect(w, r, "/bevestigen?terug=/tweede-factor", http.StatusSeeOther)
	case err != nil:
		s.pageError(w, r, err)
	case len(out.RecoveryCodes) > 0:
		s.render(w, r, http.StatusOK, "recovery_codes.html", map[string]any{"Codes": out.RecoveryCodes, "Next": "/tweede-factor?ok=passkey", "First": true})
	default:
		http.Redirect(w, r, "/tweede-factor?ok=passkey", http.StatusSeeOther)
	}
}

func (s *Server) postRenamePasskey(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = s.app.RenamePasskey(r.Context(), actor(r), id, r.PostForm.Get("name"))
	}
	if schakel.ErrorCode(err) == schakel.EINVALID {
		s.renderFactors(w, r, http.StatusUnprocessableEntity, err)
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/tweede-factor?ok=naam", http.StatusSeeOther)
}

func (s *Server) postRemovePasskey(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a := actor(r)
	err = s.app.RemovePasskey(r.Context(), a, app.RemovePasskeyRequest{ProfessionalID: a.Professional.ID, PasskeyID: id,
		Password: r.PostForm.Get("password"), RecoveryCode: r.PostForm.Get("recovery_code")})
	switch {
	case schakel.ErrorCode(err) == schakel.EINVALID:
		s.renderFactors(w, r, http.StatusUnprocessableEntity, err)
	case schakel.ErrorCode(err) == schakel.ESTEPUP:
		s.askStepUp(w, r)
	case err != nil:
		s.pageError(w, r, err)
	default:
		http.Redirect(w, r, "/tweede-factor?ok=passkey-verwijderd", http.StatusSeeOther)
	}
}

// postLoginPasskeyBegin answers the options for a waiting login's passkey
// (JSON, for static/passkey.js); the login's cookie names it.
func (s *Server) postLoginPasskeyBegin(w http.ResponseWriter, r *http.Request) (any, error) {
	c, err := r.Cookie(challengeCookie)
	if err != nil || c.Value == "" {
		return nil, errChallengeGone
	}
	rp, rpErr := s.passkeyRP(r)
	return s.app.BeginPasskeyLogin(r.Context(), c.Value, rpErr, rp)
}

// loginWithPasskey completes a waiting login with a passkey's answer.
func (s *Server) loginWithPasskey(r *http.Request, challenge, answer string) (string, error) {
	rp, rpErr := s.passkeyRP(r)
	return s.app.CompletePasskeyLogin(r.Context(), app.PasskeyAttempt{Challenge: challenge, Answer: []byte(answer),
		ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)}, rpErr, rp)
}

// postLoginEnrolPasskeyBegin answers the options for enrolling a passkey
// at a login that must set up a second factor (JSON, for the script).
func (s *Server) postLoginEnrolPasskeyBegin(w http.ResponseWriter, r *http.Request) (any, error) {
	c, err := r.Cookie(challengeCookie)
	if err != nil || c.Value == "" {
		return nil, errChallengeGone
	}
	rp, rpErr := s.passkeyRP(r)
	return s.app.BeginPasskeyAtLogin(r.Context(), c.Value, rpErr, rp)
}

// enrolPasskeyAtLogin completes such a login with a new passkey.
func (s *Server) enrolPasskeyAtLogin(r *http.Request, challenge string) (string, []string, error) {
	answer := r.PostForm.Get(passkeyField)
	if answer == "" {
		return "", nil, errNoScript
	}
	rp, rpErr := s.passkeyRP(r)
	return s.app.EnrolPasskeyAtLogin(r.Context(), app.PasskeyAttempt{Challenge: challenge, Answer: []byte(answer),
		ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)}, r.PostForm.Get("name"), rpErr, rp)
}
