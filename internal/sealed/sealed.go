// Package sealed encrypts small secrets at rest (the keys of people's
// authenticator apps) with AES-256-GCM from the standard library. The key
// comes from the environment or a file, never from a flag (a flag shows in
// the process list). A value written before encryption existed has no
// prefix and is read as it is, so that turning encryption on keeps every
// existing secret working; `serve` then seals those values.
package sealed

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"
)

// prefix marks a sealed value (and its format version).
const prefix = "sealed1:"

// KeySize is the key's length in bytes (AES-256).
const KeySize = 32

// Env names the variable with the key (base64, 32 bytes) and the one with
// the path of a file holding it.
const (
	Env     = "SCHAKEL_TOTP_KEY"
	EnvFile = "SCHAKEL_TOTP_KEY_FILE"
)

// Box seals and opens values with one key. A nil Box seals nothing and
// opens only values that were never sealed.
type Box struct{ aead cipher.AEAD }

// New returns a Box for a 32-byte key.
func New(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("sealed: the key has %d bytes, want %d", len(key), KeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead}, nil
}

// FromEnv reads the key from SCHAKEL_TOTP_KEY or from the file named by
// SCHAKEL_TOTP_KEY_FILE (base64, surrounding space ignored). It returns a
// nil Box when neither is set.
func FromEnv(getenv func(string) string) (*Box, error) {
	text := getenv(Env)
	if path := getenv(EnvFile); text == "" && path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("sealed: %s: %w", EnvFile, err)
		}
		text = string(b)
	}
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil {
		return nil, fmt.Errorf("sealed: the key is not base64: %w", err)
	}
	return New(key)
}

// IsSealed reports whether a stored value was sealed.
func IsSealed(stored string) bool { return strings.HasPrefix(stored, prefix) }

// Seal encrypts plain with a fresh nonce. A nil Box and an empty value
// return plain as it is.
func (b *Box) Seal(plain string) (string, error) {
	if b == nil || plain == "" {
		return plain, nil
	}
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	out := b.aead.Seal(nonce, nonce, []byte(plain), []byte(prefix))
	return prefix + base64.RawURLEncoding.EncodeToString(out), nil
}

// ErrNoKey refuses to open a sealed value without the key.
var ErrNoKey = errors.New("sealed: a sealed value, and no key (set " + Env + " or " + EnvFile + ")")

// Open returns the plain value of stored: decrypted when it was sealed, as
// it is when it was not.
func (b *Box) Open(stored string) (string, error) {
	if !IsSealed(stored) {
		return stored, nil
	}
	if b == nil {
		return "", ErrNoKey
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(stored, prefix))
	n := b.aead.NonceSize()
	if err != nil || len(raw) < n {
		return "", errors.New("sealed: a damaged value")
	}
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], []byte(prefix))
	if err != nil {
		return "", errors.New("sealed: the value does not open with this key")
	}
	return string(plain), nil
}
