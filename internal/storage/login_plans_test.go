package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/demo"
	"schakel/internal/passkey"
	"schakel/internal/passkey/passkeytest"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// loginRP is the relying party the passkey plan steps answer.
var loginRP = passkey.RP{ID: "schakel.test", Origin: "https://schakel.test"}

// TestIdentityLoginPlans explains the statements of logging in through an
// organisation's identity provider: the flow started and taken back, the
// first login that links the identity, a login by the linked subject, an
// identity without an account (audited, the administrators told), a
// login that failed at the provider, and the login page's look-ups of a
// provider. Every professional of the country
// logs in this way each morning, so none of it may read a table whole.
func TestIdentityLoginPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, baseReport())
		uc, sanne := pc.uc, pc.sanne
		admin := pc.w.actor(t, demo.Email("Joost", "vt"))
		prov := &schakel.IdentityProvider{OrganisationID: sanne.Professional.Organisation.ID, Issuer: "https://login.vt.example",
			ClientID: "schakel", SecretRef: "env:SCHAKEL_OIDC_SECRET_PLANS", Domains: []string{"vt.example"}}
		if err := uc.SetIdentityProvider(ctx, admin, prov); err != nil {
			t.Fatal(err)
		}
		visitor := &schakel.Actor{ClientAddr: "192.0.2.20", Workstation: "test"}
		login := func(subject, claim, session string) storage.OIDCLogin {
			return storage.OIDCLogin{ProviderID: prov.ID, Subject: subject, Claim: claim, SessionHash: session,
				MaxAge: 8 * time.Hour, AuthTime: pc.w.now, AMR: "pwd"}
		}
		steps := []planStep{
			{"start a login at the provider", func() error {
				return uc.StartOIDCFlow(ctx, storage.OIDCFlow{StateHash: "state-plans", NonceHash: "nonce-plans", ProviderID: prov.ID,
					Next: "/", StartedAt: pc.w.now}, 10*time.Minute)
			}},
			{"come back from the provider", func() error { _, err := uc.TakeOIDCFlow(ctx, "state-plans"); return err }},
			{"the first login links the identity", func() error {
				_, err := uc.LoginWithIdentity(ctx, visitor, login("sub-sanne", sanne.Professional.Email, "oidc-session-1"))
				return err
			}},
			{"a login by the linked identity", func() error {
				_, err := uc.LoginWithIdentity(ctx, visitor, login("sub-sanne", "", "oidc-session-2"))
				return err
			}},
			{"an identity without an account", func() error {
				_, err := uc.LoginWithIdentity(ctx, visitor, login("sub-unknown", "onbekend@vt.example", "oidc-session-3"))
				if err != app.ErrUnknownIdentity {
					t.Errorf("an unknown identity: %v, want ErrUnknownIdentity", err)
				}
				return nil
			}},
			{"a login that failed at the provider", func() error {
				return uc.RecordOIDCFailure(ctx, visitor, prov.ID, "access_denied")
			}},
			{"the provider of a session", func() error { _, err := uc.SessionIdentityProvider(ctx, "oidc-session-1"); return err }},
			{"the login page offers providers", func() error { _, err := uc.HasIdentityProviders(ctx); return err }},
			{"the provider of an e-mail domain", func() error { _, err := uc.IdentityProviderForDomain(ctx, "vt.example"); return err }},
			{"the provider a login returns to", func() error { _, err := uc.IdentityProviderByID(ctx, prov.ID); return err }},
		}
		checkStepPlans(t, db, nil, steps)
	})
}

