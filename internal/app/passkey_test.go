package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/passkey"
	"schakel/internal/passkey/passkeytest"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

var testRP = passkey.RP{ID: "schakel.test", Origin: "https://schakel.test"}

// passkeySession is a logged-in session: its credential and actor as the
// web layer would find them.
type passkeySession struct {
	secret string
	cred   storage.Credential
	actor  *schakel.Actor
}

func (w *factorWorld) sessionOf(t *testing.T, secret string) passkeySession {
	t.Helper()
	hash := auth.HashSecret(secret)
	p, login, err := w.db.SessionLogin(context.Background(), hash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return passkeySession{secret: secret, cred: storage.Credential{Hash: hash}, actor: &schakel.Actor{Professional: &p, ClientAddr: "192.0.2.9", Workstation: "test", Login: login}}
}

// passwordSession logs in with the password alone (the account has no factor).
func (w *factorWorld) passwordSession(t *testing.T) passkeySession {
	t.Helper()
	res, err := w.app.Login(context.Background(), app.Attempt{Email: w.email, Password: w.password, ClientAddr: "192.0.2.9", Workstation: "test"})
	if err != nil || res.Session == "" {
		t.Fatalf("Login = %+v, %v; want a session", res, err)
	}
	return w.sessionOf(t, res.Session)
}

// enrolPasskey enrols a passkey of a new software authenticator on s.
func (w *factorWorld) enrolPasskey(t *testing.T, s passkeySession, name, password string) (*passkeytest.Authenticator, app.PasskeyEnrolled) {
	t.Helper()
	ctx := context.Background()
	a := passkeytest.New(testRP.ID, testRP.Origin)
	opts, err := w.app.BeginPasskey(ctx, s.actor, s.cred, nil, testRP)
	if err != nil {
		t.Fatal(err)
	}
	out, err := w.app.FinishPasskey(ctx, s.actor, s.cred, nil, testRP, app.PasskeyEnrolment{Name: name, Password: password, Answer: a.Create(opts)})
	if err != nil {
		t.Fatalf("FinishPasskey: %v", err)
	}
	return a, out
}

func fieldCode(err error) string {
	if fs := schakel.FieldErrors(err); len(fs) == 1 {
		return fs[0].Code
	}
	return ""
}

// TestFirstPasskeyTakesThePassword: a first factor outside the login takes
// the password, as the app does; refusals leave only their audit entry,
// and a replayed enrolment is refused the same way.
func TestFirstPasskeyTakesThePassword(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newFactorWorld(t, db)
		s := w.passwordSession(t)
		a := passkeytest.New(testRP.ID, testRP.Origin)
		opts, err := w.app.BeginPasskey(ctx, s.actor, s.cred, nil, testRP)
		if err != nil {
			t.Fatal(err)
		}
		answer := a.Create(opts)
		finish := func(name, password string) error {
			_, err := w.app.FinishPasskey(ctx, s.actor, s.cred, nil, testRP, app.PasskeyEnrolment{Name: name, Password: password, Answer: answer})
			return err
		}
		for _, tc := range []struct{ name, passkey, password, field string }{
			{"no password", "laptop", "", "password_required"},
			{"a wrong password", "laptop", "niet-het-wachtwoord", "wrong_password"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error {
					err := finish(tc.passkey, tc.password)
					if fieldCode(err) != tc.field {
						t.Errorf("field error %+v, want %s", schakel.FieldErrors(err), tc.field)
					}
					return err
				})
			})
		}
		if err := finish("  ", w.password); fieldCode(err) != "name_required" {
			t.Fatalf("no name: %v", err)
		}
		if err := finish("laptop", w.password); err != nil {
			t.Fatalf("with the password: %v", err)
		}
		st, err := w.app.SecondFactors(ctx, w.me)
		if err != nil || len(st.Passkeys) != 1 || st.Passkeys[0].Name != "laptop" || st.RecoveryLeft != app.RecoveryCodeCount || st.App {
			t.Fatalf("status after enrolment: %+v, %v", st, err)
		}
		if again := w.sessionOf(t, s.secret); again.actor.Login.Factor != schakel.FactorPasskey {
			t.Fatalf("the enrolling session was not stepped up: %+v", again.actor.Login)
		}
		t.Run("replayed", func(t *testing.T) {
			s = w.sessionOf(t, s.secret) // stepped up now: the step-up is no reason to refuse
			refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error {
				err := finish("laptop 2", w.password)
				if fieldCode(err) != "challenge_expired" {
					t.Errorf("field error %+v", schakel.FieldErrors(err))
				}
				return err
			})
		})
	})
}

