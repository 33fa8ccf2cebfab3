package oidclogin_test

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/oidclogin"
	"schakel/internal/oidctest"
)

const redirect = "http://127.0.0.1:9/login/oidc/callback"

type fixture struct {
	op     *oidctest.Provider
	client *oidclogin.Client
	p      schakel.IdentityProvider
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{op: oidctest.Start(t)}
	f.op.AddClient("schakel", "geheim", []string{redirect}, nil)
	f.op.AddUser(oidctest.User{Subject: "sub-1", Username: "erik", Password: "pw",
		Claims: map[string]any{"email": "Erik@JB.example", "email_verified": true, "employee_id": float64(4711)}})
	f.client = oidclogin.NewClient(2*time.Second, time.Now)
	f.p = schakel.IdentityProvider{Issuer: f.op.URL, ClientID: "schakel", Claim: "email"}
	return f
}

// login runs Begin, the provider's login and Finish; change may alter the
// code, verifier or nonce hash before Finish.
func (f *fixture) login(t *testing.T, change func(code, verifier, nonceHash *string)) (oidclogin.Identity, error) {
	t.Helper()
	ctx := context.Background()
	s, err := f.client.Begin(ctx, f.p, redirect, "erik@jb.example", false)
	if err != nil {
		t.Fatalf("begin: %v", err)
	}
	back, err := f.op.Authorize(s.URL, "erik", "pw")
	if err != nil {
		t.Fatalf("authorize: %v", err)
	}
	if got := back.Query().Get("state"); got != s.State {
		t.Fatalf("state %q came back as %q", s.State, got)
	}
	code, verifier, nonceHash := back.Query().Get("code"), s.Verifier, auth.HashSecret(s.Nonce)
	if change != nil {
		change(&code, &verifier, &nonceHash)
	}
	return f.client.Finish(ctx, f.p, "geheim", redirect, code, verifier, nonceHash)
}

func TestFlowAgainstProvider(t *testing.T) {
	f := newFixture(t)
	id, err := f.login(t, nil)
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	if id.Subject != "sub-1" || id.Claim != "Erik@JB.example" || id.AuthTime.IsZero() || len(id.AMR) == 0 {
		t.Fatalf("identity %+v", id)
	}
	// A numeric claim (employee number) reads as its decimal text.
	f.p.Claim = "employee_id"
	if id, err = f.login(t, nil); err != nil || id.Claim != "4711" {
		t.Fatalf("employee_id claim: %+v %v", id, err)
	}
	// Claims only at the userinfo endpoint are read there.
	f.op.AddUser(oidctest.User{Subject: "sub-1", Username: "erik", Password: "pw", UserinfoOnly: true,
		Claims: map[string]any{"employee_id": "E-12"}})
	if id, err = f.login(t, nil); err != nil || id.Claim != "E-12" {
		t.Fatalf("userinfo claim: %+v %v", id, err)
	}
}

func TestFlowKeyRotation(t *testing.T) {
	f := newFixture(t)
	if _, err := f.login(t, nil); err != nil {
		t.Fatalf("first login: %v", err)
	}
	// The provider signs with a new key and stops publishing the old
	// one: the next token names an unknown key, which go-oidc fetches.
	f.op.RotateKey()
	f.op.DropOldKeys()
	if _, err := f.login(t, nil); err != nil {
		t.Fatalf("login after key rotation: %v", err)
	}
}

func TestFlowRefusals(t *testing.T) {
	tests := []struct {
		name        string
		setup       func(f *fixture)
		change      func(code, verifier, nonceHash *string)
		reason      string
		unavailable bool
	}{
		{name: "wrong PKCE verifier", change: func(_, v, _ *string) { *v = strings.Repeat("x", 43) }, reason: "code exchange failed"},
		{name: "unknown code", change: func(c, _, _ *string) { *c = "made-up" }, reason: "code exchange failed"},
		{name: "nonce of another login", change: func(_, _, n *string) { *n = auth.HashSecret("other") }, reason: "nonce mismatch"},
		{name: "token for another audience", setup: func(f *fixture) { f.op.SubstituteIDTokens("another-app", nil) }, reason: "id token invalid"},
		{name: "token for several audiences, Schakel not the authorized party", setup: func(f *fixture) { f.op.SubstituteIDTokens("another-app", []string{"schakel"}) }, reason: "id token for another party"},
		{name: "expired token", setup: func(f *fixture) { f.op.SetIDTokenLifetime(-time.Minute) }, reason: "id token expired"},
		{name: "wrong client secret", setup: func(f *fixture) { f.op.AddClient("schakel", "anders", []string{redirect}, nil) }, reason: "code exchange failed"},
		{name: "claim missing", setup: func(f *fixture) { f.p.Claim = "personeelsnummer" }, reason: "claim personeelsnummer missing"},
		{name: "e-mail not verified", setup: func(f *fixture) {
			f.op.AddUser(oidctest.User{Subject: "sub-1", Username: "erik", Password: "pw", Claims: map[string]any{"email": "erik@jb.example", "email_verified": false}})
		}, reason: "email not verified by provider"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if tt.setup != nil {
				tt.setup(f)
			}
			_, err := f.login(t, tt.change)
			var fail *oidclogin.Failure
			if !errors.As(err, &fail) {
				t.Fatalf("want a Failure, got %v", err)
			}
			if fail.Reason != tt.reason || fail.Unavailable != tt.unavailable {
				t.Fatalf("failure %q (unavailable %v), want %q (%v): %v", fail.Reason, fail.Unavailable, tt.reason, tt.unavailable, err)
			}
		})
	}
}

func TestFlowReplayedCode(t *testing.T) {
	f := newFixture(t)
	var code, verifier, nonce string
	if _, err := f.login(t, func(c, v, n *string) { code, verifier, nonce = *c, *v, *n }); err != nil {
		t.Fatalf("login: %v", err)
	}
	_, err := f.client.Finish(context.Background(), f.p, "geheim", redirect, code, verifier, nonce)
	var fail *oidclogin.Failure
	if !errors.As(err, &fail) || fail.Unavailable || fail.Reason != "code exchange failed" {
		t.Fatalf("a code used twice: %v", err)
	}
}

func TestFlowProviderDownOrSlow(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "http://" + ln.Addr().String()
	ln.Close()
	slow := oidctest.Start(t)
	slow.Stall(true)
	for name, issuer := range map[string]string{"down": down, "slow": slow.URL} {
		t.Run(name, func(t *testing.T) {
			c := oidclogin.NewClient(200*time.Millisecond, time.Now)
			_, err := c.Begin(context.Background(), schakel.IdentityProvider{Issuer: issuer, ClientID: "schakel"}, redirect, "", false)
			var fail *oidclogin.Failure
			if !errors.As(err, &fail) || !fail.Unavailable {
				t.Fatalf("want an unavailable provider, got %v", err)
			}
		})
	}
}

func TestEndSessionURL(t *testing.T) {
	f := newFixture(t)
	u := f.client.EndSessionURL(context.Background(), f.p, "http://127.0.0.1:9/login?uitgelogd=1")
	parsed, err := url.Parse(u)
	if err != nil || !strings.HasPrefix(u, f.op.URL) || parsed.Query().Get("client_id") != "schakel" ||
		parsed.Query().Get("post_logout_redirect_uri") != "http://127.0.0.1:9/login?uitgelogd=1" {
		t.Fatalf("end session URL %q", u)
	}
}
