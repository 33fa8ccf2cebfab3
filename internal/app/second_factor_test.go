package app_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	potp "github.com/pquerna/otp"
	ptotp "github.com/pquerna/otp/totp"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/loginguard"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// factorWorld is one organisation with a professional who logs in with a
// password, a colleague administrator, a privacy officer to read the trail,
// and an administrator of another organisation.
type factorWorld struct {
	db                             *storage.DB
	app                            *app.App
	now                            *time.Time
	email, password                string
	me, admin, officer, otherAdmin *schakel.Actor
}

func newFactorWorld(t *testing.T, db *storage.DB) *factorWorld {
	t.Helper()
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	w := &factorWorld{db: db, now: &now, email: "sanne.vt@schakel.test", password: "een-lang-wachtwoord"}
	db.Now = func() time.Time { return *w.now }
	passwordAccount(t, db, w.email, w.password)
	w.app = factorLogins(db)
	cred, err := db.Credentials(context.Background(), w.email)
	if err != nil {
		t.Fatal(err)
	}
	w.me = actorOf(t, db, cred.ProfessionalID)
	var ids [3]int64
	err = db.Update(context.Background(), func(tx *storage.Tx) error {
		other := schakel.Organisation{Name: "Jeugdbescherming Test", Kind: schakel.Jeugdbescherming, RegionID: w.me.Professional.Organisation.RegionID}
		if err := app.CreateOrganisationIn(tx, nil, &other); err != nil {
			return err
		}
		for i, in := range []schakel.ProfessionalInput{
			{OrganisationID: w.me.Professional.Organisation.ID, Email: "beheer@schakel.test", Name: "Bea Beheer", Roles: []schakel.Role{schakel.RoleAdmin}},
			{OrganisationID: w.me.Professional.Organisation.ID, Email: "privacy@schakel.test", Name: "Pim Privacy", Roles: []schakel.Role{schakel.RolePrivacyOfficer}},
			{OrganisationID: other.ID, Email: "beheer@jb.test", Name: "Ali Anders", Roles: []schakel.Role{schakel.RoleAdmin}},
		} {
			if ids[i], err = app.CreateProfessionalIn(tx, nil, in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w.admin, w.officer, w.otherAdmin = actorOf(t, db, ids[0]), actorOf(t, db, ids[1]), actorOf(t, db, ids[2])
	return w
}

// factorLogins are cheap password settings for tests.
func factorLogins(db *storage.DB) *app.App {
	return app.New(db, app.WithLogin(app.LoginConfig{Policy: loginguard.NewPolicy(5, 15*time.Minute), SessionMaxAge: time.Hour,
		PasswordParams: auth.Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32}, MaxChecks: 2, QueueWait: time.Minute}))
}

// passwordAccount adds one professional who logs in with a password.
func passwordAccount(t *testing.T, db *storage.DB, email, password string) {
	t.Helper()
	hash, err := auth.HashPassword(password, auth.Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(context.Background(), func(tx *storage.Tx) error {
		rid, err := tx.CreateRegion("Testregio")
		if err != nil {
			return err
		}
		o := schakel.Organisation{Name: "Veilig Thuis Test", Kind: schakel.VeiligThuis, RegionID: rid}
		if err := app.CreateOrganisationIn(tx, nil, &o); err != nil {
			return err
		}
		_, err = app.CreateProfessionalIn(tx, nil, schakel.ProfessionalInput{OrganisationID: o.ID, Email: email, Name: "Sanne de Wit",
			Roles: []schakel.Role{schakel.RoleIntake}, PasswordHash: hash})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func actorOf(t *testing.T, db *storage.DB, id int64) *schakel.Actor {
	t.Helper()
	p, err := db.Professional(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return &schakel.Actor{Professional: &p, ClientAddr: "192.0.2.9", Workstation: "test"}
}

// code computes the app's code with a second implementation.
func (w *factorWorld) code(t *testing.T, secret string) string {
	t.Helper()
	c, err := ptotp.GenerateCodeCustom(secret, *w.now, ptotp.ValidateOpts{Period: 30, Digits: potp.DigitsSix, Algorithm: potp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// enrol sets up an app for the professional and returns its key and the
// recovery codes.
func (w *factorWorld) enrol(t *testing.T) (string, []string) {
	t.Helper()
	ctx := context.Background()
	key, err := w.app.StartApp(ctx, w.me)
	if err != nil {
		t.Fatal(err)
	}
	codes, err := w.app.ConfirmApp(ctx, w.me, storage.Credential{}, w.code(t, key.Secret), w.password)
	if err != nil || len(codes) != app.RecoveryCodeCount {
		t.Fatalf("ConfirmApp = %d codes, %v", len(codes), err)
	}
	return key.Secret, codes
}

// challenge logs in with the password and returns the waiting login.
func (w *factorWorld) challenge(t *testing.T) app.LoginResult {
	t.Helper()
	res, err := w.app.Login(context.Background(), app.Attempt{Email: w.email, Password: w.password, ClientAddr: "192.0.2.9", Workstation: "test"})
	if err != nil || res.Session != "" || res.Challenge == "" {
		t.Fatalf("Login = %+v, %v; want a challenge", res, err)
	}
	return res
}

func (w *factorWorld) complete(res app.LoginResult, code string) (string, error) {
	return w.app.CompleteLogin(context.Background(), app.CodeAttempt{Challenge: res.Challenge, Code: code, ClientAddr: "192.0.2.9", Workstation: "test"})
}

// refusedLogins returns the details of the refused logins in the trail.
func (w *factorWorld) refusedLogins(t *testing.T) []string {
	t.Helper()
	es, err := app.New(w.db).ListAudit(context.Background(), w.officer, storage.AuditFilter{OrganisationID: w.me.Professional.Organisation.ID,
		Event: audit.EventLogin, Outcome: audit.Refused, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Detail)
	}
	return out
}

func TestSecondFactorLogin(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newFactorWorld(t, db)
		if res, err := w.app.Login(ctx, app.Attempt{Email: w.email, Password: w.password}); err != nil || res.Session == "" {
			t.Fatalf("without a factor the password opens a session: %+v, %v", res, err)
		}
		secret, recovery := w.enrol(t)
		*w.now = w.now.Add(time.Minute) // the confirming code's step is used

		t.Run("the app's code opens a session with the factor recorded", func(t *testing.T) {
			session, err := w.complete(w.challenge(t), w.code(t, secret))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.SessionProfessional(ctx, auth.HashSecret(session), time.Hour); err != nil {
				t.Fatalf("the session does not work: %v", err)
			}
		})
		t.Run("the same code again, in the same step, is refused and audited", func(t *testing.T) {
			if _, err := w.complete(w.challenge(t), w.code(t, secret)); err != app.ErrBadCode {
				t.Fatalf("reused code: %v, want app.ErrBadCode", err)
			}
			if got := w.refusedLogins(t); len(got) == 0 || !strings.Contains(got[0], "app code already used") {
				t.Fatalf("trail: %q", got)
			}
		})
		t.Run("one code sent twice at once passes once", func(t *testing.T) {
			*w.now = w.now.Add(30 * time.Second)
			code := w.code(t, secret)
			chs := []app.LoginResult{w.challenge(t), w.challenge(t), w.challenge(t), w.challenge(t)}
			var wg sync.WaitGroup
			var mu sync.Mutex
			passed := 0
			for _, ch := range chs {
				wg.Go(func() {
					if _, err := w.complete(ch, code); err == nil {
						mu.Lock()
						passed++
						mu.Unlock()
					} else if err != app.ErrBadCode {
						t.Errorf("concurrent attempt: %v", err)
					}
				})
			}
			wg.Wait()
			if passed != 1 {
				t.Fatalf("%d of %d concurrent attempts passed with one code, want 1", passed, len(chs))
			}
		})
		t.Run("a recovery code works once", func(t *testing.T) {
			if _, err := w.complete(w.challenge(t), strings.ToLower(recovery[3])); err != nil {
				t.Fatalf("recovery code: %v", err)
			}
			if _, err := w.complete(w.challenge(t), recovery[3]); err != app.ErrBadCode {
				t.Fatalf("recovery code used twice: %v", err)
			}
			if got := w.refusedLogins(t); !strings.Contains(got[0], "recovery code unknown or already used") {
				t.Fatalf("trail: %q", got)
			}
		})
		t.Run("five wrong codes end the login", func(t *testing.T) {
			ch := w.challenge(t)
			for i := 1; i < 5; i++ {
				if _, err := w.complete(ch, "000000"); err != app.ErrBadCode {
					t.Fatalf("wrong code %d: %v", i, err)
				}
			}
			if _, err := w.complete(ch, "000000"); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED || err == app.ErrBadCode {
				t.Fatalf("last wrong code: %v", err)
			}
			*w.now = w.now.Add(30 * time.Second)
			if _, err := w.complete(ch, w.code(t, secret)); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED || err == app.ErrBadCode {
				t.Fatalf("a right code after the login ended: %v", err)
			}
		})
		t.Run("a challenge expires", func(t *testing.T) {
			ch := w.challenge(t)
			*w.now = w.now.Add(11 * time.Minute)
			if _, err := w.complete(ch, w.code(t, secret)); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED || err == app.ErrBadCode {
				t.Fatalf("expired challenge: %v", err)
			}
		})
		t.Run("a challenge is no session", func(t *testing.T) {
			ch := w.challenge(t)
			if _, err := db.SessionProfessional(ctx, auth.HashSecret(ch.Challenge), time.Hour); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
				t.Fatalf("the challenge opened a session: %v", err)
			}
		})
	})
}

func TestSecondFactorRequiredByOrganisation(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newFactorWorld(t, db)
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error {
			return w.app.SetSecondFactorRequired(ctx, w.otherAdmin, w.me.Professional.Organisation.ID, true)
		})
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error {
			return w.app.SetSecondFactorRequired(ctx, w.me, w.me.Professional.Organisation.ID, true)
		})
		if err := w.app.SetSecondFactorRequired(ctx, w.admin, w.me.Professional.Organisation.ID, true); err != nil {
			t.Fatal(err)
		}
		res := w.challenge(t)
		if !res.Enrol {
			t.Fatalf("no enrolment asked: %+v", res)
		}
		if _, err := w.complete(res, "123456"); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Fatalf("a code for a login that must enrol: %v", err)
		}
		wl, err := w.app.WaitingLoginOf(ctx, res.Challenge, "192.0.2.9", "test")
		if err != nil || !wl.Enrol {
			t.Fatalf("WaitingLoginOf = %+v, %v", wl, err)
		}
		key, err := w.app.StartApp(ctx, wl.Actor)
		if err != nil {
			t.Fatal(err)
		}
		enrol := func(code string) (string, []string, error) {
			return w.app.EnrolAtLogin(ctx, app.CodeAttempt{Challenge: res.Challenge, Code: code, ClientAddr: "192.0.2.9", Workstation: "test"})
		}
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error { _, _, err := enrol("999999"); return err })
		session, codes, err := enrol(w.code(t, key.Secret))
		if err != nil || session == "" || len(codes) != app.RecoveryCodeCount {
			t.Fatalf("EnrolAtLogin = %q, %d codes, %v", session, len(codes), err)
		}
		if _, _, err := enrol(w.code(t, key.Secret)); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
			t.Fatalf("the challenge was used twice: %v", err)
		}
		if res := w.challenge(t); res.Enrol {
			t.Fatal("after enrolment the login asks for the code, not enrolment")
		}
	})
}

func TestRemoveSecondFactor(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newFactorWorld(t, db)
		_, recovery := w.enrol(t)
		remove := func(a *schakel.Actor, password, code string) func() error {
			return func() error {
				return w.app.RemoveSecondFactor(ctx, a, app.RemoveFactor{ProfessionalID: w.me.Professional.ID, Password: password, RecoveryCode: code})
			}
		}
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, remove(w.me, "fout-wachtwoord", recovery[0]))
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, remove(w.me, w.password, "ABCD-EFGH-JKMN-PQRS"))
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, remove(w.otherAdmin, "", ""))
		if err := remove(w.me, w.password, recovery[0])(); err != nil {
			t.Fatalf("removal with password and recovery code: %v", err)
		}
		if res, err := w.app.Login(ctx, app.Attempt{Email: w.email, Password: w.password}); err != nil || res.Session == "" {
			t.Fatalf("after removal the password alone logs in: %+v, %v", res, err)
		}

		_, recovery = w.enrol(t)
		session, err := w.complete(w.challenge(t), recovery[1])
		if err != nil {
			t.Fatal(err)
		}
		if err := remove(w.admin, "", "")(); err != nil {
			t.Fatalf("removal by the administrator: %v", err)
		}
		if _, err := db.SessionProfessional(ctx, auth.HashSecret(session), time.Hour); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
			t.Fatalf("the administrator's removal left a session: %v", err)
		}
		if err := remove(w.admin, "", "")(); schakel.ErrorCode(err) != schakel.ENOTFOUND {
			t.Fatalf("removing nothing: %v", err)
		}
	})
}