// TestSecondFactorLoginPlans does the same for the second step of a
// password login, with a passkey and with a code that is wrong, and for
// ending sessions: the own one, the others, and one an administrator ends.
func TestSecondFactorLoginPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, baseReport())
		uc := pc.uc
		attempt, session := pc.sanneLogsIn(t, db, "192.0.2.21")
		authenticator := passkeytest.New(loginRP.ID, loginRP.Origin)
		opts, err := uc.BeginPasskey(ctx, session.actor, session.cred, nil, loginRP)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.FinishPasskey(ctx, session.actor, session.cred, nil, loginRP,
			app.PasskeyEnrolment{Name: "laptop", Password: demo.Password, Answer: authenticator.Create(opts)}); err != nil {
			t.Fatal(err)
		}
		admin := pc.w.actor(t, demo.Email("Joost", "vt"))
		var waiting app.LoginResult
		var passkeySession string
		var listed []storage.SessionInfo
		steps := []planStep{
			{"a password login asks for the passkey", func() (err error) {
				waiting, err = uc.Login(ctx, attempt)
				if err == nil && waiting.Challenge == "" {
					t.Errorf("an account with a passkey got no second step: %+v", waiting)
				}
				return err
			}},
			{"the passkey's challenge", func() (err error) {
				opts, err = uc.BeginPasskeyLogin(ctx, waiting.Challenge, nil, loginRP)
				return err
			}},
			{"log in with the passkey", func() (err error) {
				passkeySession, err = uc.CompletePasskeyLogin(ctx, app.PasskeyAttempt{Challenge: waiting.Challenge,
					Answer: authenticator.Get(opts), ClientAddr: attempt.ClientAddr, Workstation: "test"}, nil, loginRP)
				return err
			}},
			{"a wrong code at the second step", func() error {
				again, err := uc.Login(ctx, attempt)
				if err != nil {
					return err
				}
				if _, err := uc.CompleteLogin(ctx, app.CodeAttempt{Challenge: again.Challenge, Code: "000000",
					ClientAddr: attempt.ClientAddr, Workstation: "test"}); err == nil {
					t.Error("a wrong code opened a session")
				}
				return nil
			}},
			{"the organisation's sessions", func() (err error) {
				listed, err = uc.OrganisationSessions(ctx, admin, admin.Professional.Organisation.ID, auth.HashSecret(passkeySession), time.Hour)
				return err
			}},
			{"an administrator ends a session", func() error {
				for _, s := range listed {
					if s.ProfessionalID == session.actor.Professional.ID && !s.Current {
						return uc.EndSessionByID(ctx, admin, s.ID)
					}
				}
				t.Fatalf("no session of the professional among %d", len(listed))
				return nil
			}},
			{"end the other sessions", func() error {
				_, err := uc.EndOtherSessions(ctx, session.actor, auth.HashSecret(passkeySession))
				return err
			}},
			{"log out", func() error { _, err := uc.EndSession(ctx, session.actor, auth.HashSecret(passkeySession)); return err }},
		}
		checkStepPlans(t, db, nil, steps)
	})
}

// sanneLogsIn logs Sanne in with her password from addr (her account has
// no second factor yet) and returns the session.
func (pc planCase) sanneLogsIn(t *testing.T, db *storage.DB, addr string) (app.Attempt, loggedIn) {
	t.Helper()
	attempt := app.Attempt{Email: demo.Email("Sanne", "vt"), Password: demo.Password, ClientAddr: addr, Workstation: "test"}
	first, err := pc.uc.Login(context.Background(), attempt)
	if err != nil || first.Session == "" {
		t.Fatalf("password login: %+v, %v", first, err)
	}
	return attempt, sessionActor(t, db, first.Session)
}

// loggedIn is a professional's session as the web layer finds it.
type loggedIn struct {
	cred  storage.Credential
	actor *schakel.Actor
}

func sessionActor(t *testing.T, db *storage.DB, secret string) loggedIn {
	t.Helper()
	hash := auth.HashSecret(secret)
	p, strength, err := db.SessionLogin(context.Background(), hash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return loggedIn{cred: storage.Credential{Hash: hash}, actor: &schakel.Actor{Professional: &p, ClientAddr: "192.0.2.21", Workstation: "test", Login: strength}}
}
