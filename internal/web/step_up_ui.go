package web

// The confirm page (/bevestigen): before a risky act the user types a code
// of the app or a recovery code, and goes back to where they were; a form
// they posted is sent again (307 keeps its method and body). Someone
// without an app is told to set one up first; someone who logs in through
// the organisation's provider logs in there again (step_up_oidc_ui.go).

import (
	"net/http"
	"net/url"

	"schakel"
)

// stepUpField prefixes the confirm page's own fields, so that they are
// never mistaken for the fields of a form it carries.
const (
	stepUpField = "stap_"
	stepUpCode  = stepUpField + "code"
	stepUpPost  = stepUpField + "post" // "1": the carried fields are a POST to send again
	// stepUpPasskey carries a passkey's answer (static/passkey.js fills it).
	stepUpPasskey = stepUpField + "passkey"
)

// stepUpPageData is what the confirm page shows.
type stepUpPageData struct {
	Back   string     // where to go once confirmed
	Carry  url.Values // a posted form to send again to Back
	Cancel string     // where to go without confirming
}

func (s *Server) pageStepUp(w http.ResponseWriter, r *http.Request) {
	s.renderStepUp(w, r, http.StatusOK, stepUpPageData{Back: localPath(r.URL.Query().Get("terug")), Cancel: "/"}, nil)
}

func (s *Server) postStepUp(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
		s.pageError(w, r, err)
		return
	}
	d := stepUpPageData{Back: localPath(r.URL.Query().Get("terug")), Cancel: localPath(r.PostForm.Get(stepUpField + "annuleren"))}
	if r.PostForm.Get(stepUpPost) == "1" {
		d.Carry = url.Values{}
		for k, v := range r.PostForm {
			if len(k) < len(stepUpField) || k[:len(stepUpField)] != stepUpField {
				d.Carry[k] = v
			}
		}
	}
	var err error
	if _, withPasskey := r.PostForm[stepUpPasskey]; withPasskey {
		err = errNoScript
		if answer := r.PostForm.Get(stepUpPasskey); answer != "" {
			rp, rpErr := s.passkeyRP(r)
			_, err = s.app.StepUpPasskey(r.Context(), actor(r), credentialOf(r), rpErr, rp, []byte(answer))
		}
	} else {
		_, err = s.app.StepUp(r.Context(), actor(r), credentialOf(r), r.PostForm.Get(stepUpCode))
	}
	switch {
	case schakel.ErrorCode(err) == schakel.ECONFLICT:
		s.renderStepUp(w, r, http.StatusConflict, d, err)
	case schakel.ErrorCode(err) == schakel.EINVALID:
		s.renderStepUp(w, r, http.StatusUnprocessableEntity, d, err)
	case schakel.ErrorCode(err) == schakel.EUNAUTHENTICATED:
		s.clearSessionCookie(w)
		s.render(w, r, http.StatusUnauthorized, "login.html", map[string]any{"Next": d.Cancel, "Error": schakel.ErrorMessage(err)})
	case err != nil:
		s.pageError(w, r, err)
	case d.Carry != nil:
		// 307 sends the form again, with its method and body.
		http.Redirect(w, r, d.Back, http.StatusTemporaryRedirect)
	default:
		http.Redirect(w, r, d.Back, http.StatusSeeOther)
	}
}

// renderStepUp shows the confirm page: the code field, or the way to set
// up an app first, or the way to the organisation's provider.
func (s *Server) renderStepUp(w http.ResponseWriter, r *http.Request, status int, d stepUpPageData, formErr error) {
	st, err := s.app.SecondFactors(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	// Without the form, setting up an app brings the user back to the
	// page the form was on.
	afterSetup := d.Back
	if d.Carry != nil {
		afterSetup = d.Cancel
	}
	data := map[string]any{"Back": d.Back, "Carry": d.Carry, "Cancel": d.Cancel, "HasApp": st.App, "AfterSetup": afterSetup,
		"HasPasskey": len(st.Passkeys) > 0, "Provider": actor(r).Login.Method == schakel.LoginOIDC}
	if formErr != nil {
		data["Error"] = schakel.ErrorMessage(formErr)
		for _, f := range schakel.FieldErrors(formErr) {
			if f.Field == "credential" {
				data["Error"] = f.Message
			} else {
				data["CodeError"] = f.Message
			}
		}
	}
	s.render(w, r, status, "step_up.html", data)
}
