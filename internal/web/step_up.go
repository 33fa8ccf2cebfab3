package web

// Step-up for the riskiest acts: the guard around their routes, and the
// credential a request came with. The rule is access.NeedsStepUp, the
// use cases internal/app's (GuardStepUp, StepUp); the confirm page is
// step_up_ui.go, the API's answer step_up_api.go.

import (
	"net/http"
	"net/url"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/auth"
	"schakel/internal/storage"
)

// credentialOf names the session or API token the request came with.
func credentialOf(r *http.Request) storage.Credential {
	if h := r.Header.Get("Authorization"); h != "" {
		_, tok, _ := strings.Cut(h, " ")
		return storage.Credential{Hash: auth.HashSecret(strings.TrimSpace(tok)), Token: true}
	}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		return storage.Credential{Hash: auth.HashSecret(c.Value)}
	}
	return storage.Credential{}
}

// steppedUp refuses act without a recent second factor (audited) and
// otherwise returns the request whose actor's audit entries record the
// strength of the login.
func (s *Server) steppedUp(r *http.Request, act access.RiskyAct) (*http.Request, error) {
	a := actor(r)
	if err := s.app.GuardStepUp(r.Context(), a, act, r.Method+" "+r.URL.Path); err != nil {
		return r, err
	}
	if a == nil {
		return r, nil
	}
	c := *a
	c.RiskyAct = string(act)
	return r.WithContext(schakel.NewContextWithActor(r.Context(), &c)), nil
}

// stepUpAPI guards a risky API route: 403 step_up_required until the
// session or token stepped up (POST /api/v1/session/step-up).
func (s *Server) stepUpAPI(act access.RiskyAct, fn apiFunc) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) (any, error) {
		r, err := s.steppedUp(r, act)
		if err != nil {
			return nil, err
		}
		return fn(w, r)
	}
}

// stepUpPage guards a risky screen: without a recent second factor the
// user confirms at /bevestigen and comes back; a posted form comes along.
func (s *Server) stepUpPage(act access.RiskyAct, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r2, err := s.steppedUp(r, act)
		if schakel.ErrorCode(err) == schakel.ESTEPUP {
			s.askStepUp(w, r)
			return
		} else if err != nil {
			s.pageError(w, r, err)
			return
		}
		h(w, r2)
	}
}

// stepUpAPIWhen guards an API route only when claims says the request does
// the risky act.
func (s *Server) stepUpAPIWhen(act access.RiskyAct, claims func(*http.Request) bool, fn apiFunc) apiFunc {
	guarded := s.stepUpAPI(act, fn)
	return func(w http.ResponseWriter, r *http.Request) (any, error) {
		if claims(r) {
			return guarded(w, r)
		}
		return fn(w, r)
	}
}

// claimsEmergency reports whether an API request claims emergency access
// (withEmergency reads the same header).
func claimsEmergency(r *http.Request) bool {
	return strings.TrimSpace(r.Header.Get(emergencyHeader)) != ""
}

// askStepUp sends a GET to the confirm page, which brings the user back;
// a POST gets the confirm page at once, carrying the posted form.
func (s *Server) askStepUp(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		http.Redirect(w, r, "/bevestigen?terug="+url.QueryEscape(localPath(r.URL.RequestURI())), http.StatusSeeOther)
		return
	}
	if err := parseForm(w, r); err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
		s.pageError(w, r, err)
		return
	}
	carry := url.Values{}
	for k, v := range r.PostForm {
		if !strings.HasPrefix(k, stepUpField) {
			carry[k] = v
		}
	}
	s.renderStepUp(w, r, http.StatusForbidden, stepUpPageData{Back: localPath(r.URL.RequestURI()), Carry: carry, Cancel: refererPath(r)}, nil)
}

// refererPath is the page a form was posted from, when it is on this
// site: where to go back to when the form cannot come along.
func refererPath(r *http.Request) string {
	u, err := url.Parse(r.Referer())
	if err != nil || u.Path == "" {
		return "/"
	}
	if u.Host != "" && u.Host != r.Host {
		return "/"
	}
	return localPath(u.RequestURI())
}
