package storage_test

import (
	"context"
	"testing"
	"time"

	ptotp "github.com/pquerna/otp/totp"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestFamilyLoginPlans explains the statements of a family member's own
// way in, as a child of 16 takes it: the account activated with the code
// the contact professional gave, the app set up, the child's consent given
// and withdrawn, a login with username and password, a wrong code, the
// app's code and a recovery code at the second step, a wrong password,
// and logging out. Families log in from every region at once, so none of
// it may read a table whole.
func TestFamilyLoginPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		in := baseReport()
		birth := time.Date(2026-17, 3, 15, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) // 16 on the world's day
		in.Children = append(in.Children, intake.Person{GivenNames: "Lotte", FamilyName: "de Jong", BirthDate: birth, Relation: "child"})
		pc := newPlanCase(t, db, in)
		uc := pc.uc
		var lotte int64
		for _, p := range pc.c.Persons {
			if p.GivenNames == "Lotte" {
				lotte = p.ID
			}
		}
		invite, err := uc.InviteFamilyMember(ctx, pc.sanne, pc.filed.CaseID, lotte)
		if err != nil {
			t.Fatal(err)
		}
		const username, password = "lotte@voorbeeld.nl", "paarse olifant danst 42"
		addr := "198.51.100.16"
		var step app.FamilyStep
		var waiting app.FamilyWaitingLogin
		var done app.FamilyLoggedIn
		var child *schakel.Actor
		steps := []planStep{
			{"activate the account", func() (err error) {
				step, err = uc.ActivateFamily(ctx, app.Activation{Code: invite.Code, BirthDate: birth, Username: username,
					Password: password, ClientAddr: addr, Workstation: "test"})
				return err
			}},
			{"the app to set up", func() (err error) { waiting, err = uc.FamilyWaitingLoginOf(ctx, step.Challenge); return err }},
			{"set up the app", func() error {
				code, err := ptotp.GenerateCode(waiting.Key.Secret, db.Now())
				if err != nil {
					t.Fatal(err)
				}
				if done, err = uc.CompleteFamilyLogin(ctx, app.CodeAttempt{Challenge: step.Challenge, Code: code, ClientAddr: addr, Workstation: "test"}); err != nil {
					return err
				}
				m, err := db.SessionFamilyMember(ctx, auth.HashSecret(done.Session), time.Hour)
				child = &schakel.Actor{FamilyMember: &m, ClientAddr: addr, Workstation: "test"}
				return err
			}},
			{"the child lets the parents see", func() error { return uc.SetFamilyConsent(ctx, child, true) }},
			{"the child withdraws it", func() error { return uc.SetFamilyConsent(ctx, child, false) }},
			{"log in with username and password", func() (err error) {
				step, err = uc.FamilyLogin(ctx, app.Attempt{Email: username, Password: password, ClientAddr: addr, Workstation: "test"})
				return err
			}},
			{"a wrong code at the second step", func() error {
				if _, err := uc.CompleteFamilyLogin(ctx, app.CodeAttempt{Challenge: step.Challenge, Code: "000000", ClientAddr: addr, Workstation: "test"}); err == nil {
					t.Error("a wrong code opened a session")
				}
				return nil
			}},
			{"the app's code", func() error {
				// A minute later: the code of the set-up is not taken twice.
				later := db.Now().Add(time.Minute)
				db.Now = func() time.Time { return later }
				code, err := ptotp.GenerateCode(waiting.Key.Secret, later)
				if err != nil {
					t.Fatal(err)
				}
				_, err = uc.CompleteFamilyLogin(ctx, app.CodeAttempt{Challenge: step.Challenge, Code: code, ClientAddr: addr, Workstation: "test"})
				return err
			}},
			{"a recovery code at the second step", func() error {
				again, err := uc.FamilyLogin(ctx, app.Attempt{Email: username, Password: password, ClientAddr: addr, Workstation: "test"})
				if err != nil {
					return err
				}
				_, err = uc.CompleteFamilyLogin(ctx, app.CodeAttempt{Challenge: again.Challenge, Code: done.RecoveryCodes[0], ClientAddr: addr, Workstation: "test"})
				return err
			}},
			{"a wrong password", func() error {
				if _, err := uc.FamilyLogin(ctx, app.Attempt{Email: username, Password: "niet het wachtwoord", ClientAddr: addr, Workstation: "test"}); err != app.ErrBadFamilyLogin {
					t.Errorf("a wrong password: %v, want ErrBadFamilyLogin", err)
				}
				return nil
			}},
			{"log out", func() error { return uc.EndFamilySession(ctx, child, auth.HashSecret(done.Session)) }},
		}
		checkStepPlans(t, db, nil, steps)
	})
}
