package oidclogin_test

import (
	"os"
	"path/filepath"
	"testing"

	"schakel/internal/oidclogin"
)

func TestSecrets(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "jb"), []byte("uit-bestand\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SCHAKEL_OIDC_SECRET_JB": "uit-omgeving"}
	s := oidclogin.Secrets{Dir: dir, Getenv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	tests := []struct{ ref, want string }{
		{"env:SCHAKEL_OIDC_SECRET_JB", "uit-omgeving"},
		{"file:jb", "uit-bestand"},
		{"env:SCHAKEL_OIDC_SECRET_MISSING", ""},
		{"file:missing", ""},
		{"env:HOME", ""},
		{"file:/etc/passwd", ""},
	}
	for _, tt := range tests {
		got, err := s.Resolve(tt.ref)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("Resolve(%q) = %q, %v; want %q", tt.ref, got, err, tt.want)
		}
	}
	if _, err := (oidclogin.Secrets{}).Resolve("file:jb"); err == nil {
		t.Error("a file reference without a secrets directory must fail")
	}
}
