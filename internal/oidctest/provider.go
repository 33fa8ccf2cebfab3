// Package oidctest runs a real OpenID Connect provider on loopback for
// tests: the op package of github.com/zitadel/oidc (an OpenID-certified
// implementation that Schakel does not write) over an in-memory store of
// clients and users, with switches for what can go wrong at a provider:
// rotated keys, tokens for another audience or already expired, a provider
// that is slow or down.
package oidctest

import (
	"crypto/sha256"
	"html/template"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// Provider is a running test provider. Its issuer is URL.
type Provider struct {
	URL   string
	store *store
	op    *op.Provider
	srv   *httptest.Server

	stalled  atomic.Bool
	swap     atomic.Pointer[substitution]
	closing  chan struct{}
	Requests atomic.Int64 // requests served, for tests that check nothing was asked
}

// Start runs a provider on 127.0.0.1 until the test ends.
func Start(t testing.TB) *Provider {
	t.Helper()
	p := &Provider{store: newStore(), closing: make(chan struct{})}
	p.srv = httptest.NewUnstartedServer(nil)
	p.URL = "http://" + p.srv.Listener.Addr().String()
	cfg := &op.Config{
		CryptoKey:                sha256.Sum256([]byte("oidctest access-token key")),
		DefaultLogoutRedirectURI: "/logged-out",
		CodeMethodS256:           true,
		AuthMethodPost:           true,
		SupportedUILocales:       []language.Tag{language.Dutch},
	}
	provider, err := op.NewProvider(cfg, p.store, op.StaticIssuer(p.URL), op.WithAllowInsecure(),
		op.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatalf("oidctest: new provider: %v", err)
	}
	p.op = provider
	mux := http.NewServeMux()
	interceptor := op.NewIssuerInterceptor(provider.IssuerFromRequest)
	mux.Handle("/login", interceptor.HandlerFunc(p.login))
	mux.HandleFunc("/logged-out", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("uitgelogd")) })
	mux.Handle("/", p.substitute(provider))
	p.srv.Config.Handler = p.gate(mux)
	p.srv.Start()
	t.Cleanup(func() {
		close(p.closing)
		p.srv.Close()
	})
	return p
}

// gate counts requests and, while the provider is stalled, holds every
// request until its client gives up (or the provider stops).
func (p *Provider) gate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.Requests.Add(1)
		if p.stalled.Load() {
			select {
			case <-r.Context().Done():
			case <-p.closing:
			}
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Stall makes the provider answer nothing until the client gives up (on),
// or answer normally again (off).
func (p *Provider) Stall(on bool) { p.stalled.Store(on) }

// AddClient registers a confidential web client (client_secret_basic or
// _post, PKCE S256) with its redirect and post-logout redirect addresses.
func (p *Provider) AddClient(id, secret string, redirectURIs, postLogoutURIs []string) {
	p.store.addClient(&client{id: id, secret: secret, redirects: redirectURIs, postLogout: postLogoutURIs, lifetime: &p.store.idTokenLifetime})
}

// User is an account at the provider. Claims are put in the ID token (and
// the userinfo answer); with UserinfoOnly, only in the userinfo answer.
type User struct {
	Subject      string
	Username     string
	Password     string
	Claims       map[string]any
	UserinfoOnly bool
}

// AddUser adds or replaces an account.
func (p *Provider) AddUser(u User) { p.store.addUser(u) }

// SetClock makes the provider say that people authenticated at now()
// (the auth_time claim), so that it keeps time with a test's clock.
func (p *Provider) SetClock(now func() time.Time) { p.store.now.Store(&now) }

// RotateKey makes a new signing key; the old one stays published until
// DropOldKeys, as a provider rotating its keys does.
func (p *Provider) RotateKey() { p.store.rotate() }

// DropOldKeys publishes only the current signing key.
func (p *Provider) DropOldKeys() { p.store.dropOld() }

// SetIDTokenLifetime sets how long ID tokens are valid; a negative value
// issues tokens that have already expired.
func (p *Provider) SetIDTokenLifetime(d time.Duration) { p.store.idTokenLifetime.Store(int64(d)) }

// EndedSessions counts RP-initiated logouts (end_session requests) per
// client.
func (p *Provider) EndedSessions(clientID string) int { return p.store.ended(clientID) }

var loginPage = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Inlogdienst (test)</title></head><body><main>
<h1>Inlogdienst van de organisatie (test)</h1>
{{if .Error}}<p role="alert">{{.Error}}</p>{{end}}
<form method="post" action="/login">
<input type="hidden" name="id" value="{{.ID}}">
<label for="username">Gebruikersnaam</label> <input id="username" name="username" autocomplete="username">
<label for="password">Wachtwoord</label> <input id="password" name="password" type="password">
<button type="submit">Inloggen bij de organisatie</button>
</form></main></body></html>`))

// login is the provider's own login screen: it authenticates a user for an
// authorization request and hands back to the op package, which issues the
// code and redirects to Schakel.
func (p *Provider) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	id := r.Form.Get("authRequestID")
	if r.Method == http.MethodPost {
		id = r.PostForm.Get("id")
		if err := p.store.authenticate(id, r.PostForm.Get("username"), r.PostForm.Get("password")); err != nil {
			w.WriteHeader(http.StatusUnauthorized)
			p.render(w, id, err.Error())
			return
		}
		http.Redirect(w, r, op.AuthCallbackURL(p.op)(r.Context(), id), http.StatusFound)
		return
	}
	p.render(w, id, "")
}

func (p *Provider) render(w http.ResponseWriter, id, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := loginPage.Execute(w, map[string]string{"ID": id, "Error": msg}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
