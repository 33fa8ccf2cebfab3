package oidclogin

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"schakel/internal/sso"
)

// Secrets reads client secrets where references point. Dir is the secrets
// directory (for example systemd's $CREDENTIALS_DIRECTORY); without it,
// file references cannot be read.
type Secrets struct {
	Dir    string
	Getenv func(string) (string, bool) // os.LookupEnv when nil
}

// Resolve returns the secret a reference points to. The error names the
// reference, never the secret.
func (s Secrets) Resolve(ref string) (string, error) {
	r, err := sso.ParseSecretRef(ref)
	if err != nil {
		return "", err
	}
	if r.Env != "" {
		get := s.Getenv
		if get == nil {
			get = os.LookupEnv
		}
		v, ok := get(r.Env)
		if !ok || strings.TrimSpace(v) == "" {
			return "", fmt.Errorf("client secret: environment variable %s is not set", r.Env)
		}
		return strings.TrimSpace(v), nil
	}
	if s.Dir == "" {
		return "", fmt.Errorf("client secret: %s names a file, but no secrets directory is configured (--oidc-secrets-dir)", ref)
	}
	b, err := os.ReadFile(filepath.Join(s.Dir, r.File))
	if err != nil {
		return "", fmt.Errorf("client secret: %w", err)
	}
	v := strings.TrimSpace(string(b))
	if v == "" {
		return "", fmt.Errorf("client secret: file %s is empty", r.File)
	}
	return v, nil
}
