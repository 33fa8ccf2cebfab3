package schakel

import "time"

// IdentityMatch says which of a professional's facts the provider's claim
// carries, for linking a provider identity to a professional at the first
// login.
type IdentityMatch string

// The facts a claim can carry.
const (
	MatchEmail          IdentityMatch = "email"
	MatchEmployeeNumber IdentityMatch = "employee_number"
)

// Valid reports whether m is a known fact.
func (m IdentityMatch) Valid() bool { return m == MatchEmail || m == MatchEmployeeNumber }

// IdentityProvider is an organisation's own OpenID Connect provider: its
// professionals log in there instead of with a Schakel password. The client
// secret is never stored; SecretRef says where Schakel reads it
// ("env:SCHAKEL_OIDC_SECRET_…" or "file:<name>" in the secrets directory).
type IdentityProvider struct {
	ID             int64         `json:"id"`
	OrganisationID int64         `json:"organisation_id"`
	Issuer         string        `json:"issuer"`
	ClientID       string        `json:"client_id"`
	SecretRef      string        `json:"secret_ref"`
	Claim          string        `json:"claim"`    // the ID-token claim that carries the e-mail address or employee number
	MatchOn        IdentityMatch `json:"match_on"` // which of the two it carries
	Domains        []string      `json:"domains"`  // e-mail domains whose users log in here
	CreatedAt      time.Time     `json:"created_at"`
	UpdatedAt      time.Time     `json:"updated_at"`
}

// Login methods of a session.
const (
	LoginPassword = "password"
	LoginOIDC     = "oidc"
	LoginToken    = "api_token" // an API token: no second factor of its own
)

// Second factors that complete a password login.
const (
	FactorTOTP     = "totp"          // a code of an authenticator app (RFC 6238)
	FactorRecovery = "recovery_code" // one of the ten one-time recovery codes
	// FactorPasskey is a passkey (WebAuthn). The name is the W3C's, not an
	// RFC 8176 amr value: whether a passkey is hardware-bound ("hwk") or
	// synced ("swk") is the authenticator's to say, not ours to guess.
	FactorPasskey = "webauthn"
)
