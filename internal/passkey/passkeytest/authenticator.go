// Package passkeytest is a software authenticator for tests: it answers
// WebAuthn options as a browser with a platform authenticator would
// (attestation "none", ES256), so that use-case tests can enrol and use
// passkeys without a browser. The browser tests use Chromium's own virtual
// authenticator instead; this one is only for tests below the web layer.
package passkeytest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"

	"github.com/go-webauthn/webauthn/protocol/webauthncbor"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"
)

// Authenticator holds one passkey, for the origin it was made for.
type Authenticator struct {
	Origin  string // the origin the "browser" reports in its client data
	RPID    string
	ID      []byte
	Counter uint32
	key     *ecdsa.PrivateKey
}

// New returns an authenticator with a fresh key for rpID, used at origin.
func New(rpID, origin string) *Authenticator {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		panic(err)
	}
	return &Authenticator{Origin: origin, RPID: rpID, ID: id, key: key}
}

var b64 = base64.RawURLEncoding

type options struct {
	PublicKey struct {
		Challenge string `json:"challenge"`
	} `json:"publicKey"`
}

func challengeOf(opts []byte) string {
	var o options
	if err := json.Unmarshal(opts, &o); err != nil {
		panic(err)
	}
	return o.PublicKey.Challenge
}

func (a *Authenticator) clientData(kind, challenge string) []byte {
	return mustJSON(map[string]any{"type": kind, "challenge": challenge, "origin": a.Origin, "crossOrigin": false})
}

// mustJSON is v as JSON. The authenticator only marshals maps of strings,
// bytes and numbers, which cannot fail; like its other faults, a failure
// panics, because a test authenticator that answers wrongly must not
// pass silently.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func (a *Authenticator) authData(flags byte, attested []byte) []byte {
	rp := sha256.Sum256([]byte(a.RPID))
	out := append([]byte{}, rp[:]...)
	out = append(out, flags)
	out = binary.BigEndian.AppendUint32(out, a.Counter)
	return append(out, attested...)
}

// Create answers the options of navigator.credentials.create with the
// JSON of a new PublicKeyCredential.
func (a *Authenticator) Create(opts []byte) []byte {
	// The uncompressed point: 0x04, then 32 bytes of x and 32 of y.
	point, err := a.key.PublicKey.Bytes()
	if err != nil {
		panic(err)
	}
	cose, err := webauthncbor.Marshal(webauthncose.EC2PublicKeyData{
		PublicKeyData: webauthncose.PublicKeyData{KeyType: int64(webauthncose.EllipticKey), Algorithm: int64(webauthncose.AlgES256)},
		Curve:         int64(webauthncose.P256),
		XCoord:        point[1:33],
		YCoord:        point[33:65],
	})
	if err != nil {
		panic(err)
	}
	attested := make([]byte, 16) // AAGUID: none
	attested = binary.BigEndian.AppendUint16(attested, uint16(len(a.ID)))
	attested = append(append(attested, a.ID...), cose...)
	obj, err := webauthncbor.Marshal(map[string]any{"fmt": "none", "attStmt": map[string]any{}, "authData": a.authData(0x45, attested)})
	if err != nil {
		panic(err)
	}
	return mustJSON(map[string]any{
		"id": b64.EncodeToString(a.ID), "rawId": b64.EncodeToString(a.ID), "type": "public-key",
		"response": map[string]any{
			"clientDataJSON":    b64.EncodeToString(a.clientData("webauthn.create", challengeOf(opts))),
			"attestationObject": b64.EncodeToString(obj),
			"transports":        []string{"internal"},
		},
		"clientExtensionResults": map[string]any{},
	})
}

// Get answers the options of navigator.credentials.get: the counter goes
// up by one and the authenticator signs.
func (a *Authenticator) Get(opts []byte) []byte {
	a.Counter++
	return a.Sign(challengeOf(opts))
}

// Sign answers a challenge (base64url) with the current counter.
func (a *Authenticator) Sign(challenge string) []byte {
	cd := a.clientData("webauthn.get", challenge)
	ad := a.authData(0x05, nil)
	h := sha256.Sum256(cd)
	digest := sha256.Sum256(append(append([]byte{}, ad...), h[:]...))
	sig, err := ecdsa.SignASN1(rand.Reader, a.key, digest[:])
	if err != nil {
		panic(err)
	}
	return mustJSON(map[string]any{
		"id": b64.EncodeToString(a.ID), "rawId": b64.EncodeToString(a.ID), "type": "public-key",
		"response": map[string]any{
			"clientDataJSON":    b64.EncodeToString(cd),
			"authenticatorData": b64.EncodeToString(ad),
			"signature":         b64.EncodeToString(sig),
		},
		"clientExtensionResults": map[string]any{},
	})
}

// Challenge returns the challenge of options (base64url), for tests that
// answer an old one.
func Challenge(opts []byte) string { return challengeOf(opts) }
