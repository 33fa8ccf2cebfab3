package app_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	ptotp "github.com/pquerna/otp/totp"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestFamilyActivation walks the activation: who may be invited, the code
// with the birth date, once, and the login after it.
func TestFamilyActivation(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		f := newShelterFamily(t, ctx, db, uc, sanne, "Activeer")

		for name, p := range map[string]int64{"child of 8": f.child8, "parent without authority": f.stepdad} {
			t.Run("invite "+name, func(t *testing.T) {
				refusedAndAudited(t, db, schakel.EFORBIDDEN, func() error {
					_, err := uc.InviteFamilyMember(ctx, sanne, f.caseID, p)
					return err
				})
			})
		}
		t.Run("invite by someone not the contact", func(t *testing.T) {
			other := demoActor(t, db, demo.Email("Yasmina", "blijf"))
			_, err := uc.InviteFamilyMember(ctx, other, f.caseID, f.mother)
			if schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Errorf("invite by an outsider: %v", err)
			}
		})

		inv, err := uc.InviteFamilyMember(ctx, sanne, f.caseID, f.mother)
		if err != nil {
			t.Fatal(err)
		}
		if len(inv.Code) != 19 || time.Until(inv.ExpiresAt) < 13*24*time.Hour {
			t.Errorf("code %q expires %s", inv.Code, inv.ExpiresAt)
		}
		act := app.Activation{Code: strings.ToLower(strings.ReplaceAll(inv.Code, "-", " ")), BirthDate: "1990-01-01",
			Username: "kim@voorbeeld.nl", Password: "paarse olifant danst 42", ClientAddr: "198.51.100.7"}
		t.Run("wrong birth date", func(t *testing.T) {
			refusedAndAuditedLogin(t, db, func() error { _, err := uc.ActivateFamily(ctx, act); return err })
		})
		act.BirthDate = f.birth[f.mother]
		step, err := uc.ActivateFamily(ctx, act)
		if err != nil {
			t.Fatalf("activate: %v", err)
		}
		mother, key, _ := completeEnrol(t, ctx, db, uc, step)
		if m := mother.FamilyMember; m.PersonID != f.mother {
			t.Errorf("session of person %d, want %d", m.PersonID, f.mother)
		}
		t.Run("code used twice", func(t *testing.T) {
			act.Username = "kim2@voorbeeld.nl"
			if _, err := uc.ActivateFamily(ctx, act); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Errorf("second use: %v", err)
			}
		})
		t.Run("login", func(t *testing.T) {
			if _, err := uc.FamilyLogin(ctx, app.Attempt{Email: "kim@voorbeeld.nl", Password: "verkeerd wachtwoord 1", ClientAddr: "198.51.100.7"}); err != app.ErrBadFamilyLogin {
				t.Errorf("wrong password: %v", err)
			}
			step, err := uc.FamilyLogin(ctx, app.Attempt{Email: " KIM@voorbeeld.nl", Password: "paarse olifant danst 42", ClientAddr: "198.51.100.7"})
			if err != nil || step.Enrol {
				t.Fatalf("login: %+v %v", step, err)
			}
			real := db.Now
			db.Now = func() time.Time { return real().Add(time.Minute) } // the set-up used this step's code
			defer func() { db.Now = real }()
			code, _ := ptotp.GenerateCode(key, db.Now())
			done, err := uc.CompleteFamilyLogin(ctx, app.CodeAttempt{Challenge: step.Challenge, Code: code, ClientAddr: "198.51.100.7"})
			if err != nil {
				t.Fatalf("code: %v", err)
			}
			familyActorOf(t, ctx, db, done.Session)
		})
		t.Run("expired code", func(t *testing.T) {
			inv, err := uc.InviteFamilyMember(ctx, sanne, f.caseID, f.child12)
			if err != nil {
				t.Fatal(err)
			}
			real := db.Now
			db.Now = func() time.Time { return real().AddDate(0, 0, app.InvitationDays) }
			defer func() { db.Now = real }()
			_, err = uc.ActivateFamily(ctx, app.Activation{Code: inv.Code, BirthDate: f.birth[f.child12], Username: "sem", Password: "paarse olifant danst 42", ClientAddr: "198.51.100.8"})
			if se := schakelError(err); se == nil || se.Code != schakel.ECONFLICT || se.Fields[0].Code != "expired" {
				t.Errorf("expired code: %v", err)
			}
		})
	})
}

