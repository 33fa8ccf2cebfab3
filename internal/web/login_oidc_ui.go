package web

// Single sign-on per organisation (OpenID Connect): the e-mail-first step
// of the login page, the way to the organisation's identity provider and
// back, and the pages for what can go wrong on the way. The provider
// conversation itself is internal/oidclogin; who the identity is, storage.

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/oidclogin"
	"schakel/internal/sso"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

const (
	// oidcCookie carries the state and the PKCE verifier of a login in
	// progress, so that only the browser that began it can finish it.
	oidcCookie   = "schakel_oidc"
	oidcCallback = "/login/oidc/callback"
	oidcFlowTTL  = 10 * time.Minute
)

// emailFirst reports whether the login page asks for the e-mail address
// first: only when some organisation logs in through its own provider.
func (s *Server) emailFirst(r *http.Request) bool {
	has, err := s.app.HasIdentityProviders(r.Context())
	if err != nil {
		s.log.Error("identity providers", "err", err)
		return false
	}
	return has
}

// errUseProvider refuses a password for an address whose organisation logs
// in through its own provider: that provider decides who still works
// there. (An administrator with an address outside the routed domains
// keeps a password, to repair the setup when the provider fails.)
var errUseProvider = schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw organisatie logt in via de eigen inlogdienst, niet met een wachtwoord voor Schakel. Vul op de inlogpagina alleen uw e-mailadres in.")

// routedToProvider reports whether an e-mail address belongs to a domain
// that logs in through an organisation's own provider.
func (s *Server) routedToProvider(r *http.Request, email string) (bool, error) {
	domain := sso.EmailDomain(email)
	if domain == "" {
		return false, nil
	}
	_, err := s.app.IdentityProviderForDomain(r.Context(), domain)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return false, nil
	}
	return err == nil, err
}

// publicURL is the address this request reached Schakel at.
func (s *Server) publicURL(r *http.Request) string {
	if s.cfg.PublicURL != "" {
		return strings.TrimSuffix(s.cfg.PublicURL, "/")
	}
	scheme := "http"
	if r.TLS != nil || s.cfg.SecureCookies || (s.cfg.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// postLoginStart is the e-mail-first step: an address whose domain
// belongs to an organisation with its own provider goes there; any other
// gets the password form.
func (s *Server) postLoginStart(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, formError(err, 64<<10))
		return
	}
	textErr := cleanForm(r.PostForm)
	email, next := strings.TrimSpace(r.PostForm.Get("email")), r.PostForm.Get("next")
	domain := sso.EmailDomain(email)
	if textErr != nil || domain == "" || textlimit.Over(email, textlimit.Email) {
		s.render(w, r, http.StatusUnprocessableEntity, "login.html", map[string]any{"Next": next, "EmailFirst": true, "Email": email,
			"EmailError": "Vul uw e-mailadres in, bijvoorbeeld naam@organisatie.nl."})
		return
	}
	prov, err := s.app.IdentityProviderForDomain(r.Context(), domain)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		s.render(w, r, http.StatusOK, "login.html", map[string]any{"Next": next, "Email": email, "PasswordStep": true})
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	start, err := s.oidc.Begin(r.Context(), prov, s.publicURL(r)+oidcCallback, email, false)
	if err != nil {
		s.oidcFailed(w, r, prov.ID, err)
		return
	}
	flow := storage.OIDCFlow{StateHash: auth.HashSecret(start.State), NonceHash: auth.HashSecret(start.Nonce), ProviderID: prov.ID, Next: localPath(next)}
	if err := s.app.StartOIDCFlow(r.Context(), flow, oidcFlowTTL); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: start.State + "." + start.Verifier, Path: oidcCallback, HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(oidcFlowTTL.Seconds())})
	s.redirectOut(w, r, start.URL, "Naar de inlogdienst van uw organisatie", "U logt in bij de inlogdienst van uw organisatie. Daarna komt u terug in Schakel.",
		"Ga verder naar de inlogdienst")
}

