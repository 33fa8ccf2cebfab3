package oidclogin

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/sso"
)

// Failure is a login at a provider that did not succeed. Unavailable says
// that the provider could not be reached, answered too slowly or with a
// server error (try again later); otherwise the provider or Schakel refused
// what came back. Reason is English, for the audit trail and the log.
type Failure struct {
	Unavailable bool
	Reason      string
	Err         error
}

func (f *Failure) Error() string { return fmt.Sprintf("oidc: %s: %v", f.Reason, f.Err) }
func (f *Failure) Unwrap() error { return f.Err }

func refused(reason string, err error) *Failure { return &Failure{Reason: reason, Err: err} }

// unreachable classifies a transport error: timeouts and refused
// connections mean the provider is down or slow.
func unreachable(reason string, err error) *Failure {
	var ne net.Error
	var re *oauth2.RetrieveError
	switch {
	case errors.As(err, &re):
		// The provider answered: a 4xx is a refusal (a used or unknown
		// code, a wrong client secret), a 5xx is the provider failing.
		return &Failure{Unavailable: re.Response != nil && re.Response.StatusCode >= 500, Reason: reason, Err: err}
	case errors.As(err, &ne), errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return &Failure{Unavailable: true, Reason: reason, Err: err}
	}
	// Discovery that answers with an error status or no document is the
	// provider being unavailable as far as a user can tell.
	return &Failure{Unavailable: true, Reason: reason, Err: err}
}

// Client talks to the organisations' providers: discovery documents are
// kept for CacheFor, signing keys are fetched again whenever a token names
// a key that is not known yet (key rotation). Safe for concurrent use.
type Client struct {
	http     *http.Client
	now      func() time.Time
	cacheFor time.Duration

	mu    sync.Mutex
	cache map[string]discovered
}

type discovered struct {
	provider   *oidc.Provider
	endSession string
	at         time.Time
}

// NewClient returns a client whose every request to a provider ends after
// timeout. now is the clock ID tokens are checked against.
func NewClient(timeout time.Duration, now func() time.Time) *Client {
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	return &Client{http: &http.Client{Timeout: timeout}, now: now, cacheFor: time.Hour, cache: map[string]discovered{}}
}

func (c *Client) context(ctx context.Context) context.Context {
	ctx = oidc.ClientContext(ctx, c.http)
	return context.WithValue(ctx, oauth2.HTTPClient, c.http)
}

