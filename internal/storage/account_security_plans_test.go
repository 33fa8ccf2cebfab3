package storage_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	ptotp "github.com/pquerna/otp/totp"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/passkey/passkeytest"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestOwnSecondFactorPlans explains the statements of a professional
// looking after their own second factor in a session: the app set up,
// a risky act refused without a recent factor, a step-up with the app
// (and a wrong code), new recovery codes, a passkey set up, renamed and
// used for a step-up, the app removed and the last passkey with it. Every
// professional of the country does this, so none of it may read a table
// whole.
func TestOwnSecondFactorPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, baseReport())
		uc := pc.uc
		_, session := pc.sanneLogsIn(t, db, "192.0.2.21")
		me := session.actor.Professional.ID
		// stepped is the session's actor once it showed a factor now.
		stepped := func() *schakel.Actor {
			a := *session.actor
			a.Login.Factor, a.Login.ProvedAt = schakel.FactorTOTP, db.Now()
			return &a
		}
		code := func(secret string) string {
			c, err := ptotp.GenerateCode(secret, db.Now())
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		authenticator := passkeytest.New(loginRP.ID, loginRP.Origin)
		var key app.AppKey
		var recovery []string
		var opts []byte
		var enrolled app.PasskeyEnrolled
		steps := []planStep{
			{"the screen of one's second factor", func() error { _, err := uc.SecondFactors(ctx, session.actor); return err }},
			{"a key for the app", func() (err error) { key, err = uc.StartApp(ctx, session.actor); return err }},
			{"set up the app", func() (err error) {
				recovery, err = uc.ConfirmApp(ctx, session.actor, session.cred, code(key.Secret), demo.Password)
				return err
			}},
			{"a wrong code at the step-up", func() error {
				if _, err := uc.StepUp(ctx, session.actor, session.cred, "000000"); schakel.ErrorCode(err) != schakel.EINVALID {
					t.Errorf("a wrong step-up code: %v, want invalid", err)
				}
				return nil
			}},
			{"step up with the app", func() error {
				later := pc.w.now.Add(time.Minute) // the code that set up the app is used
				db.Now = func() time.Time { return later }
				_, err := uc.StepUp(ctx, session.actor, session.cred, code(key.Secret))
				return err
			}},
			{"new recovery codes", func() (err error) { recovery, err = uc.NewRecoveryCodes(ctx, stepped()); return err }},
			{"a passkey's options", func() (err error) {
				opts, err = uc.BeginPasskey(ctx, stepped(), session.cred, nil, loginRP)
				return err
			}},
			{"set up a passkey", func() (err error) {
				enrolled, err = uc.FinishPasskey(ctx, stepped(), session.cred, nil, loginRP,
					app.PasskeyEnrolment{Name: "laptop", Answer: authenticator.Create(opts)})
				return err
			}},
			{"rename the passkey", func() error { return uc.RenamePasskey(ctx, session.actor, enrolled.Passkey.ID, "werklaptop") }},
			{"a passkey's step-up options", func() (err error) {
				opts, err = uc.BeginPasskeyStepUp(ctx, session.actor, session.cred, nil, loginRP)
				return err
			}},
			{"step up with the passkey", func() error {
				_, err := uc.StepUpPasskey(ctx, session.actor, session.cred, nil, loginRP, authenticator.Get(opts))
				return err
			}},
			{"remove the app, the passkey stays", func() error {
				return uc.RemoveSecondFactor(ctx, session.actor, app.RemoveFactor{ProfessionalID: me, Password: demo.Password, RecoveryCode: recovery[0]})
			}},
			{"remove the last passkey", func() error {
				return uc.RemovePasskey(ctx, session.actor, app.RemovePasskeyRequest{ProfessionalID: me, PasskeyID: enrolled.Passkey.ID,
					Password: demo.Password, RecoveryCode: recovery[1]})
			}},
		}
		checkStepPlans(t, db, nil, steps)
		checkValueSteps(t, db, []planStep{
			{"a risky act without a recent factor", func() error {
				if err := uc.GuardStepUp(ctx, session.actor, access.ActExport, "plans"); err != app.ErrStepUp {
					t.Errorf("a risky act with a password-only login: %v, want ErrStepUp", err)
				}
				return nil
			}},
		})
	})
}