// handleOIDCCallback finishes a login at a provider: the state must be
// this browser's and unused, the code is exchanged with the verifier, the
// ID token verified, and the identity must belong to a professional.
func (s *Server) handleOIDCCallback(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: "", Path: oidcCallback, HttpOnly: true, Secure: s.cfg.SecureCookies,
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
	q := r.URL.Query()
	state := q.Get("state")
	c, err := r.Cookie(oidcCookie)
	var mine, verifier string
	if err == nil {
		mine, verifier, _ = strings.Cut(c.Value, ".")
	}
	if state == "" || subtle.ConstantTimeCompare([]byte(mine), []byte(state)) != 1 {
		s.oidcRefused(w, r, s.dropFlows(r, mine, state), "state missing or not this browser's", problemExpired)
		return
	}
	flow, err := s.app.TakeOIDCFlow(r.Context(), auth.HashSecret(state))
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		s.oidcRefused(w, r, 0, "state unknown, used or expired", problemExpired)
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	if e := q.Get("error"); e != "" {
		s.oidcRefused(w, r, flow.ProviderID, "provider answered "+textlimit.Cut(e, 60), problemCancelled)
		return
	}
	prov, err := s.app.IdentityProviderByID(r.Context(), flow.ProviderID)
	if err != nil {
		s.oidcRefused(w, r, 0, "provider removed during login", problemExpired)
		return
	}
	secret, err := s.cfg.OIDCSecrets.Resolve(prov.SecretRef)
	if err != nil {
		s.log.Error("oidc client secret", "provider", prov.ID, "err", err)
		s.oidcRefused(w, r, prov.ID, "client secret not available", problemSetup)
		return
	}
	id, err := s.oidc.Finish(r.Context(), prov, secret, s.publicURL(r)+oidcCallback, q.Get("code"), verifier, flow.NonceHash)
	if err != nil {
		s.oidcFailed(w, r, prov.ID, err)
		return
	}
	if flow.StepUpSession != "" {
		s.oidcStepUp(w, r, prov, id, flow)
		return
	}
	s.oidcSession(w, r, prov, id, flow.Next)
}

// dropFlows ends the flows a mismatched callback names (the browser's own
// and the one in the address: either may be an attacker's), and returns
// the provider of one of them, so that the refusal is recorded for the
// organisation it concerns.
func (s *Server) dropFlows(r *http.Request, states ...string) int64 {
	var provider int64
	for _, st := range states {
		if st == "" {
			continue
		}
		if f, err := s.app.TakeOIDCFlow(r.Context(), auth.HashSecret(st)); err == nil {
			provider = f.ProviderID
		}
	}
	return provider
}

// oidcSession opens the session of a verified identity.
func (s *Server) oidcSession(w http.ResponseWriter, r *http.Request, prov schakel.IdentityProvider, id oidclogin.Identity, next string) {
	secret, err := auth.NewSecret("")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in := storage.OIDCLogin{ProviderID: prov.ID, Subject: id.Subject, Claim: id.Claim, SessionHash: auth.HashSecret(secret), MaxAge: s.cfg.SessionMaxAge,
		AuthTime: id.AuthTime, ACR: id.ACR, AMR: strings.Join(id.AMR, " ")}
	_, err = s.app.LoginWithIdentity(r.Context(), s.anonymous(r), in)
	switch {
	case errors.Is(err, app.ErrUnknownIdentity):
		s.loginProblem(w, r, problemUnknown)
	case errors.Is(err, app.ErrIdentityTaken):
		s.loginProblem(w, r, problemTaken)
	case errors.Is(err, app.ErrAccountDisabled):
		s.loginProblem(w, r, problemDisabled)
	case errors.Is(err, app.ErrAccountSuspended):
		s.loginProblem(w, r, problemSuspended)
	case err != nil:
		s.pageError(w, r, err)
	default:
		s.setSessionCookie(w, secret)
		http.Redirect(w, r, unescapeNext(next), http.StatusSeeOther)
	}
}

// anonymous is the not yet logged-in visitor, for the audit trail.
func (s *Server) anonymous(r *http.Request) *schakel.Actor {
	return &schakel.Actor{ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)}
}

// oidcFailed audits a failure of the provider conversation and shows
// whether to try again later or to ask the administrator.
func (s *Server) oidcFailed(w http.ResponseWriter, r *http.Request, providerID int64, err error) {
	var f *oidclogin.Failure
	if !errors.As(err, &f) {
		s.pageError(w, r, err)
		return
	}
	s.log.Warn("oidc login failed", "provider", providerID, "reason", f.Reason, "err", f.Err)
	p := problemRefused
	if f.Unavailable {
		p = problemUnavailable
	}
	s.oidcRefused(w, r, providerID, f.Reason, p)
}

// oidcRefused audits a refused login (method oidc) and shows its page.
func (s *Server) oidcRefused(w http.ResponseWriter, r *http.Request, providerID int64, reason string, p loginProblemPage) {
	if err := s.app.RecordOIDCFailure(r.Context(), s.anonymous(r), providerID, reason); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.loginProblem(w, r, p)
}

// afterLogout is where the browser goes after logging out: for a session
// that began at a provider whose discovery lists an end_session_endpoint,
// there (RP-initiated logout), which sends it back to fallback.
func (s *Server) afterLogout(r *http.Request, providerID int64, fallback string) string {
	if providerID == 0 {
		return fallback
	}
	prov, err := s.app.IdentityProviderByID(r.Context(), providerID)
	if err != nil {
		return fallback
	}
	if u := s.oidc.EndSessionURL(r.Context(), prov, s.publicURL(r)+fallback); u != "" {
		return u
	}
	return fallback
}

// logoutAtProvider continues a logout at the provider where the session
// began.
func (s *Server) logoutAtProvider(w http.ResponseWriter, r *http.Request, target string) {
	s.redirectOut(w, r, target, "U bent uitgelogd bij Schakel", "U gaat nu naar de inlogdienst van uw organisatie om ook daar uit te loggen.",
		"Ga verder naar de inlogdienst")
}
