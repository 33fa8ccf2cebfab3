package web

// An expired session: log in again without losing the intake form. The
// form travels through the login page in a hidden field (the stash).

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// stash is what travels through the login page in a hidden field.
type stash struct {
	ConceptID int64         `json:"concept_id,omitempty"`
	Report    intake.Report `json:"report"`
}

const maxStash = storage.MaxDraftBytes

func encodeStash(st intakeState) string {
	rep, _, _ := st.report()
	b, err := json.Marshal(stash{ConceptID: st.ConceptID, Report: rep})
	if err != nil || len(b) > maxStash {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeStash(s string) (stash, bool) {
	var st stash
	if s == "" || len(s) > base64.RawURLEncoding.EncodedLen(maxStash) {
		return st, false
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &st) != nil {
		return st, false
	}
	return st, true
}

func (s *Server) renderRelogin(w http.ResponseWriter, r *http.Request, status int, st intakeState, email, errMsg string) {
	s.renderReloginStash(w, r, status, encodeStash(st), email, errMsg)
}

func (s *Server) renderReloginStash(w http.ResponseWriter, r *http.Request, status int, stashed, email, errMsg string) {
	s.render(w, r, status, "intake_relogin.html", map[string]any{"Stash": stashed, "Email": email, "Error": errMsg})
}

// reloginSecret logs in from the relogin form: with the password, or with
// the second factor (an app or recovery code, or a passkey) when the form
// carries one (the first post asked for it, keeping the stash). It
// returns "" when it answered the request itself (the second step, or the
// enrolment an organisation requires).
func (s *Server) reloginSecret(w http.ResponseWriter, r *http.Request, email, password string) (string, error) {
	_, withPasskey := r.PostForm[passkeyField]
	if code := r.PostForm.Get("code"); code != "" || withPasskey {
		c, err := r.Cookie(challengeCookie)
		if err != nil {
			return "", errChallengeGone
		}
		var secret string
		switch {
		case withPasskey && r.PostForm.Get(passkeyField) == "":
			err = errNoScript
		case withPasskey:
			secret, err = s.loginWithPasskey(r, c.Value, r.PostForm.Get(passkeyField))
		default:
			secret, err = s.app.CompleteLogin(r.Context(), s.codeAttempt(r, c.Value, code))
		}
		if err == app.ErrBadCode || err == app.ErrBadPasskey || err == errNoScript {
			s.renderReloginStep(w, r, StatusOf(err), c.Value, schakel.ErrorMessage(err))
			return "", nil
		}
		if err == nil {
			s.clearChallengeCookie(w)
		}
		return secret, err
	}
	res, err := s.login(r, email, password)
	if err != nil || res.Session != "" {
		return res.Session, err
	}
	s.setChallengeCookie(w, res.Challenge)
	if res.Enrol {
		http.Redirect(w, r, challengePage(res)+"?next=%2Fmeldingen%2Fnieuw", http.StatusSeeOther)
		return "", nil
	}
	s.renderReloginStep(w, r, http.StatusOK, res.Challenge, "")
	return "", nil
}

// renderReloginStep shows the second step of the relogin, keeping the
// stash, with the factors the waiting login has (a passkey, an app).
func (s *Server) renderReloginStep(w http.ResponseWriter, r *http.Request, status int, challenge, errMsg string) {
	data := map[string]any{"Stash": r.PostForm.Get("stash"), "CodeStep": true, "Error": errMsg, "App": true}
	if wl, err := s.app.WaitingLoginOf(r.Context(), challenge, s.clientAddr(r), ""); err == nil {
		data["App"], data["Passkey"] = wl.App, wl.Passkey
	}
	s.render(w, r, status, "intake_relogin.html", data)
}

// postIntakeRestore logs in and saves the carried form as a draft of the
// professional who logged in, then opens it.
func (s *Server) postIntakeRestore(w http.ResponseWriter, r *http.Request) {
	textErr, err := textOrFatal(parseForm(w, r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	email, password, raw := r.PostForm.Get("email"), r.PostForm.Get("password"), r.PostForm.Get("stash")
	if textErr != nil {
		s.renderReloginStash(w, r, http.StatusUnprocessableEntity, raw, email, unreadableLogin)
		return
	}
	secret, err := s.reloginSecret(w, r, email, password)
	if err != nil {
		if !loginAnswer(w, err) {
			s.pageError(w, r, err)
			return
		}
		s.renderReloginStash(w, r, StatusOf(err), raw, email, schakel.ErrorMessage(err))
		return
	}
	if secret == "" {
		return // the code step is on the screen, or enrolment is asked
	}
	s.setSessionCookie(w, secret)
	st, ok := decodeStash(raw)
	if !ok {
		http.Redirect(w, r, "/meldingen/nieuw", http.StatusSeeOther)
		return
	}
	p, err := s.app.SessionProfessional(r.Context(), auth.HashSecret(secret), s.cfg.IdleTimeout)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a := &schakel.Actor{Professional: &p, ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)}
	r = r.WithContext(schakel.NewContextWithActor(r.Context(), a))
	b, err := json.Marshal(st.Report)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d, err := s.app.SaveDraft(r.Context(), a, st.ConceptID, string(b))
	if schakel.ErrorCode(err) == schakel.ENOTFOUND && st.ConceptID != 0 {
		d, err = s.app.SaveDraft(r.Context(), a, 0, string(b))
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/meldingen/nieuw?concept=%d&hersteld=1", d.ID), http.StatusSeeOther)
}