// TestPasskeyLogin: a passkey is the second step of a password login (also
// where the organisation requires a factor); a refused answer counts as a
// wrong code and is audited.
func TestPasskeyLogin(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newFactorWorld(t, db)
		a, _ := w.enrolPasskey(t, w.passwordSession(t), "laptop", w.password)
		if err := w.app.SetSecondFactorRequired(ctx, w.admin, w.me.Professional.Organisation.ID, true); err != nil {
			t.Fatal(err)
		}
		res := w.challenge(t)
		if res.Enrol {
			t.Fatal("the organisation requires a factor and the account has a passkey: no enrolment, the passkey is asked")
		}
		attempt := func(answer []byte) (string, error) {
			return w.app.CompletePasskeyLogin(ctx, app.PasskeyAttempt{Challenge: res.Challenge, Answer: answer, ClientAddr: "192.0.2.9", Workstation: "test"}, nil, testRP)
		}
		opts, err := w.app.BeginPasskeyLogin(ctx, res.Challenge, nil, testRP)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("another authenticator", func(t *testing.T) {
			other := passkeytest.New(testRP.ID, testRP.Origin)
			if _, err := attempt(other.Get(opts)); err != app.ErrBadPasskey {
				t.Fatalf("a passkey of no one: %v", err)
			}
		})
		t.Run("a used challenge", func(t *testing.T) {
			if _, err := attempt(a.Get(opts)); err != app.ErrBadPasskey {
				t.Fatalf("the challenge was answered before: %v", err)
			}
		})
		opts, err = w.app.BeginPasskeyLogin(ctx, res.Challenge, nil, testRP)
		if err != nil {
			t.Fatal(err)
		}
		secret, err := attempt(a.Get(opts))
		if err != nil || secret == "" {
			t.Fatalf("CompletePasskeyLogin = %q, %v", secret, err)
		}
		if s := w.sessionOf(t, secret); s.actor.Login.String() != "password+webauthn" {
			t.Fatalf("login strength %q", s.actor.Login.String())
		}
		refused := w.refusedLogins(t)
		if len(refused) != 2 {
			t.Fatalf("refused logins in the trail: %q", refused)
		}
	})
}