// refusedAndAuditedLogin: a refused activation leaves its audit entry and
// the spent login token, nothing else.
func refusedAndAuditedLogin(t *testing.T, db *storage.DB, command func() error) {
	t.Helper()
	before, _ := db.RowCounts(context.Background())
	if err := command(); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
		t.Fatalf("error %v, want unauthenticated", err)
	}
	after, _ := db.RowCounts(context.Background())
	for table, n := range after {
		if grew := n - before[table]; table == "audit_log" && grew != 1 {
			t.Errorf("audit_log grew by %d, want 1", grew)
		} else if grew != 0 && table != "audit_log" && table != "audit_persons" && table != "login_limits" {
			t.Errorf("table %s changed by %d", table, grew)
		}
	}
}

func schakelError(err error) *schakel.Error {
	se, _ := err.(*schakel.Error)
	return se
}

// TestFamilyViewShowsOnlyWhatTheRulesAllow: the mother in the shelter sees
// where she stays and the shelter; the father sees neither, not in the plan,
// not as a contact, not in his access log.
func TestFamilyViewShowsOnlyWhatTheRulesAllow(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		f := newShelterFamily(t, ctx, db, uc, sanne, "Opvang")
		shelterStay(t, ctx, db, uc, f)

		mother := f.activate(t, ctx, db, uc, f.mother)
		father := f.activate(t, ctx, db, uc, f.father)
		mv, err := uc.FamilyView(ctx, mother, dutch)
		if err != nil {
			t.Fatal(err)
		}
		fv, err := uc.FamilyView(ctx, father, dutch)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{shelterText, "Blijf Groep", "Yasmina"} {
			if !strings.Contains(jsonOf(t, mv), secret) {
				t.Errorf("the mother's view lacks %q", secret)
			}
			if strings.Contains(jsonOf(t, fv), secret) {
				t.Errorf("the father's view shows %q", secret)
			}
		}
		if !strings.Contains(jsonOf(t, fv), "Sanne") {
			t.Error("the father's view lacks the contact person")
		}
		log, err := uc.FamilyAccesses(ctx, father, f.father, 0)
		if err != nil {
			t.Fatal(err)
		}
		shielded := 0
		for _, l := range log.Lines {
			if strings.Contains(l.Organisation, "Blijf") {
				t.Errorf("the father's access log names the shelter: %+v", l)
			}
			if l.Shielded {
				shielded++
			}
		}
		if shielded == 0 {
			t.Error("the shelter's reads are missing from the father's log: it must be complete")
		}
	})
}

const shelterText = "Je woont nu op een veilige plek in de opvang."

// shelterStay puts the mother in the shelter, with the shelter on the case
// and an agreement about her stay, marked as her whereabouts.
func shelterStay(t *testing.T, ctx context.Context, db *storage.DB, uc *app.App, f shelterFamily) {
	t.Helper()
	yasmina := demoActor(t, db, demo.Email("Yasmina", "blijf"))
	if _, err := app.New(db).AddParticipation(ctx, f.contact, f.caseID, schakel.ParticipationInput{OrganisationID: yasmina.Professional.Organisation.ID,
		Role: schakel.RoleUitvoering, ContactProfessionalID: yasmina.Professional.ID, Reason: "Moeder en kinderen in de opvang"}); err != nil {
		t.Fatalf("shelter on the case: %v", err)
	}
	if err := uc.SetInShelter(ctx, f.contact, f.caseID, f.mother, true); err != nil {
		t.Fatal(err)
	}
	stay := addFamilyAction(t, ctx, db, uc, yasmina, f.caseID, "Opvang Kim, locatie Noord", shelterText)
	if _, err := uc.MarkFamilyCopy(ctx, yasmina, f.caseID, stay, f.mother, "whereabouts"); err != nil {
		t.Fatal(err)
	}
	addFamilyAction(t, ctx, db, uc, f.contact, f.caseID, "Gesprek ouders", "We praten elke week met u over hoe het gaat.")
}

func addFamilyAction(t *testing.T, ctx context.Context, db *storage.DB, uc *app.App, by *schakel.Actor, caseID int64, title, text string) int64 {
	t.Helper()
	me := by.Professional
	a, err := uc.AddAction(ctx, by, caseID, planAction(title, me.Organisation.ID, me.ID))
	if err != nil {
		t.Fatalf("action: %v", err)
	}
	if _, err := uc.SetFamilyText(ctx, by, caseID, a.ID, text); err != nil {
		t.Fatalf("family text: %v", err)
	}
	return a.ID
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
