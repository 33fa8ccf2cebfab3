package access

import (
	"testing"
	"time"

	"schakel"
)

func TestNeedsStepUp(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	proved := func(ago time.Duration) schakel.LoginStrength {
		return schakel.LoginStrength{Method: schakel.LoginPassword, Factor: schakel.FactorTOTP, ProvedAt: now.Add(-ago)}
	}
	tests := []struct {
		name string
		act  RiskyAct
		s    schakel.LoginStrength
		want bool
	}{
		{"password only", ActExport, schakel.LoginStrength{Method: schakel.LoginPassword}, true},
		{"API token", ActAuditTrail, schakel.LoginStrength{Method: schakel.LoginToken}, true},
		{"factor just now", ActEmergency, proved(0), false},
		{"factor 4m59s ago", ActRoles, proved(5*time.Minute - time.Second), false},
		{"factor exactly 5 minutes ago", ActOrganisations, proved(5 * time.Minute), false},
		{"factor 5m01s ago", ActExport, proved(5*time.Minute + time.Second), true},
		{"factor an hour ago", ActAuditTrail, proved(time.Hour), true},
		{"a proof from the future", ActExport, proved(-2 * time.Minute), true},
		{"provider login just now", ActExport, schakel.LoginStrength{Method: schakel.LoginOIDC, ProvedAt: now}, false},
		{"not a risky act", RiskyAct("reading a case"), schakel.LoginStrength{Method: schakel.LoginPassword}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NeedsStepUp(tt.act, tt.s, now); got != tt.want {
				t.Fatalf("NeedsStepUp = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLoginStrengthNames(t *testing.T) {
	for s, want := range map[schakel.LoginStrength]string{
		{Method: schakel.LoginPassword}:                              "password",
		{Method: schakel.LoginPassword, Factor: schakel.FactorTOTP}:  "password+totp",
		{Method: schakel.LoginOIDC, ACR: "urn:eh:3", AMR: "pwd otp"}: "oidc acr=urn:eh:3 amr=pwd otp",
		{Method: schakel.LoginToken}:                                 "api_token",
	} {
		if got := s.String(); got != want {
			t.Errorf("%+v: %q, want %q", s, got, want)
		}
	}
}
