package app_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/familycopy"
	"schakel/internal/intake"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

const whereTheySleep = "Moeder en Noor slapen vannacht bij de zus in Schiedam."

// violentFamily files a red report with a mother, a father (both with
// authority) and a child, and one safety agreement that says where the
// mother and child sleep. It returns the case, the parents and the action.
func violentFamily(t *testing.T, ctx context.Context, db *storage.DB, uc *app.App, intakeWorker *schakel.Actor) (caseID, mother, father int64, stay schakel.Action) {
	t.Helper()
	in := redReport("Noor", "")
	in.Adults = []intake.Person{
		{GivenNames: "Kim", FamilyName: "Gelijktijdig", BirthDate: "1990-02-01", Relation: "parent", ParentalAuthority: true},
		{GivenNames: "Rob", FamilyName: "Gelijktijdig", BirthDate: "1988-06-09", Relation: "parent", ParentalAuthority: true},
	}
	res, err := uc.CreateReport(ctx, intakeWorker, in, "")
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	c, _, err := uc.CaseWorkspace(ctx, intakeWorker, res.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Persons {
		switch p.GivenNames {
		case "Kim":
			mother = p.ID
		case "Rob":
			father = p.ID
		}
	}
	me := intakeWorker.Professional
	stay, err = uc.AddAction(ctx, intakeWorker, res.CaseID, plan.ActionInput{Title: "Opvang M+K bij zus (Schiedam)", Kind: schakel.ActionSafetyAgreement,
		OwnerOrganisationID: me.Organisation.ID, OwnerProfessionalID: me.ID, DueDate: time.Now().AddDate(0, 0, 3).Format("2006-01-02")})
	if err != nil {
		t.Fatalf("action: %v", err)
	}
	return res.CaseID, mother, father, stay
}

func copyText(t *testing.T, cp familycopy.Copy) string {
	t.Helper()
	b, err := json.Marshal(cp)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFathersCopyNeverSaysWhereTheyStay walks issue 10's finding: the
// professional text never reaches a copy, the family text reaches the
// father's copy only until it is marked, and a copy counts as given only
// once a professional confirmed that very copy.
func TestFathersCopyNeverSaysWhereTheyStay(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		caseID, mother, father, stay := violentFamily(t, ctx, db, uc, sanne)

		if _, err := uc.FamilyCopy(ctx, sanne, caseID, 0); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Errorf("one copy for both parents in a violent case: %v, want conflict", err)
		}
		cp, err := uc.FamilyCopy(ctx, sanne, caseID, father)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(copyText(t, cp), "Schiedam") || cp.WithoutText != 1 {
			t.Errorf("without a family text the action must stay out: %s", copyText(t, cp))
		}
		ft, err := uc.SetFamilyText(ctx, sanne, caseID, stay.ID, whereTheySleep+" Multidisciplinaire veiligheidsbeoordelingsinstrumentarium.")
		if err != nil || len(ft.Warnings) != 1 {
			t.Fatalf("family text: %v, warnings %+v (want one hard sentence)", err, ft.Warnings)
		}
		if _, err := uc.SetFamilyText(ctx, sanne, caseID, stay.ID, whereTheySleep); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.MarkFamilyCopy(ctx, sanne, caseID, stay.ID, mother, familycopy.MarkWhereabouts); err != nil {
			t.Fatalf("mark: %v", err)
		}
		if _, err := uc.MarkFamilyCopy(ctx, sanne, caseID, stay.ID, mother, familycopy.MarkWhereabouts); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Errorf("the same mark twice: %v, want conflict", err)
		}
		fathers, err := uc.FamilyCopy(ctx, sanne, caseID, father)
		if err != nil {
			t.Fatal(err)
		}
		for _, leak := range []string{"Schiedam", "zus", stay.Title} {
			if strings.Contains(copyText(t, fathers), leak) {
				t.Errorf("father's copy contains %q", leak)
			}
		}
		mothers, err := uc.FamilyCopy(ctx, sanne, caseID, mother)
		if err != nil || !strings.Contains(copyText(t, mothers), "Schiedam") || strings.Contains(copyText(t, mothers), stay.Title) {
			t.Errorf("mother's copy: %v %s", err, copyText(t, mothers))
		}
		if fathers.Confirmed {
			t.Error("a copy nobody confirmed counts as confirmed")
		}
		if _, err := uc.ConfirmFamilyCopy(ctx, sanne, caseID, father, mothers.Digest); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Errorf("confirming with another copy's digest: %v, want conflict", err)
		}
		if _, err := uc.ConfirmFamilyCopy(ctx, sanne, caseID, father, fathers.Digest); err != nil {
			t.Fatal(err)
		}
		again, err := uc.FamilyCopy(ctx, sanne, caseID, father)
		if err != nil || !again.Confirmed || again.ConfirmedBy == nil {
			t.Errorf("after confirming: %v %+v", err, again)
		}
	})
}

// TestFamilyTextIsTheOwnersToWrite: another organisation on the case that
// neither owns the action nor holds regie is refused; an outsider is
// refused by the guard; bad input is named.
func TestFamilyTextIsTheOwnersToWrite(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		caseID, _, _, stay := violentFamily(t, ctx, db, uc, sanne)
		if _, err := uc.SetFamilyText(ctx, sanne, caseID, stay.ID, "  "); schakel.ErrorCode(err) != schakel.EINVALID {
			t.Errorf("empty text: %v, want invalid", err)
		}
		if _, err := uc.SetFamilyText(ctx, sanne, caseID, stay.ID+1000, "Wij bellen u."); schakel.ErrorCode(err) != schakel.ENOTFOUND {
			t.Errorf("unknown action: %v, want not found", err)
		}
		if _, err := uc.MarkFamilyCopy(ctx, sanne, caseID, stay.ID, 999999, familycopy.MarkWithhold); schakel.ErrorCode(err) != schakel.EINVALID {
			t.Errorf("a stranger as person: %v, want invalid", err)
		}
		if _, err := uc.MarkFamilyCopy(ctx, sanne, caseID, stay.ID, 999999, "secret"); schakel.ErrorCode(err) != schakel.EINVALID {
			t.Errorf("unknown kind: %v, want invalid", err)
		}
		outsider := demoActor(t, db, demo.Email("Rob", "schuldhulp"))
		if _, err := uc.SetFamilyText(ctx, outsider, caseID, stay.ID, "Wij bellen u."); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("outsider: %v, want forbidden", err)
		}
		if _, err := uc.FamilyCopy(ctx, outsider, caseID, 0); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("outsider reads the copy: %v, want forbidden", err)
		}
	})
}