func TestReplaceAppKeepsRecoveryCodes(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newFactorWorld(t, db)
		old, recovery := w.enrol(t)
		key, err := w.app.StartApp(ctx, w.me)
		if err != nil || key.Secret == old {
			t.Fatalf("StartApp = %+v, %v", key, err)
		}
		*w.now = w.now.Add(30 * time.Second)
		// A session that showed no factor in the last 5 minutes (a stolen
		// one) may neither replace the app nor make recovery codes.
		refusedLeavesOnlyAudit(t, db, schakel.ESTEPUP, 1, func() error {
			_, err := w.app.ConfirmApp(ctx, w.me, storage.Credential{}, w.code(t, key.Secret), w.password)
			return err
		})
		refusedLeavesOnlyAudit(t, db, schakel.ESTEPUP, 1, func() error {
			_, err := w.app.NewRecoveryCodes(ctx, w.me)
			return err
		})
		w.me.Login = schakel.LoginStrength{Method: schakel.LoginPassword, Factor: schakel.FactorTOTP, ProvedAt: *w.now}
		codes, err := w.app.ConfirmApp(ctx, w.me, storage.Credential{}, w.code(t, key.Secret), "")
		if err != nil || len(codes) != 0 {
			t.Fatalf("replacing: %d new codes, %v", len(codes), err)
		}
		*w.now = w.now.Add(30 * time.Second)
		if _, err := w.complete(w.challenge(t), w.code(t, old)); err != app.ErrBadCode {
			t.Fatalf("the old app still works: %v", err)
		}
		if _, err := w.complete(w.challenge(t), w.code(t, key.Secret)); err != nil {
			t.Fatalf("the new app: %v", err)
		}
		if _, err := w.complete(w.challenge(t), recovery[9]); err != nil {
			t.Fatalf("a recovery code after replacing the app: %v", err)
		}
		fresh, err := w.app.NewRecoveryCodes(ctx, w.me)
		if err != nil || len(fresh) != app.RecoveryCodeCount {
			t.Fatal(err)
		}
		if _, err := w.complete(w.challenge(t), recovery[8]); err != app.ErrBadCode {
			t.Fatalf("an old recovery code after new ones were made: %v", err)
		}
		if _, err := w.complete(w.challenge(t), fresh[0]); err != nil {
			t.Fatalf("a new recovery code: %v", err)
		}
	})
}

