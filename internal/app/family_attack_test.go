package app_test

import (
	"context"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestFamilyAttacks: a parent trying another family's ids, a 12-year-old
// trying a sibling's log, a parent after the child turned 16 without
// consent and after consent was withdrawn, a view withheld: each refused
// with exactly one audit entry and nothing else.
func TestFamilyAttacks(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		f := newShelterFamily(t, ctx, db, uc, sanne, "Aanval")
		other := newShelterFamily(t, ctx, db, uc, sanne, "Anders")
		mother := f.activate(t, ctx, db, uc, f.mother)
		sem := f.activate(t, ctx, db, uc, f.child12)
		lotte := f.activate(t, ctx, db, uc, f.child16)
		stranger := other.activate(t, ctx, db, uc, other.father)

		logOf := func(a *schakel.Actor, person int64) func() error {
			return func() error { _, err := uc.FamilyAccesses(ctx, a, person, 0); return err }
		}
		for _, c := range []struct {
			name    string
			command func() error
		}{
			{"parent of another family, their child", logOf(stranger, f.child8)},
			{"parent of another family, their mother", logOf(stranger, f.mother)},
			{"12-year-old, a sibling", logOf(sem, f.child8)},
			{"12-year-old, the mother", logOf(sem, f.mother)},
			{"mother, the 16-year-old without consent", logOf(mother, f.child16)},
			{"12-year-old gives consent (only 16+ decides)", func() error { return uc.SetFamilyConsent(ctx, sem, true) }},
		} {
			t.Run(c.name, func(t *testing.T) { refusedAndAudited(t, db, schakel.EFORBIDDEN, c.command) })
		}

		if err := uc.SetFamilyConsent(ctx, lotte, true); err != nil {
			t.Fatal(err)
		}
		if err := logOf(mother, f.child16)(); err != nil {
			t.Errorf("with consent: %v", err)
		}
		if err := uc.SetFamilyConsent(ctx, lotte, false); err != nil {
			t.Fatal(err)
		}
		t.Run("consent withdrawn", func(t *testing.T) { refusedAndAudited(t, db, schakel.EFORBIDDEN, logOf(mother, f.child16)) })

		if err := uc.WithholdFromFamily(ctx, sanne, f.caseID, f.child12, 0, "Het kind raakt nu in paniek van wat er staat."); err != nil {
			t.Fatal(err)
		}
		t.Run("view withheld", func(t *testing.T) {
			refusedAndAudited(t, db, schakel.EFORBIDDEN, func() error { _, err := uc.FamilyView(ctx, sem, dutch); return err })
		})
		t.Run("a professional's actor is not a family member", func(t *testing.T) {
			if _, err := uc.FamilyView(ctx, sanne, dutch); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
				t.Errorf("professional on the family view: %v", err)
			}
		})
	})
}

// TestFamilyOwnSide: a statement reaches the regie holder's work list with
// the 4-week deadline, and the answer is shown to the family member.
func TestFamilyOwnSide(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		f := newShelterFamily(t, ctx, db, uc, sanne, "Kant")
		father := f.activate(t, ctx, db, uc, f.father)

		if _, err := uc.FileFamilyRequest(ctx, father, app.RequestCorrection, ""); schakel.ErrorCode(err) != schakel.EINVALID {
			t.Errorf("empty request: %v", err)
		}
		r, err := uc.FileFamilyRequest(ctx, father, app.RequestCorrection, "Ik heb nooit gezegd dat ik boos werd.")
		if err != nil {
			t.Fatal(err)
		}
		if d := r.DueAt.Sub(r.At); d.Hours() != 28*24 {
			t.Errorf("deadline after %s, want 4 weeks", d)
		}
		items, err := app.New(db).Worklist(ctx, sanne, app.WorkFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(jsonOf(t, items), "verbeteren") {
			t.Errorf("the regie holder's work list lacks the request: %s", jsonOf(t, items))
		}
		yasmina := demoActor(t, db, demo.Email("Yasmina", "blijf"))
		if err := uc.AnswerFamilyRequest(ctx, yasmina, f.caseID, r.ID, "Nee."); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("an answer by an outsider: %v", err)
		}
		if err := uc.AnswerFamilyRequest(ctx, sanne, f.caseID, r.ID, "We hebben de zin aangepast. Dank u."); err != nil {
			t.Fatal(err)
		}
		h, err := uc.FamilyView(ctx, father, dutch)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Requests) != 1 || h.Requests[0].Answer != "We hebben de zin aangepast. Dank u." {
			t.Errorf("the father does not see the answer: %+v", h.Requests)
		}
	})
}

// TestFamilyCopyShieldsTheShelter: the printed family copy for the father
// never names the shelter, its people or its agreements; the mother's,
// who stays there, does. The copy is an export the other parent reaches.
func TestFamilyCopyShieldsTheShelter(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		f := newShelterFamily(t, ctx, db, uc, sanne, "Kopie")
		shelterStay(t, ctx, db, uc, f)
		fathers, err := uc.FamilyCopy(ctx, sanne, f.caseID, f.father)
		if err != nil {
			t.Fatal(err)
		}
		mothers, err := uc.FamilyCopy(ctx, sanne, f.caseID, f.mother)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"Blijf Groep", "Yasmina", shelterText} {
			if strings.Contains(jsonOf(t, fathers.Summary), secret) {
				t.Errorf("the father's copy names %q", secret)
			}
		}
		if !strings.Contains(jsonOf(t, mothers.Summary), "Blijf Groep") {
			t.Error("the mother's copy lacks the shelter she stays in")
		}
		if fathers.LeftOut == 0 {
			t.Error("the father's copy does not count the shelter's agreement as left out")
		}
	})
}

// TestWithholdingReview: the team lead gets the work item, a case worker
// cannot review, and lifting the withholding gives the view back.
func TestWithholdingReview(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		lead := demoActor(t, db, demo.Email("Linda", "vt"))
		f := newShelterFamily(t, ctx, db, uc, sanne, "Beoordeel")
		rob := f.activate(t, ctx, db, uc, f.father)
		if err := uc.WithholdFromFamily(ctx, sanne, f.caseID, f.father, 0, "Vader dreigt de moeder te zoeken via dit overzicht."); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.FamilyView(ctx, rob, dutch); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("withheld view: %v", err)
		}
		items, err := app.New(db).Worklist(ctx, lead, app.WorkFilter{})
		if err != nil || !strings.Contains(jsonOf(t, items), "Beoordeel dat") {
			t.Errorf("the team lead has no work item: %v %s", err, jsonOf(t, items))
		}
		v, err := uc.FamilyMembersPage(ctx, lead, f.caseID)
		if err != nil || len(v.Withholdings) != 1 {
			t.Fatalf("withholdings: %v %+v", err, v.Withholdings)
		}
		wid := v.Withholdings[0].ID
		refusedAndAudited(t, db, schakel.EFORBIDDEN, func() error { return uc.ReviewFamilyWithholding(ctx, sanne, f.caseID, wid, false) })
		if err := uc.ReviewFamilyWithholding(ctx, lead, f.caseID, wid, false); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.FamilyView(ctx, rob, dutch); err != nil {
			t.Errorf("after the withholding was lifted: %v", err)
		}
	})
}
