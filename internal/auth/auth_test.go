package auth

import (
	"strings"
	"testing"
)

func TestPasswordRoundTrip(t *testing.T) {
	p := Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32}
	h, err := HashPassword("correct horse", p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("unexpected encoding %q", h)
	}
	h2, _ := HashPassword("correct horse", p)
	if h == h2 {
		t.Fatal("two hashes of the same password share a salt")
	}
	tests := []struct {
		name     string
		password string
		hash     string
		ok       bool
	}{
		{"right password", "correct horse", h, true},
		{"wrong password", "correct horsE", h, false},
		{"empty password", "", h, false},
		{"empty hash", "correct horse", "", false},
		{"other algorithm", "correct horse", strings.Replace(h, "argon2id", "argon2i", 1), false},
		{"truncated hash", "correct horse", h[:len(h)-5], false},
		{"garbage", "x", "$argon2id$v=19$m=x$$", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPassword(tt.password, tt.hash)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckPassword = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestSecrets(t *testing.T) {
	a, _ := NewSecret("skt_")
	b, _ := NewSecret("skt_")
	if a == b || !strings.HasPrefix(a, "skt_") || len(a) < 40 {
		t.Fatalf("weak secrets %q %q", a, b)
	}
	h := HashSecret(a)
	if h == HashSecret(b) || h != HashSecret(a) || len(h) != 64 {
		t.Fatal("HashSecret is not a stable sha256 hex")
	}
}
