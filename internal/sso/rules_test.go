package sso_test

import (
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/sso"
)

func validProvider() schakel.IdentityProvider {
	return schakel.IdentityProvider{Issuer: "https://login.jb.example", ClientID: "schakel", SecretRef: "env:SCHAKEL_OIDC_SECRET_JB",
		Claim: "email", MatchOn: schakel.MatchEmail, Domains: []string{"jb.example"}}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *schakel.IdentityProvider)
		field  string // "" means valid
	}{
		{"valid", func(*schakel.IdentityProvider) {}, ""},
		{"http on loopback", func(p *schakel.IdentityProvider) { p.Issuer = "http://127.0.0.1:9000" }, ""},
		{"http elsewhere", func(p *schakel.IdentityProvider) { p.Issuer = "http://login.jb.example" }, "issuer"},
		{"issuer with query", func(p *schakel.IdentityProvider) { p.Issuer = "https://login.jb.example/?x=1" }, "issuer"},
		{"no issuer", func(p *schakel.IdentityProvider) { p.Issuer = "" }, "issuer"},
		{"no client id", func(p *schakel.IdentityProvider) { p.ClientID = "" }, "client_id"},
		{"secret in another variable", func(p *schakel.IdentityProvider) { p.SecretRef = "env:SCHAKEL_SMTP_PASSWORD" }, "secret_ref"},
		{"secret file with a path", func(p *schakel.IdentityProvider) { p.SecretRef = "file:../../etc/shadow" }, "secret_ref"},
		{"secret given as such", func(p *schakel.IdentityProvider) { p.SecretRef = "s3cr3t" }, "secret_ref"},
		{"claim with spaces", func(p *schakel.IdentityProvider) { p.Claim = "e mail" }, "claim"},
		{"unknown match", func(p *schakel.IdentityProvider) { p.MatchOn = "bsn" }, "match_on"},
		{"no domains", func(p *schakel.IdentityProvider) { p.Domains = nil }, "domains"},
		{"not a domain", func(p *schakel.IdentityProvider) { p.Domains = []string{"jb"} }, "domains"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProvider()
			tt.change(&p)
			err := sso.Validate(p)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			var e *schakel.Error
			if !asError(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != tt.field {
				t.Fatalf("want one error on %s, got %v", tt.field, err)
			}
		})
	}
}

func asError(err error, e **schakel.Error) bool {
	v, ok := err.(*schakel.Error)
	*e = v
	return ok
}

func TestNormalize(t *testing.T) {
	p := schakel.IdentityProvider{Issuer: " https://x.example ", Domains: sso.SplitDomains("@JB.example, jb.example;\nwijkteam.example")}
	sso.Normalize(&p)
	if p.Issuer != "https://x.example" || p.Claim != "email" || p.MatchOn != schakel.MatchEmail ||
		strings.Join(p.Domains, " ") != "jb.example wijkteam.example" {
		t.Fatalf("normalized %+v", p)
	}
}

func TestEmailDomainAndClaims(t *testing.T) {
	for in, want := range map[string]string{"Erik@JB.example ": "jb.example", "geen-domein": "", "a@": "", "@b.example": ""} {
		if got := sso.EmailDomain(in); got != want {
			t.Errorf("EmailDomain(%q) = %q, want %q", in, got, want)
		}
	}
	claims := map[string]any{"s": " x ", "n": float64(42), "f": 1.5, "b": true, "e": ""}
	for name, want := range map[string]string{"s": "x", "n": "42", "f": "", "b": "", "e": "", "missing": ""} {
		got, ok := sso.ClaimValue(claims, name)
		if got != want || ok != (want != "") {
			t.Errorf("ClaimValue(%s) = %q %v, want %q", name, got, ok, want)
		}
	}
}

func TestFreshAuthentication(t *testing.T) {
	asked := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name     string
		authTime time.Time
		want     bool
	}{
		{"after the request", asked.Add(20 * time.Second), true},
		{"the provider's clock a little behind", asked.Add(-50 * time.Second), true},
		{"an old login the provider kept", asked.Add(-2 * time.Minute), false},
		{"no auth_time", time.Time{}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := sso.FreshAuthentication(tt.authTime, asked); got != tt.want {
				t.Errorf("FreshAuthentication(%v) = %v, want %v", tt.authTime, got, tt.want)
			}
		})
	}
}
