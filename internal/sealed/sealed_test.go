package sealed_test

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"

	"schakel/internal/sealed"
)

func TestSealAndOpen(t *testing.T) {
	box, err := sealed.New(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	other, _ := sealed.New(bytes.Repeat([]byte{8}, 32))
	a, _ := box.Seal("JBSWY3DPEHPK3PXP")
	b, _ := box.Seal("JBSWY3DPEHPK3PXP")
	if a == b || !sealed.IsSealed(a) || a == "JBSWY3DPEHPK3PXP" {
		t.Fatalf("sealed %q and %q: want two different sealed values", a, b)
	}
	for _, tt := range []struct {
		name, stored, want string
		box                *sealed.Box
		fails              bool
	}{
		{"sealed", a, "JBSWY3DPEHPK3PXP", box, false},
		{"written before encryption", "JBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PXP", box, false},
		{"no key, never sealed", "JBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PXP", nil, false},
		{"no key, sealed", a, "", nil, true},
		{"another key", a, "", other, true},
		{"damaged", a[:len(a)-4] + "AAAA", "", box, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.box.Open(tt.stored)
			if (err != nil) != tt.fails || got != tt.want {
				t.Errorf("Open = %q, %v", got, err)
			}
		})
	}
	if _, err := sealed.New([]byte("kort")); err == nil {
		t.Error("a short key was taken")
	}
}

func TestFromEnv(t *testing.T) {
	key := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{1}, 32))
	file := filepath.Join(t.TempDir(), "totp.key")
	if err := os.WriteFile(file, []byte(key+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		env   map[string]string
		box   bool
		fails bool
	}{
		{"none", nil, false, false},
		{"variable", map[string]string{sealed.Env: key}, true, false},
		{"file", map[string]string{sealed.EnvFile: file}, true, false},
		{"not base64", map[string]string{sealed.Env: "???"}, false, true},
		{"missing file", map[string]string{sealed.EnvFile: file + ".weg"}, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			box, err := sealed.FromEnv(func(k string) string { return tt.env[k] })
			if (err != nil) != tt.fails || (box != nil) != tt.box {
				t.Errorf("FromEnv: box %v, err %v", box != nil, err)
			}
		})
	}
}
