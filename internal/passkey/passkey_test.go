package passkey_test

import (
	"errors"
	"testing"

	"schakel/internal/passkey"
	"schakel/internal/passkey/passkeytest"
)

func TestRPFor(t *testing.T) {
	for _, tc := range []struct {
		base, id, origin string
		ok               bool
	}{
		{"https://schakel.example.nl", "schakel.example.nl", "https://schakel.example.nl", true},
		{"https://schakel.example.nl:8443/", "schakel.example.nl", "https://schakel.example.nl:8443", true},
		{"http://localhost:18301", "localhost", "http://localhost:18301", true},
		{"http://127.0.0.1:8080", "", "", false},
		{"http://[::1]:8080", "", "", false},
		{"ftp://schakel.example.nl", "", "", false},
		{"", "", "", false},
	} {
		t.Run(tc.base, func(t *testing.T) {
			rp, err := passkey.RPFor(tc.base)
			if tc.ok != (err == nil) || (err != nil && !errors.Is(err, passkey.ErrNoRPID)) {
				t.Fatalf("RPFor(%q) error %v, want ok=%v", tc.base, err, tc.ok)
			}
			if rp.ID != tc.id || rp.Origin != tc.origin {
				t.Errorf("RPFor(%q) = %+v, want %s %s", tc.base, rp, tc.id, tc.origin)
			}
		})
	}
}

// TestCeremonies enrols and uses a passkey of the software authenticator,
// and checks that the library refuses what it must: another origin, another
// challenge, a counter that went back (kept as a clone warning).
func TestCeremonies(t *testing.T) {
	rp := passkey.RP{ID: "schakel.test", Origin: "https://schakel.test"}
	o := passkey.Owner{ProfessionalID: 7, Email: "a@vt.test", Name: "A"}
	auth := passkeytest.New(rp.ID, rp.Origin)
	opts, state, err := passkey.BeginRegistration(rp, o)
	if err != nil {
		t.Fatal(err)
	}
	cred, err := passkey.FinishRegistration(rp, o, state, auth.Create(opts))
	if err != nil {
		t.Fatalf("registration: %v", err)
	}
	o.Credentials = append(o.Credentials, *cred)

	t.Run("assertion", func(t *testing.T) {
		opts, state, err := passkey.BeginAssertion(rp, o)
		if err != nil {
			t.Fatal(err)
		}
		used, err := passkey.FinishAssertion(rp, o, state, auth.Get(opts))
		if err != nil || used.Authenticator.SignCount != auth.Counter || used.Authenticator.CloneWarning {
			t.Fatalf("assertion: %v %+v", err, used)
		}
		o.Credentials[0] = *used
	})
	t.Run("another origin", func(t *testing.T) {
		opts, state, _ := passkey.BeginAssertion(rp, o)
		evil := *auth
		evil.Origin = "https://schakel.test.evil.example"
		if _, err := passkey.FinishAssertion(rp, o, state, evil.Get(opts)); err == nil {
			t.Fatal("an answer for another origin passed")
		}
	})
	t.Run("another challenge", func(t *testing.T) {
		old, _, _ := passkey.BeginAssertion(rp, o)
		_, state, _ := passkey.BeginAssertion(rp, o)
		if _, err := passkey.FinishAssertion(rp, o, state, auth.Get(old)); err == nil {
			t.Fatal("an answer to another challenge passed")
		}
	})
	t.Run("counter went back", func(t *testing.T) {
		opts, state, _ := passkey.BeginAssertion(rp, o)
		auth.Counter = 0 // Get makes it 1, below the stored count
		used, err := passkey.FinishAssertion(rp, o, state, auth.Get(opts))
		if err != nil || !used.Authenticator.CloneWarning {
			t.Fatalf("want a clone warning, got %v %+v", err, used)
		}
	})
}
