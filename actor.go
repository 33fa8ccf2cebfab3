package schakel

import (
	"context"
	"time"
)

// Actor is the principal on whose account a request runs (see Kind: a
// professional, a family member or the system), with the request facts the
// audit trail records (NEN 7513: workstation, client address, on whose
// behalf, emergency access). At most one of Professional, FamilyMember and
// System is set.
type Actor struct {
	Professional    *Professional
	FamilyMember    *FamilyMember
	System          string // the command or job when Schakel itself acts
	ClientAddr      string
	Workstation     string        // the client's user agent or tool name
	OnBehalfOf      string        // e.g. "API-token 'koppeling'": the channel the actor acts through
	EmergencyReason string        // set when the actor explicitly claims emergency access
	Login           LoginStrength // how the session or token was proven (professionals)
	// RiskyAct names the risky act this request does, once its step-up
	// passed: its audit entries then record the strength of the login.
	RiskyAct string
}

type actorKey struct{}

// NewContextWithActor returns ctx carrying the actor.
func NewContextWithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFromContext returns the actor in ctx, or nil.
func ActorFromContext(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// LoginStrength is how the actor's session or token was proven: the
// strength of the login that the audit trail records and step-up checks.
type LoginStrength struct {
	Method string // LoginPassword, LoginOIDC, or LoginToken for an API token
	Factor string // the second factor shown (FactorTOTP, FactorPasskey, FactorRecovery), "" for none
	ACR    string // the provider's authentication context class, when it said
	AMR    string // the provider's authentication methods (space separated), when it said
	// ProvedAt is when a second factor (or a fresh authentication at the
	// organisation's provider) was last shown; zero when never.
	ProvedAt time.Time
}

// String names the strength for the audit trail: "password",
// "password+totp", "oidc acr=… amr=…", "api_token".
func (s LoginStrength) String() string {
	out := s.Method
	if s.Factor != "" {
		out += "+" + s.Factor
	}
	if s.ACR != "" {
		out += " acr=" + s.ACR
	}
	if s.AMR != "" {
		out += " amr=" + s.AMR
	}
	return out
}
