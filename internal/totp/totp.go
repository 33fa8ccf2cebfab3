// Package totp computes and checks time-based one-time passwords (RFC 6238,
// built on HOTP, RFC 4226) with the standard library only. It decides
// whether a typed code matches; remembering the last step a code was
// accepted for, so that no code passes twice, is the caller's (stored with
// a compare-and-set in the database).
package totp

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"hash"
	"net/url"
	"strings"
	"time"
)

// Algorithm is the HMAC hash of a code. Authenticator apps agree on SHA-1;
// the others exist for the RFC's test vectors.
type Algorithm int

const (
	SHA1 Algorithm = iota
	SHA256
	SHA512
)

func (a Algorithm) new() func() hash.Hash {
	switch a {
	case SHA256:
		return sha256.New
	case SHA512:
		return sha512.New
	}
	return sha1.New
}

// Period is the length of one time step; Digits the length of a code;
// Skew how many steps before and after now a code still counts (a phone's
// clock may be off, and typing takes time).
const (
	Period = 30 * time.Second
	Digits = 6
	Skew   = 1
)

// SecretBytes is the length of a new secret: 160 bits, as RFC 4226 advises
// for HMAC-SHA-1.
const SecretBytes = 20

var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewSecret returns a random secret.
func NewSecret() []byte {
	b := make([]byte, SecretBytes)
	rand.Read(b) // never returns an error (crypto/rand, Go 1.24+)
	return b
}

// Encode returns a secret as people type it into an app: base32 without
// padding, in groups of four for reading.
func Encode(secret []byte) string { return encoding.EncodeToString(secret) }

// Grouped returns an encoded secret in groups of four letters.
func Grouped(encoded string) string {
	var b strings.Builder
	for i, r := range encoded {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Decode reads a secret written by Encode (spaces and case ignored).
func Decode(s string) ([]byte, error) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	return encoding.DecodeString(strings.TrimRight(s, "="))
}

// Step returns the time step of t.
func Step(t time.Time) int64 { return t.Unix() / int64(Period/time.Second) }

// HOTP returns the code for a counter (RFC 4226, section 5.3).
func HOTP(secret []byte, counter uint64, digits int, alg Algorithm) string {
	mac := hmac.New(alg.new(), secret)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

// Code returns the 6-digit SHA-1 code of a step, as authenticator apps show it.
func Code(secret []byte, step int64) string { return HOTP(secret, uint64(step), Digits, SHA1) }

// Normalize returns a typed code without spaces or dashes ("123 456").
func Normalize(code string) string {
	return strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(strings.TrimSpace(code))
}

// Match returns the step a typed code belongs to: within Skew steps of
// now, and only after last (the step of the code accepted before, so that
// neither that code nor an older one passes again). Every candidate is
// compared in constant time.
func Match(secret []byte, typed string, now time.Time, last int64) (int64, bool) {
	typed = Normalize(typed)
	if len(typed) != Digits {
		return 0, false
	}
	cur := Step(now)
	var found int64
	ok := false
	for s := cur - Skew; s <= cur+Skew; s++ {
		if subtle.ConstantTimeCompare([]byte(Code(secret, s)), []byte(typed)) == 1 && s > last && !ok {
			found, ok = s, true
		}
	}
	return found, ok
}

// URI returns the otpauth URI an authenticator app reads (the Key Uri
// Format of Google Authenticator, which every app follows).
func URI(issuer, account string, secret []byte) string {
	label := url.PathEscape(issuer + ":" + account)
	q := url.Values{"secret": {Encode(secret)}, "issuer": {issuer}, "algorithm": {"SHA1"},
		"digits": {fmt.Sprint(Digits)}, "period": {fmt.Sprint(int(Period / time.Second))}}
	return "otpauth://totp/" + label + "?" + q.Encode()
}