// discover returns the provider's discovery document, from the cache while
// it is fresh. go-oidc checks that the document names the same issuer.
func (c *Client) discover(ctx context.Context, issuer string) (discovered, error) {
	c.mu.Lock()
	d, ok := c.cache[issuer]
	c.mu.Unlock()
	if ok && c.now().Sub(d.at) < c.cacheFor {
		return d, nil
	}
	ctx, cancel := context.WithTimeout(c.context(ctx), c.http.Timeout)
	defer cancel()
	p, err := oidc.NewProvider(ctx, issuer)
	if err != nil {
		return discovered{}, unreachable("discovery failed", err)
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := p.Claims(&meta); err != nil {
		return discovered{}, unreachable("discovery document unreadable", err)
	}
	d = discovered{provider: p, endSession: meta.EndSession, at: c.now()}
	c.mu.Lock()
	c.cache[issuer] = d
	c.mu.Unlock()
	return d, nil
}

func oauthConfig(d discovered, p schakel.IdentityProvider, secret, redirectURL string) *oauth2.Config {
	return &oauth2.Config{ClientID: p.ClientID, ClientSecret: secret, Endpoint: d.provider.Endpoint(),
		RedirectURL: redirectURL, Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
}

// Start is a login begun at a provider: the browser goes to URL; State,
// Nonce and Verifier (PKCE) come back at the callback.
type Start struct {
	URL      string
	State    string
	Nonce    string
	Verifier string
}

// Begin prepares the authorization request: fresh state, nonce and PKCE
// verifier (S256), and the address at the provider to send the browser to.
// fresh asks the provider to authenticate the user again even when it
// still knows them (max_age=0, prompt=login): a step-up before a risky act.
func (c *Client) Begin(ctx context.Context, p schakel.IdentityProvider, redirectURL, loginHint string, fresh bool) (Start, error) {
	d, err := c.discover(ctx, p.Issuer)
	if err != nil {
		return Start{}, err
	}
	var s Start
	if s.State, err = auth.NewSecret(""); err != nil {
		return Start{}, err
	}
	if s.Nonce, err = auth.NewSecret(""); err != nil {
		return Start{}, err
	}
	s.Verifier = oauth2.GenerateVerifier()
	opts := []oauth2.AuthCodeOption{oidc.Nonce(s.Nonce), oauth2.S256ChallengeOption(s.Verifier)}
	if loginHint != "" {
		opts = append(opts, oauth2.SetAuthURLParam("login_hint", loginHint))
	}
	if fresh {
		opts = append(opts, oauth2.SetAuthURLParam("max_age", "0"), oauth2.SetAuthURLParam("prompt", "login"))
	}
	s.URL = oauthConfig(d, p, "", redirectURL).AuthCodeURL(s.State, opts...)
	return s, nil
}

// Identity is who the provider says logged in.
type Identity struct {
	Subject  string
	Claim    string // the value of the provider's configured claim
	AuthTime time.Time
	ACR      string
	AMR      []string
}

// Finish exchanges the code (with the PKCE verifier), verifies the ID
// token (signature with the provider's current keys, issuer, audience,
// authorized party, expiry, and the nonce against nonceHash) and reads the
// configured claim, from the ID token or else from the userinfo endpoint.
func (c *Client) Finish(ctx context.Context, p schakel.IdentityProvider, secret, redirectURL, code, verifier, nonceHash string) (Identity, error) {
	d, err := c.discover(ctx, p.Issuer)
	if err != nil {
		return Identity{}, err
	}
	ctx, cancel := context.WithTimeout(c.context(ctx), c.http.Timeout)
	defer cancel()
	tok, err := oauthConfig(d, p, secret, redirectURL).Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return Identity{}, unreachable("code exchange failed", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return Identity{}, refused("token response without id_token", errors.New("no id_token"))
	}
	idt, err := d.provider.Verifier(&oidc.Config{ClientID: p.ClientID, Now: c.now}).Verify(ctx, raw)
	if err != nil {
		var expired *oidc.TokenExpiredError
		if errors.As(err, &expired) {
			return Identity{}, refused("id token expired", err)
		}
		return Identity{}, refused("id token invalid", err)
	}
	claims := map[string]any{}
	if err := idt.Claims(&claims); err != nil {
		return Identity{}, refused("id token claims unreadable", err)
	}
	if err := checkBinding(claims, idt, p.ClientID, nonceHash); err != nil {
		return Identity{}, err
	}
	id := Identity{Subject: idt.Subject, ACR: stringClaim(claims, "acr"), AMR: stringsClaim(claims, "amr")}
	if at, ok := claims["auth_time"].(float64); ok {
		id.AuthTime = time.Unix(int64(at), 0).UTC()
	}
	if id.Claim, err = c.claim(ctx, d, tok, idt.Subject, claims, p); err != nil {
		return Identity{}, err
	}
	return id, nil
}

// checkBinding ties the token to this login: the nonce sent in Begin, and,
// when the token names several audiences, Schakel as the authorized party.
func checkBinding(claims map[string]any, idt *oidc.IDToken, clientID, nonceHash string) error {
	if idt.Nonce == "" || auth.HashSecret(idt.Nonce) != nonceHash {
		return refused("nonce mismatch", errors.New("the id token's nonce is not this login's"))
	}
	if len(idt.Audience) > 1 && stringClaim(claims, "azp") != clientID {
		return refused("id token for another party", fmt.Errorf("azp %q", stringClaim(claims, "azp")))
	}
	if idt.Subject == "" {
		return refused("id token without subject", errors.New("empty sub"))
	}
	return nil
}

// claim reads the configured claim from the ID token's claims, or from the
// userinfo endpoint when the token lacks it (some providers keep e-mail
// and employee number there). An e-mail address the provider marks as
// unverified is not used.
func (c *Client) claim(ctx context.Context, d discovered, tok *oauth2.Token, subject string, claims map[string]any, p schakel.IdentityProvider) (string, error) {
	v, ok := sso.ClaimValue(claims, p.Claim)
	if !ok && d.provider.UserInfoEndpoint() != "" {
		info, err := d.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		if err != nil {
			return "", unreachable("userinfo failed", err)
		}
		if info.Subject != subject {
			return "", refused("userinfo for another subject", fmt.Errorf("userinfo sub differs from id token sub"))
		}
		claims = map[string]any{}
		if err := info.Claims(&claims); err != nil {
			return "", refused("userinfo unreadable", err)
		}
		v, ok = sso.ClaimValue(claims, p.Claim)
	}
	if !ok {
		return "", refused("claim "+p.Claim+" missing", errors.New("the configured claim is not in the id token or userinfo"))
	}
	if verified, present := claims["email_verified"].(bool); p.Claim == "email" && present && !verified {
		return "", refused("email not verified by provider", errors.New("email_verified is false"))
	}
	return v, nil
}

// EndSessionURL returns the provider's logout address for RP-initiated
// logout, or "" when its discovery document lists none (or it cannot be
// reached now: the Schakel session ends regardless).
func (c *Client) EndSessionURL(ctx context.Context, p schakel.IdentityProvider, postLogoutRedirect string) string {
	d, err := c.discover(ctx, p.Issuer)
	if err != nil || d.endSession == "" {
		return ""
	}
	u, err := url.Parse(d.endSession)
	if err != nil || (u.Scheme != "https" && !(u.Scheme == "http" && sso.IsLoopback(u.Hostname()))) {
		return ""
	}
	q := u.Query()
	q.Set("client_id", p.ClientID)
	q.Set("post_logout_redirect_uri", postLogoutRedirect)
	u.RawQuery = q.Encode()
	return u.String()
}

func stringClaim(claims map[string]any, name string) string {
	s, _ := claims[name].(string)
	return s
}

func stringsClaim(claims map[string]any, name string) []string {
	list, _ := claims[name].([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return slices.Clip(out)
}