// TestFirstAppTakesThePassword: whoever holds a password-only session
// cannot set up their own first app (and with it pass every step-up)
// without the account's password; a provider login of the last 5 minutes
// proves it too. Each refusal leaves only its audit entry.
func TestFirstAppTakesThePassword(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newFactorWorld(t, db)
		key, err := w.app.StartApp(ctx, w.me)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct{ name, password, field string }{
			{"no password", "", "password_required"},
			{"a wrong password", "niet-het-wachtwoord", "wrong_password"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error {
					_, err := w.app.ConfirmApp(ctx, w.me, storage.Credential{}, w.code(t, key.Secret), tc.password)
					if fs := schakel.FieldErrors(err); len(fs) != 1 || fs[0].Field != "password" || fs[0].Code != tc.field {
						t.Errorf("field errors %+v, want password %s", fs, tc.field)
					}
					return err
				})
			})
		}
		t.Run("a fresh provider login", func(t *testing.T) {
			oidc := *w.me
			oidc.Login = schakel.LoginStrength{Method: schakel.LoginOIDC, ProvedAt: *w.now}
			codes, err := w.app.ConfirmApp(ctx, &oidc, storage.Credential{}, w.code(t, key.Secret), "")
			if err != nil || len(codes) != app.RecoveryCodeCount {
				t.Fatalf("ConfirmApp after a fresh provider login = %d codes, %v", len(codes), err)
			}
		})
	})
}