// TestPasskeyStepUp: a step-up with a passkey; its challenge is bound to
// the session it was begun on, answered once, and short-lived. Refusals
// leave only their audit entry.
func TestPasskeyStepUp(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newFactorWorld(t, db)
		first := w.passwordSession(t)
		a, _ := w.enrolPasskey(t, first, "laptop", w.password)
		res := w.challenge(t)
		opts, err := w.app.BeginPasskeyLogin(ctx, res.Challenge, nil, testRP)
		if err != nil {
			t.Fatal(err)
		}
		secret, err := w.app.CompletePasskeyLogin(ctx, app.PasskeyAttempt{Challenge: res.Challenge, Answer: a.Get(opts)}, nil, testRP)
		if err != nil {
			t.Fatal(err)
		}
		*w.now = w.now.Add(10 * time.Minute) // the login's factor is too old for a risky act
		s, other := w.sessionOf(t, secret), w.sessionOf(t, first.secret)
		stepUp := func(on passkeySession, answer []byte) error {
			_, err := w.app.StepUpPasskey(ctx, on.actor, on.cred, nil, testRP, answer)
			return err
		}
		opts, err = w.app.BeginPasskeyStepUp(ctx, s.actor, s.cred, nil, testRP)
		if err != nil {
			t.Fatal(err)
		}
		answer := a.Get(opts)
		t.Run("another session's challenge", func(t *testing.T) {
			refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error { return stepUp(other, answer) })
		})
		if err := stepUp(s, answer); err != nil {
			t.Fatalf("step-up: %v", err)
		}
		if got := w.sessionOf(t, secret).actor.Login; got.Factor != schakel.FactorPasskey || !got.ProvedAt.Equal(*w.now) {
			t.Fatalf("after the step-up: %+v", got)
		}
		t.Run("replayed", func(t *testing.T) {
			refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error { return stepUp(s, answer) })
		})
		t.Run("expired", func(t *testing.T) {
			opts, err := w.app.BeginPasskeyStepUp(ctx, s.actor, s.cred, nil, testRP)
			if err != nil {
				t.Fatal(err)
			}
			*w.now = w.now.Add(passkey.CeremonyLife + time.Second)
			refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error { return stepUp(s, a.Get(opts)) })
		})
		t.Run("another session answers its own challenge with the first one's answer", func(t *testing.T) {
			opts, err := w.app.BeginPasskeyStepUp(ctx, s.actor, s.cred, nil, testRP)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.app.BeginPasskeyStepUp(ctx, other.actor, other.cred, nil, testRP); err != nil {
				t.Fatal(err)
			}
			if err := stepUp(other, a.Get(opts)); fieldCode(err) != "passkey_refused" {
				t.Fatalf("answer to another session's challenge: %v", err)
			}
		})
	})
}

// TestRemovePasskey: beside another factor a passkey goes after a step-up;
// the last factor takes the password and a recovery code (or an
// administrator), and the recovery codes go with it.
func TestRemovePasskey(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newFactorWorld(t, db)
		s := w.passwordSession(t)
		_, laptop := w.enrolPasskey(t, s, "laptop", w.password)
		codes := laptop.RecoveryCodes
		if len(codes) != app.RecoveryCodeCount {
			t.Fatalf("a first passkey gave %d recovery codes", len(codes))
		}
		s = w.sessionOf(t, s.secret)
		_, phone := w.enrolPasskey(t, s, "telefoon", "")
		if len(phone.RecoveryCodes) != 0 {
			t.Fatal("a second passkey made new recovery codes")
		}
		remove := func(a *schakel.Actor, id int64, password, code string) error {
			return w.app.RemovePasskey(ctx, a, app.RemovePasskeyRequest{ProfessionalID: w.me.Professional.ID, PasskeyID: id, Password: password, RecoveryCode: code})
		}
		*w.now = w.now.Add(10 * time.Minute)
		s = w.sessionOf(t, s.secret)
		refusedLeavesOnlyAudit(t, db, schakel.ESTEPUP, 1, func() error { return remove(s.actor, phone.Passkey.ID, "", "") })
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error { return remove(w.otherAdmin, phone.Passkey.ID, "", "") })
		*w.now = w.now.Add(-10 * time.Minute)
		s = w.sessionOf(t, s.secret)
		if err := w.app.RenamePasskey(ctx, s.actor, phone.Passkey.ID, "oude telefoon"); err != nil {
			t.Fatal(err)
		}
		if err := remove(s.actor, phone.Passkey.ID, "", ""); err != nil {
			t.Fatalf("a passkey beside another, after a step-up: %v", err)
		}
		for _, tc := range []struct{ name, password, code string }{
			{"no password", "", codes[0]},
			{"no recovery code", w.password, ""},
			{"a wrong recovery code", w.password, "AAAA-BBBB-CCCC"},
		} {
			t.Run("last factor, "+tc.name, func(t *testing.T) {
				refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error { return remove(s.actor, laptop.Passkey.ID, tc.password, tc.code) })
			})
		}
		if err := remove(s.actor, laptop.Passkey.ID, w.password, codes[0]); err != nil {
			t.Fatalf("the last passkey with password and recovery code: %v", err)
		}
		st, err := w.app.SecondFactors(ctx, w.me)
		if err != nil || len(st.Passkeys) != 0 || st.RecoveryLeft != 0 {
			t.Fatalf("after removing the last factor: %+v, %v", st, err)
		}
		t.Run("an administrator", func(t *testing.T) {
			_, k := w.enrolPasskey(t, w.passwordSession(t), "laptop", w.password)
			if err := w.app.RemoveSecondFactor(ctx, w.admin, app.RemoveFactor{ProfessionalID: w.me.Professional.ID}); err != nil {
				t.Fatalf("an administrator removes every factor: %v", err)
			}
			if err := remove(w.admin, k.Passkey.ID, "", ""); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("the passkey stayed: %v", err)
			}
		})
	})
}

