// Package passkey holds the WebAuthn ceremonies of Schakel's passkeys (a
// second factor for local accounts, issue 12) on top of
// github.com/go-webauthn/webauthn: the library parses and checks every
// answer of an authenticator (CBOR, COSE keys, attestation, signatures,
// challenge, origin, RP ID, flags and the sign counter); this package only
// chooses the options and carries the ceremony's state as bytes, so that
// the use cases can keep it on the server. No HTTP, no SQL, no clock.
package passkey

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"net"
	"net/url"
	"strconv"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
)

// CeremonyLife is how long a begun ceremony may be answered.
const CeremonyLife = 5 * time.Minute

// RP is the relying party: Schakel as the browser sees it. ID is the host
// name of Origin (without port), as WebAuthn binds a passkey to it.
type RP struct {
	ID     string
	Origin string // scheme://host[:port]
}

// ErrNoRPID answers an address WebAuthn cannot bind a passkey to (an IP
// address, or no host).
var ErrNoRPID = errors.New("passkey: the address has no host name a passkey can be bound to")

// RPFor returns the relying party for the address people reach Schakel at
// (the configured public URL, or the request's own scheme and host).
func RPFor(base string) (RP, error) {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return RP{}, ErrNoRPID
	}
	host := u.Hostname()
	if host == "" || net.ParseIP(host) != nil || protocol.ValidateRPID(host) != nil {
		return RP{}, ErrNoRPID
	}
	return RP{ID: host, Origin: u.Scheme + "://" + u.Host}, nil
}

func (rp RP) library() (*webauthn.WebAuthn, error) {
	return webauthn.New(&webauthn.Config{
		RPID:                  rp.ID,
		RPDisplayName:         "Schakel",
		RPOrigins:             []string{rp.Origin},
		AttestationPreference: protocol.PreferNoAttestation,
		AuthenticatorSelection: protocol.AuthenticatorSelection{
			ResidentKey:      protocol.ResidentKeyRequirementPreferred,
			UserVerification: protocol.VerificationPreferred,
		},
		Timeouts: webauthn.TimeoutsConfig{
			Login:        webauthn.TimeoutConfig{Enforce: true, Timeout: CeremonyLife, TimeoutUVD: CeremonyLife},
			Registration: webauthn.TimeoutConfig{Enforce: true, Timeout: CeremonyLife, TimeoutUVD: CeremonyLife},
		},
	})
}

// Owner is the professional a ceremony is for, with their passkeys.
type Owner struct {
	ProfessionalID int64
	Email, Name    string
	Credentials    []webauthn.Credential
}

// Handle is the user handle given to authenticators: derived from the
// professional's id, so that it holds no name or address.
func Handle(professionalID int64) []byte {
	h := sha256.Sum256([]byte("schakel/professional/" + strconv.FormatInt(professionalID, 10)))
	return h[:16]
}

type user struct{ o Owner }

func (u user) WebAuthnID() []byte                         { return Handle(u.o.ProfessionalID) }
func (u user) WebAuthnName() string                       { return u.o.Email }
func (u user) WebAuthnDisplayName() string                { return u.o.Name }
func (u user) WebAuthnCredentials() []webauthn.Credential { return u.o.Credentials }

// BeginRegistration returns the options for navigator.credentials.create
// (JSON) and the ceremony's state to keep on the server.
func BeginRegistration(rp RP, o Owner) (options, state []byte, err error) {
	lib, err := rp.library()
	if err != nil {
		return nil, nil, err
	}
	exclude := webauthn.Credentials(o.Credentials).CredentialDescriptors()
	creation, session, err := lib.BeginRegistration(user{o}, webauthn.WithExclusions(exclude))
	if err != nil {
		return nil, nil, err
	}
	return encode(creation, session)
}

// FinishRegistration checks an authenticator's answer (the JSON of the
// PublicKeyCredential) against the kept state and returns the new passkey.
func FinishRegistration(rp RP, o Owner, state, answer []byte) (*webauthn.Credential, error) {
	lib, session, err := open(rp, state)
	if err != nil {
		return nil, err
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(answer)
	if err != nil {
		return nil, err
	}
	return lib.CreateCredential(user{o}, session, parsed)
}

// BeginAssertion returns the options for navigator.credentials.get, for
// the owner's own passkeys only, and the state to keep.
func BeginAssertion(rp RP, o Owner) (options, state []byte, err error) {
	lib, err := rp.library()
	if err != nil {
		return nil, nil, err
	}
	assertion, session, err := lib.BeginLogin(user{o})
	if err != nil {
		return nil, nil, err
	}
	return encode(assertion, session)
}

// FinishAssertion checks an authenticator's answer against the kept state
// and returns the passkey used, with its counter (and clone warning)
// brought up to date.
func FinishAssertion(rp RP, o Owner, state, answer []byte) (*webauthn.Credential, error) {
	lib, session, err := open(rp, state)
	if err != nil {
		return nil, err
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes(answer)
	if err != nil {
		return nil, err
	}
	return lib.ValidateLogin(user{o}, session, parsed)
}

// CredentialID returns the id of the passkey an answer names (base64url),
// or "" when the answer cannot be read.
func CredentialID(answer []byte) string {
	var a struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(answer, &a) != nil {
		return ""
	}
	return a.ID
}

// EncodeID writes a credential id as the base64url text it is stored by.
func EncodeID(id []byte) string { return protocol.URLEncodedBase64(id).String() }

func encode(options any, session *webauthn.SessionData) ([]byte, []byte, error) {
	o, err := json.Marshal(options)
	if err != nil {
		return nil, nil, err
	}
	s, err := json.Marshal(session)
	return o, s, err
}

func open(rp RP, state []byte) (*webauthn.WebAuthn, webauthn.SessionData, error) {
	var session webauthn.SessionData
	if err := json.Unmarshal(state, &session); err != nil {
		return nil, session, err
	}
	lib, err := rp.library()
	return lib, session, err
}
