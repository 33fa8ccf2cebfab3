package web

// An organisation's own login (single sign-on): its administrator
// registers the OpenID Connect provider, where Schakel finds the client
// secret, the claim to match on and the e-mail domains that route to it.

import (
	"net/http"
	"strings"

	"schakel"
	"schakel/internal/sso"
)

const ssoAdminOnly = "Alleen een beheerder van de eigen organisatie stelt het inloggen via de organisatie in."

// secretKinds are where a client secret may be.
var secretKinds = []uiOption{
	{Value: "env", Label: "In een omgevingsvariabele van de server", Hint: "De naam begint met " + sso.EnvPrefix + ", bijvoorbeeld " + sso.EnvPrefix + "JB."},
	{Value: "file", Label: "In een bestand in de geheimenmap van de server", Hint: "Alleen de bestandsnaam, bijvoorbeeld jb-client-secret."},
}

var matchOptions = []uiOption{
	{Value: string(schakel.MatchEmail), Label: "Het e-mailadres"},
	{Value: string(schakel.MatchEmployeeNumber), Label: "Het personeelsnummer"},
}

// providerForm turns a stored provider into the values of the form.
func providerForm(p schakel.IdentityProvider) *pform {
	kind, name, _ := strings.Cut(p.SecretRef, ":")
	v := map[string][]string{"issuer": {p.Issuer}, "client_id": {p.ClientID}, "secret_kind": {kind}, "secret_name": {name},
		"claim": {p.Claim}, "match_on": {string(p.MatchOn)}, "domains": {strings.Join(p.Domains, "\n")}}
	return &pform{Name: "sso", Values: v}
}

// providerFromForm reads the posted form.
func providerFromForm(f *pform, orgID int64) schakel.IdentityProvider {
	v := f.Values
	return schakel.IdentityProvider{OrganisationID: orgID, Issuer: v.Get("issuer"), ClientID: v.Get("client_id"),
		SecretRef: v.Get("secret_kind") + ":" + strings.TrimSpace(v.Get("secret_name")), Claim: v.Get("claim"),
		MatchOn: schakel.IdentityMatch(v.Get("match_on")), Domains: sso.SplitDomains(v.Get("domains"))}
}

func (s *Server) identityProviderPage(w http.ResponseWriter, r *http.Request, status int, f *pform) {
	me := actor(r).Professional
	p, err := s.app.IdentityProviderOf(r.Context(), actor(r), me.Organisation.ID)
	exists := err == nil
	if err != nil && schakel.ErrorCode(err) != schakel.ENOTFOUND {
		s.pageError(w, r, err)
		return
	}
	if f == nil {
		f = &pform{} // a new registration: the defaults
		if exists {
			f = providerForm(p)
		}
	}
	secretFound := false
	if exists {
		_, serr := s.cfg.OIDCSecrets.Resolve(p.SecretRef)
		secretFound = serr == nil
	}
	required, err := s.app.SecondFactorRequiredOf(r.Context(), actor(r), me.Organisation.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	base := s.publicURL(r)
	s.render(w, r, status, "identity_provider.html", map[string]any{"Form": f, "Exists": exists, "Provider": p, "FactorRequired": required,
		"SecretFound": secretFound, "Callback": base + oidcCallback, "AfterLogout": base + "/login?uitgelogd=1",
		"SecretKinds": secretKinds, "MatchOptions": matchOptions, "Notice": notice(r)})
}

func (s *Server) pageIdentityProvider(w http.ResponseWriter, r *http.Request) {
	if err := s.requireRole(r, schakel.RoleAdmin, ssoAdminOnly); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.identityProviderPage(w, r, http.StatusOK, nil)
}

func (s *Server) postIdentityProvider(w http.ResponseWriter, r *http.Request) {
	err, fatal := textOrFatal(parseForm(w, r))
	if fatal != nil {
		s.pageError(w, r, fatal)
		return
	}
	f := &pform{Name: "sso", Values: r.PostForm}
	p := providerFromForm(f, actor(r).Professional.Organisation.ID)
	if err == nil {
		err = s.app.SetIdentityProvider(r.Context(), actor(r), &p)
	}
	switch code := schakel.ErrorCode(err); {
	case err == nil:
		http.Redirect(w, r, "/beheer/inloggen?ok=opgeslagen", http.StatusSeeOther)
	case code == schakel.EINVALID || code == schakel.ECONFLICT:
		for _, fe := range schakel.FieldErrors(err) {
			field := fe.Field
			if field == "secret_ref" {
				field = "secret_name"
			}
			f.add(field, "sso-"+fieldID(field), fe.Message)
		}
		if len(f.Summary) == 0 {
			f.Message = schakel.ErrorMessage(err)
		}
		s.identityProviderPage(w, r, StatusOf(err), f)
	default:
		s.pageError(w, r, err)
	}
}

func (s *Server) postRemoveIdentityProvider(w http.ResponseWriter, r *http.Request) {
	orgID := actor(r).Professional.Organisation.ID
	err := s.app.RemoveIdentityProvider(r.Context(), actor(r), orgID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/inloggen?ok=verwijderd", http.StatusSeeOther)
}
