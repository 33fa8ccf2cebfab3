package oidclogin

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"schakel"
)

// EnvPrefix is the start of every environment variable that may hold a
// client secret. An administrator names a variable in the screen; the
// prefix keeps them from naming another secret of the server (the SMTP
// password, the metrics token) and sending it to a provider of their choice.
const EnvPrefix = "SCHAKEL_OIDC_SECRET_"

var (
	envName  = regexp.MustCompile(`^` + EnvPrefix + `[A-Z0-9_]{1,64}$`)
	fileName = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$`)
)

// SecretRef is where a client secret is read: an environment variable, or
// a file in the secrets directory (no path: only a name in that directory).
type SecretRef struct {
	Env  string
	File string
}

// ParseSecretRef reads "env:SCHAKEL_OIDC_SECRET_NAME" or "file:name".
func ParseSecretRef(ref string) (SecretRef, error) {
	kind, name, _ := strings.Cut(ref, ":")
	switch {
	case kind == "env" && envName.MatchString(name):
		return SecretRef{Env: name}, nil
	case kind == "file" && fileName.MatchString(name):
		return SecretRef{File: name}, nil
	case kind == "env":
		return SecretRef{}, schakel.Errorf(schakel.EINVALID, "De naam van de omgevingsvariabele begint met %s en bevat daarna alleen hoofdletters, cijfers en _.", EnvPrefix)
	case kind == "file":
		return SecretRef{}, schakel.Errorf(schakel.EINVALID, "Geef alleen de naam van het bestand in de geheimenmap: letters, cijfers, . _ en -, zonder / ervoor.")
	}
	return SecretRef{}, schakel.Errorf(schakel.EINVALID, "Zeg waar het clientgeheim staat: in een omgevingsvariabele of in een bestand in de geheimenmap van de server.")
}

// String is the stored form of the reference.
func (r SecretRef) String() string {
	if r.Env != "" {
		return "env:" + r.Env
	}
	return "file:" + r.File
}

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
	r, err := ParseSecretRef(ref)
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