// TestSecondFactorEnrolmentPlans does the same for an organisation that
// requires a second factor: the administrator's choice, a password login
// that waits for a factor, the app set up at that login, the factors an
// administrator removes, and a passkey set up at the next login. Every
// professional of such an organisation passes here once, and again after
// losing a phone.
func TestSecondFactorEnrolmentPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, baseReport())
		uc := pc.uc
		admin := pc.w.actor(t, demo.Email("Joost", "vt"))
		attempt := app.Attempt{Email: demo.Email("Sanne", "vt"), Password: demo.Password, ClientAddr: "192.0.2.22", Workstation: "test"}
		authenticator := passkeytest.New(loginRP.ID, loginRP.Origin)
		var waiting app.LoginResult
		var wl app.WaitingLogin
		var key app.AppKey
		var opts []byte
		login := func() (err error) {
			waiting, err = uc.Login(ctx, attempt)
			if err == nil && !waiting.Enrol {
				t.Errorf("a login of an organisation that requires a factor asked for no enrolment: %+v", waiting)
			}
			return err
		}
		steps := []planStep{
			{"the organisation requires a second factor", func() error {
				return uc.SetSecondFactorRequired(ctx, admin, admin.Professional.Organisation.ID, true)
			}},
			{"a password login that must set up a factor", login},
			{"the login waiting for a factor", func() (err error) {
				wl, err = uc.WaitingLoginOf(ctx, waiting.Challenge, attempt.ClientAddr, attempt.Workstation)
				return err
			}},
			{"a key for the app at login", func() (err error) { key, err = uc.StartApp(ctx, wl.Actor); return err }},
			{"set up the app at login", func() error {
				c, err := ptotp.GenerateCode(key.Secret, db.Now())
				if err != nil {
					t.Fatal(err)
				}
				_, _, err = uc.EnrolAtLogin(ctx, app.CodeAttempt{Challenge: waiting.Challenge, Code: c, ClientAddr: attempt.ClientAddr, Workstation: "test"})
				return err
			}},
			{"an administrator removes the factors", func() error {
				return uc.RemoveSecondFactor(ctx, admin, app.RemoveFactor{ProfessionalID: wl.Actor.Professional.ID})
			}},
			{"a passkey's options at the next login", func() (err error) {
				if err := login(); err != nil {
					return err
				}
				opts, err = uc.BeginPasskeyAtLogin(ctx, waiting.Challenge, nil, loginRP)
				return err
			}},
			{"set up the passkey at login", func() error {
				_, _, err := uc.EnrolPasskeyAtLogin(ctx, app.PasskeyAttempt{Challenge: waiting.Challenge, Answer: authenticator.Create(opts),
					ClientAddr: attempt.ClientAddr, Workstation: "test"}, "laptop", nil, loginRP)
				return err
			}},
		}
		checkStepPlans(t, db, nil, steps)
	})
}

// TestAccountAdminPlans does the same for an organisation's identity
// provider and its administrators' commands: the provider read, a fresh
// login at it for a risky act, an identity unlinked, single sign-on
// ended, an organisation added and the caseload weights set. Administrators
// and team leads of every organisation do this while their colleagues
// work, so none of it may read a table whole.
func TestAccountAdminPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, baseReport())
		uc, sanne := pc.uc, pc.sanne
		admin := pc.w.actor(t, demo.Email("Joost", "vt"))
		lead := pc.w.actor(t, demo.Email("Erik", "jb"))
		vt := admin.Professional.Organisation
		prov := &schakel.IdentityProvider{OrganisationID: vt.ID, Issuer: "https://login.vt.example",
			ClientID: "schakel", SecretRef: "env:SCHAKEL_OIDC_SECRET_PLANS", Domains: []string{"vt.example"}}
		if err := uc.SetIdentityProvider(ctx, admin, prov); err != nil {
			t.Fatal(err)
		}
		visitor := &schakel.Actor{ClientAddr: "192.0.2.23", Workstation: "test"}
		if _, err := uc.LoginWithIdentity(ctx, visitor, storage.OIDCLogin{ProviderID: prov.ID, Subject: "sub-sanne", Claim: sanne.Professional.Email,
			SessionHash: "oidc-session-admin", MaxAge: 8 * time.Hour, AuthTime: pc.w.now, AMR: "pwd"}); err != nil {
			t.Fatal(err)
		}
		steps := []planStep{
			{"the organisation's provider", func() error { _, err := uc.IdentityProviderOf(ctx, admin, vt.ID); return err }},
			{"a fresh login at the provider", func() error {
				return uc.StepUpAtProvider(ctx, visitor, storage.ProviderStepUp{SessionHash: "oidc-session-admin", ProviderID: prov.ID,
					Subject: "sub-sanne", AMR: "pwd mfa"})
			}},
			{"unlink a professional's identity", func() error { return uc.UnlinkIdentity(ctx, admin, sanne.Professional.ID) }},
			{"end single sign-on", func() error { return uc.RemoveIdentityProvider(ctx, admin, vt.ID) }},
			{"set the caseload weights", func() error {
				_, err := uc.SetCaseloadWeights(ctx, lead, app.Weights{Red: 2, Orange: 1.2, Green: 1, Unrated: 1, SecondHolder: 0.25, Source: "MT-besluit november"})
				return err
			}},
		}
		checkStepPlans(t, db, nil, steps)
		checkValueSteps(t, db, []planStep{
			{"add an organisation", func() error {
				return uc.CreateOrganisation(ctx, admin, &schakel.Organisation{RegionID: vt.RegionID, Name: "Wijkteam Noord", Kind: schakel.Wijkteam})
			}},
		})
	})
}

// checkValueSteps runs, in a subtest each, steps that may write given
// values only (a row and its audit entry, or the audit entry of a
// refusal): SQLite then has no plan to explain, where PostgreSQL writes
// the audit entries with a statement it explains. A step that fails, or
// that neither writes nor issues a statement to explain, fails it.
func checkValueSteps(t *testing.T, db *storage.DB, steps []planStep) {
	t.Helper()
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			var inserts atomic.Int64
			db.RecordStatements(func(q string, _ []any) {
				if strings.HasPrefix(strings.TrimSpace(q), "INSERT") {
					inserts.Add(1)
				}
			})
			defer db.RecordStatements(nil)
			n := checkPlans(t, db, nil, func() {
				if err := s.run(); err != nil {
					t.Fatal(err)
				}
			})
			if n == 0 && inserts.Load() == 0 {
				t.Error("no statement was issued")
			}
		})
	}
}