// TestPasskeyCloneWarning: a sign counter that goes back is kept as a
// clone warning and audited; the use passes (the owner may still hold the
// key) and the warning stays when the counter goes up again.
func TestPasskeyCloneWarning(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newFactorWorld(t, db)
		s := w.passwordSession(t)
		a, _ := w.enrolPasskey(t, s, "laptop", w.password)
		s = w.sessionOf(t, s.secret)
		stepUp := func() {
			t.Helper()
			opts, err := w.app.BeginPasskeyStepUp(ctx, s.actor, s.cred, nil, testRP)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.app.StepUpPasskey(ctx, s.actor, s.cred, nil, testRP, a.Get(opts)); err != nil {
				t.Fatalf("step-up: %v", err)
			}
		}
		stepUp()
		stepUp() // counter 2
		a.Counter = 0
		stepUp() // counter 1: went back
		stepUp() // counter 2: up again, the warning stays
		st, err := w.app.SecondFactors(ctx, w.me)
		if err != nil || len(st.Passkeys) != 1 || !st.Passkeys[0].CloneWarning {
			t.Fatalf("after a counter that went back: %+v, %v", st, err)
		}
		es, err := app.New(db).ListAudit(ctx, w.officer, storage.AuditFilter{OrganisationID: w.me.Professional.Organisation.ID, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		warned := 0
		for _, e := range es {
			if strings.Contains(e.Detail, "may have been copied") {
				warned++
			}
		}
		if warned != 1 {
			t.Errorf("%d audit entries name the clone warning, want 1", warned)
		}
	})
}

// TestPasskeyAtLoginEnrolment: where the organisation requires a second
// factor, an account without one may set up a passkey right after the
// password, as it may an app; the login's challenge is used once.
func TestPasskeyAtLoginEnrolment(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newFactorWorld(t, db)
		if err := w.app.SetSecondFactorRequired(ctx, w.admin, w.me.Professional.Organisation.ID, true); err != nil {
			t.Fatal(err)
		}
		res := w.challenge(t)
		if !res.Enrol {
			t.Fatal("no enrolment asked")
		}
		if _, err := w.app.BeginPasskeyLogin(ctx, res.Challenge, nil, testRP); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Fatalf("a passkey login for a login that must enrol: %v", err)
		}
		a := passkeytest.New(testRP.ID, testRP.Origin)
		opts, err := w.app.BeginPasskeyAtLogin(ctx, res.Challenge, nil, testRP)
		if err != nil {
			t.Fatal(err)
		}
		answer := a.Create(opts)
		enrol := func(name string) (string, []string, error) {
			return w.app.EnrolPasskeyAtLogin(ctx, app.PasskeyAttempt{Challenge: res.Challenge, Answer: answer, ClientAddr: "192.0.2.9", Workstation: "test"}, name, nil, testRP)
		}
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 0, func() error { _, _, err := enrol(""); return err })
		secret, codes, err := enrol("laptop")
		if err != nil || secret == "" || len(codes) != app.RecoveryCodeCount {
			t.Fatalf("EnrolPasskeyAtLogin = %q, %d codes, %v", secret, len(codes), err)
		}
		if s := w.sessionOf(t, secret); s.actor.Login.String() != "password+webauthn" {
			t.Fatalf("login strength %q", s.actor.Login.String())
		}
		if _, _, err := enrol("laptop"); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
			t.Fatalf("the login's challenge was used twice: %v", err)
		}
		if res := w.challenge(t); res.Enrol {
			t.Fatal("after enrolment the login asks for the passkey, not enrolment")
		}
	})
}
