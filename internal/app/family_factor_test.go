package app_test

import (
	"context"
	"testing"
	"time"

	ptotp "github.com/pquerna/otp/totp"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestFamilySecondFactor: a family account is made by the activation code
// plus an app, and every login after it needs a code of the app or a
// recovery code; codes count once, and wrong codes end the login.
func TestFamilySecondFactor(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		now := time.Now().UTC().Truncate(time.Minute)
		db.Now = func() time.Time { return now }
		at := func(d time.Duration) { now = now.Add(d) }
		f := newShelterFamily(t, ctx, db, uc, demoActor(t, db, demo.Email("Sanne", "vt")), "Factor")
		inv, err := uc.InviteFamilyMember(ctx, f.contact, f.caseID, f.mother)
		if err != nil {
			t.Fatal(err)
		}
		act := app.Activation{Code: inv.Code, BirthDate: f.birth[f.mother], Username: "kim.factor", Password: "paarse olifant danst 42", ClientAddr: "198.51.100.9"}
		attempt := func(step app.FamilyStep, code string) (app.FamilyLoggedIn, error) {
			return uc.CompleteFamilyLogin(ctx, app.CodeAttempt{Challenge: step.Challenge, Code: code, ClientAddr: "198.51.100.9"})
		}

		abandoned, err := uc.ActivateFamily(ctx, act)
		if err != nil || !abandoned.Enrol {
			t.Fatalf("activate: %+v %v", abandoned, err)
		}
		t.Run("no session before the app", func(t *testing.T) {
			if _, err := db.SessionFamilyMember(ctx, auth.HashSecret(abandoned.Challenge), time.Hour); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
				t.Errorf("the waiting login opened a session: %v", err)
			}
			if _, err := uc.FamilyLogin(ctx, app.Attempt{Email: act.Username, Password: act.Password, ClientAddr: "198.51.100.9"}); err != app.ErrBadFamilyLogin {
				t.Errorf("a half-done activation set the password: %v", err)
			}
		})
		t.Run("wrong set-up code", func(t *testing.T) {
			if _, err := attempt(abandoned, "000000"); schakel.ErrorCode(err) != schakel.EINVALID || len(schakel.FieldErrors(err)) != 1 {
				t.Errorf("wrong code: %v", err)
			}
		})
		// Walking away spends nothing: the same code starts again.
		step, err := uc.ActivateFamily(ctx, act)
		if err != nil {
			t.Fatalf("the code after a half-done activation: %v", err)
		}
		_, key, codes := completeEnrol(t, ctx, db, uc, step)
		t.Run("the abandoned set-up cannot use the code any more", func(t *testing.T) {
			wl, err := uc.FamilyWaitingLoginOf(ctx, abandoned.Challenge)
			if err != nil {
				t.Fatal(err)
			}
			code, _ := ptotp.GenerateCode(wl.Key.Secret, now)
			if _, err := attempt(abandoned, code); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Errorf("a second set-up with a used code: %v", err)
			}
		})

		login := func(t *testing.T) app.FamilyStep {
			t.Helper()
			step, err := uc.FamilyLogin(ctx, app.Attempt{Email: act.Username, Password: act.Password, ClientAddr: "198.51.100.9"})
			if err != nil || step.Enrol {
				t.Fatalf("login: %+v %v", step, err)
			}
			return step
		}
		t.Run("an app code counts once", func(t *testing.T) {
			at(time.Minute)
			code, _ := ptotp.GenerateCode(key, now)
			if _, err := attempt(login(t), code); err != nil {
				t.Fatalf("first use: %v", err)
			}
			if _, err := attempt(login(t), code); err != app.ErrBadCode {
				t.Errorf("replayed code: %v", err)
			}
		})
		t.Run("recovery code once", func(t *testing.T) {
			if _, err := attempt(login(t), codes[0]); err != nil {
				t.Fatalf("recovery code: %v", err)
			}
			if _, err := attempt(login(t), codes[0]); err != app.ErrBadCode {
				t.Errorf("recovery code used twice: %v", err)
			}
		})
		t.Run("too many wrong codes end the login", func(t *testing.T) {
			step := login(t)
			var err error
			for range 5 {
				_, err = attempt(step, "123456")
			}
			if err == app.ErrBadCode || schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
				t.Errorf("fifth wrong code: %v", err)
			}
			at(time.Minute)
			code, _ := ptotp.GenerateCode(key, now)
			if _, err := attempt(step, code); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED || err == app.ErrBadCode {
				t.Errorf("a right code after the login ended: %v", err)
			}
		})
	})
}
