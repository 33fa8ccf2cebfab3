package oidctest

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// substitution replaces the ID token of every token response with one the
// provider issues, with its own key, to another client for the same person
// and nonce: what a relying party receives when a token meant for another
// application is slipped in.
type substitution struct {
	clientID string
	audience []string
}

// SubstituteIDTokens makes the token endpoint answer with ID tokens issued
// to clientID (and also naming audience); "" stops it.
func (p *Provider) SubstituteIDTokens(clientID string, audience []string) {
	if clientID == "" {
		p.swap.Store(nil)
		return
	}
	p.swap.Store(&substitution{clientID: clientID, audience: audience})
}

func (p *Provider) substitute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sub := p.swap.Load()
		if sub == nil || r.URL.Path != p.op.TokenEndpoint().Relative() {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		var res map[string]any
		if rec.Code == http.StatusOK && json.Unmarshal(body, &res) == nil {
			if raw, ok := res["id_token"].(string); ok {
				if other, err := p.reissue(r, raw, sub); err == nil {
					res["id_token"] = other
					if b, err := json.Marshal(res); err == nil {
						body = b
					}
				}
			}
		}
		maps.Copy(w.Header(), rec.Header())
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		w.Write(bytes.Clone(body))
	})
}

// reissue reads the subject and nonce of the provider's own token (no
// check needed: it was made a moment ago) and has the op package make a
// token for the other client.
func (p *Provider) reissue(r *http.Request, raw string, sub *substitution) (string, error) {
	var claims oidc.IDTokenClaims
	if _, err := oidc.ParseToken(raw, &claims); err != nil {
		return "", err
	}
	req := &authRequest{AuthRequest: oidc.AuthRequest{ClientID: sub.clientID, Nonce: claims.Nonce, Scopes: []string{oidc.ScopeOpenID}},
		id: "reissued", subject: claims.Subject, audience: sub.audience, done: true, authTime: time.Now()}
	c := &client{id: sub.clientID, lifetime: &p.store.idTokenLifetime}
	return op.CreateIDToken(r.Context(), p.URL, req, time.Duration(p.store.idTokenLifetime.Load()), "", "", p.store, c)
}
