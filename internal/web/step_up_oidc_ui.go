package web

// Step-up for someone who logs in through their organisation's provider:
// Schakel asks the provider to authenticate them again (max_age=0,
// prompt=login), and the callback marks their session as proven again,
// when the provider says it authenticated them just now and it is the
// session's own professional.

import (
	"errors"
	"net/http"
	"strings"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/oidclogin"
	"schakel/internal/sso"
	"schakel/internal/storage"
)

// problemNotFresh: the provider did not authenticate the user anew, or
// authenticated someone else.
var problemNotFresh = loginProblemPage{Status: http.StatusForbidden, Title: "Bevestigen is niet gelukt",
	Message: "De inlogdienst van uw organisatie heeft niet opnieuw gecontroleerd dat u het bent, of u logde in als iemand anders.",
	Advice:  "Ga terug en probeer het opnieuw. Log bij de inlogdienst in met uw eigen account. Wij hebben deze poging vastgelegd."}

// postStepUpProvider sends someone who logged in through their
// organisation's provider there again, to come back to terug.
func (s *Server) postStepUpProvider(w http.ResponseWriter, r *http.Request) {
	cred := credentialOf(r)
	providerID, err := s.app.SessionIdentityProvider(r.Context(), cred.Hash)
	if err == nil && (providerID == 0 || cred.Token) {
		err = schakel.Errorf(schakel.ECONFLICT, "U logt niet in via een inlogdienst van uw organisatie. Bevestig met een code uit uw app.")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	prov, err := s.app.IdentityProviderByID(r.Context(), providerID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	start, err := s.oidc.Begin(r.Context(), prov, s.publicURL(r)+oidcCallback, actor(r).Professional.Email, true)
	if err != nil {
		s.oidcFailed(w, r, prov.ID, err)
		return
	}
	flow := storage.OIDCFlow{StateHash: auth.HashSecret(start.State), NonceHash: auth.HashSecret(start.Nonce), ProviderID: prov.ID,
		Next: localPath(r.URL.Query().Get("terug")), StepUpSession: cred.Hash}
	if err := s.app.StartOIDCFlow(r.Context(), flow, oidcFlowTTL); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: start.State + "." + start.Verifier, Path: oidcCallback, HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(oidcFlowTTL.Seconds())})
	s.redirectOut(w, r, start.URL, "Naar de inlogdienst van uw organisatie", "Log bij de inlogdienst van uw organisatie nog een keer in. Daarna komt u terug in Schakel.",
		"Ga verder naar de inlogdienst")
}

// oidcStepUp finishes a step-up at the provider: the ID token must say the
// user authenticated after Schakel asked, and be the session's own.
func (s *Server) oidcStepUp(w http.ResponseWriter, r *http.Request, prov schakel.IdentityProvider, id oidclogin.Identity, flow storage.OIDCFlow) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || auth.HashSecret(c.Value) != flow.StepUpSession {
		s.oidcRefused(w, r, prov.ID, "step-up for a session this browser does not hold", problemExpired)
		return
	}
	if !sso.FreshAuthentication(id.AuthTime, flow.StartedAt) {
		s.oidcRefused(w, r, prov.ID, "step-up without a fresh authentication (auth_time)", problemNotFresh)
		return
	}
	err = s.app.StepUpAtProvider(r.Context(), s.anonymous(r), storage.ProviderStepUp{SessionHash: flow.StepUpSession, ProviderID: prov.ID,
		Subject: id.Subject, ACR: id.ACR, AMR: strings.Join(id.AMR, " ")})
	switch {
	case errors.Is(err, storage.ErrNotSessionOwner):
		s.loginProblem(w, r, problemNotFresh)
	case err != nil:
		s.pageError(w, r, err)
	default:
		http.Redirect(w, r, unescapeNext(flow.Next), http.StatusSeeOther)
	}
}
