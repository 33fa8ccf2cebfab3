package app

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/familytext"
	"schakel/internal/loginguard"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

var cheap = auth.Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32}

func newLoginApp(db *storage.DB, maxChecks int, wait time.Duration) *App {
	return New(db, WithLogin(LoginConfig{Policy: loginguard.NewPolicy(5, 15*time.Minute), SessionMaxAge: time.Hour,
		PasswordParams: cheap, MaxChecks: maxChecks, QueueWait: wait}))
}

func TestLoginUseCase(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Now().UTC().Truncate(time.Second)
		db.Now = func() time.Time { return now } // the limits refill with time: keep it still
		const email, password = "sanne.vt@schakel.test", "een-lang-wachtwoord"
		loginAccount(t, db, email, password)
		s := newLoginApp(db, 2, time.Minute)
		at := func(addr, email, password string) Attempt {
			return Attempt{Email: email, Password: password, ClientAddr: addr, Workstation: "test"}
		}

		for _, tc := range []struct {
			name string
			a    Attempt
			code string
		}{
			{"right password", at("192.0.2.1", " "+email+" ", password), ""},
			{"wrong password", at("192.0.2.1", email, "fout-wachtwoord"), schakel.EUNAUTHENTICATED},
			{"unknown address", at("192.0.2.1", "niemand@schakel.example", password), schakel.EUNAUTHENTICATED},
			{"nothing typed", at("192.0.2.1", "", ""), schakel.EUNAUTHENTICATED},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res, err := s.Login(ctx, tc.a)
				secret := res.Session
				if schakel.ErrorCode(err) != tc.code || (tc.code == "") != (secret != "") {
					t.Fatalf("Login = %q, %v; want code %q", secret, err, tc.code)
				}
				if tc.code != "" && err != ErrBadLogin {
					t.Errorf("refusal %v is not the one answer for every failure", err)
				}
				if secret != "" {
					if _, err := db.SessionProfessional(ctx, auth.HashSecret(secret), time.Hour); err != nil {
						t.Errorf("the new session does not work: %v", err)
					}
				}
			})
		}

		t.Run("a busy server gives the attempt back", func(t *testing.T) {
			busy := newLoginApp(db, 1, 10*time.Millisecond)
			busy.login.checks <- struct{}{} // the one check is taken
			for range 8 {
				_, err := busy.Login(ctx, at("192.0.2.7", email, "fout-wachtwoord"))
				if schakel.ErrorCode(err) != schakel.EUNAVAILABLE || schakel.RetryAfter(err) <= 0 {
					t.Fatalf("Login on a busy server = %v, want unavailable with Retry-After", err)
				}
			}
			<-busy.login.checks
			// Eight attempts that were never checked cost nothing: the
			// account may still fail five times from that address.
			for i := 1; i <= 5; i++ {
				if _, err := busy.Login(ctx, at("192.0.2.7", email, "fout-wachtwoord")); err != ErrBadLogin {
					t.Fatalf("failure %d after the busy spell: %v", i, err)
				}
			}
			_, err := busy.Login(ctx, at("192.0.2.7", email, password))
			if schakel.ErrorCode(err) != schakel.ELOCKED || schakel.RetryAfter(err) != 3*time.Minute {
				t.Fatalf("sixth attempt = %v (retry after %v), want locked for 3m", err, schakel.RetryAfter(err))
			}
		})
	})
}

func TestLoginWaitInMinutes(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Second: "over een minuut", time.Minute: "over een minuut", 61 * time.Second: "over 2 minuten", 3 * time.Minute: "over 3 minuten",
	} {
		if got := inMinutes(d); got != want {
			t.Errorf("inMinutes(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestFamilyPauseInMinutes: a family login that a limit refused says how
// many minutes to wait, in Dutch (the message) and in English (the
// catalogue's text with the error's parameters), the same number as
// Retry-After rounded up; an activation's pause is told as one from here.
func TestFamilyPauseInMinutes(t *testing.T) {
	for _, tc := range []struct {
		name       string
		activation bool
		d          loginguard.Decision
		key, nl    string
		en         string
	}{
		{"name", false, loginguard.Decision{Refused: loginguard.ScopePair, RetryAfter: 3 * time.Minute}, "err.locked.pair",
			"Er is te vaak verkeerd ingelogd met deze naam. Probeer het over 3 minuten opnieuw.", "Logging in with this name went wrong too often. Try again in 3 minutes."},
		{"address", false, loginguard.Decision{Refused: loginguard.ScopeAddress, RetryAfter: 14*time.Minute + time.Second}, "err.locked.address",
			"Er is hier te vaak verkeerd ingelogd. Probeer het over 15 minuten opnieuw.", "Logging in from here went wrong too often. Try again in 15 minutes."},
		{"one minute", false, loginguard.Decision{Refused: loginguard.ScopePair, RetryAfter: 20 * time.Second}, "err.locked.pair",
			"Er is te vaak verkeerd ingelogd met deze naam. Probeer het over 1 minuut opnieuw.", "Logging in with this name went wrong too often. Try again in 1 minute."},
		{"activation", true, loginguard.Decision{Refused: loginguard.ScopePair, RetryAfter: 3 * time.Minute}, "err.locked.address",
			"Er is hier te vaak verkeerd ingelogd. Probeer het over 3 minuten opnieuw.", "Logging in from here went wrong too often. Try again in 3 minutes."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := familyLimited(tc.activation)(tc.d)
			if schakel.ErrorCode(err) != schakel.ELOCKED || schakel.RetryAfter(err) != tc.d.RetryAfter || schakel.ErrorKey(err) != tc.key {
				t.Fatalf("%v: code %s, key %q, retry after %v", err, schakel.ErrorCode(err), schakel.ErrorKey(err), schakel.RetryAfter(err))
			}
			if got := schakel.ErrorMessage(err); got != tc.nl {
				t.Errorf("Dutch %q, want %q", got, tc.nl)
			}
			if got := familytext.Get("en").T(tc.key, schakel.ErrorArgs(err)...); got != tc.en {
				t.Errorf("English %q, want %q", got, tc.en)
			}
		})
	}
}

// loginAccount adds one professional who can log in with password.
func loginAccount(t *testing.T, db *storage.DB, email, password string) {
	t.Helper()
	hash, err := auth.HashPassword(password, cheap)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(context.Background(), func(tx *storage.Tx) error {
		rid, err := tx.CreateRegion("Testregio")
		if err != nil {
			return err
		}
		o := schakel.Organisation{Name: "Veilig Thuis Test", Kind: schakel.VeiligThuis, RegionID: rid}
		if err := CreateOrganisationIn(tx, nil, &o); err != nil {
			return err
		}
		_, err = CreateProfessionalIn(tx, nil, schakel.ProfessionalInput{OrganisationID: o.ID, Email: email, Name: "Sanne de Wit",
			Roles: []schakel.Role{schakel.RoleIntake}, PasswordHash: hash})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
