// Package auth hashes passwords (argon2id) and makes the random secrets used
// for browser sessions and API tokens. Secrets are stored only as hashes.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id cost parameters. The defaults follow the OWASP
// password storage cheat sheet (19 MiB, 2 iterations, 1 lane).
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	KeyLen  uint32
}

// DefaultParams are used for new passwords.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1, KeyLen: 32}

// ErrMismatch is returned when a password does not match its hash.
var ErrMismatch = errors.New("password does not match")

// HashPassword returns a PHC-formatted argon2id hash of password.
func HashPassword(password string, p Params) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword compares password with a hash made by HashPassword in
// constant time. An empty or malformed hash never matches.
func CheckPassword(password, encoded string) error {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return ErrMismatch
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return ErrMismatch
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return ErrMismatch
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return ErrMismatch
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return ErrMismatch
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrMismatch
	}
	return nil
}

// NewSecret returns a random URL-safe secret with a readable prefix, e.g.
// "skt_…" for API tokens. 32 random bytes: hashing it with plain SHA-256 is
// enough because it cannot be guessed.
func NewSecret(prefix string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// HashSecret returns the stored form of a session id or API token.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// activationAlphabet has no letters or digits that look alike (0/O, 1/I/L)
// or that are often misheard: a code is read aloud or typed from a letter.
const activationAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// NewActivationCode returns a one-time code of 16 characters in four
// groups ("K7QM-…"), about 79 random bits: a guesser is stopped by the
// login limits long before, and the code works once and for 14 days.
func NewActivationCode() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	var out strings.Builder
	for i, v := range b {
		if i > 0 && i%4 == 0 {
			out.WriteByte('-')
		}
		// 256 is not a multiple of 31: the first 8 letters come a little
		// more often (9 in 256 against 8), a loss of under 0.1 bit per
		// character, which the length pays for.
		out.WriteByte(activationAlphabet[int(v)%len(activationAlphabet)])
	}
	return out.String(), nil
}

// NormalizeActivationCode returns a typed code as generated: upper case,
// without spaces or dashes, so that "k7qm qx…" finds "K7QM-QX…".
func NormalizeActivationCode(s string) string {
	var out strings.Builder
	for _, r := range strings.ToUpper(s) {
		if strings.ContainsRune(activationAlphabet, r) {
			out.WriteRune(r)
		}
	}
	return out.String()
}
