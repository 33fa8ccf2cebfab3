package app_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/familycopy"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestFamilyCopyMarkChangedOrRemoved: a mark placed by Jeugdbescherming is
// changed by it and by Veilig Thuis (regie), never by the Raad; a copy
// confirmed before the change must be confirmed again; the regie removes
// it. Refusals and bad input leave nothing but audit.
func TestFamilyCopyMarkChangedOrRemoved(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		fatma := demoActor(t, db, demo.Email("Fatma", "jb"))
		wouter := demoActor(t, db, demo.Email("Wouter", "raad"))
		caseID, mother, father, stay := violentFamily(t, ctx, db, uc, sanne)
		for _, a := range []*schakel.Actor{fatma, wouter} {
			role := schakel.RoleUitvoering
			if a == wouter {
				role = schakel.RoleAdvies
			}
			if _, err := uc.AddParticipation(ctx, sanne, caseID, schakel.ParticipationInput{OrganisationID: a.Professional.Organisation.ID,
				Role: role, ContactProfessionalID: a.Professional.ID, Reason: "Doet mee aan het plan"}); err != nil {
				t.Fatalf("join %s: %v", a.Professional.Organisation.Name, err)
			}
		}
		if _, err := uc.SetFamilyText(ctx, sanne, caseID, stay.ID, "U en Noor slapen vannacht ergens veilig."); err != nil {
			t.Fatal(err)
		}
		m, err := uc.MarkFamilyCopy(ctx, fatma, caseID, stay.ID, father, familycopy.MarkWithhold)
		if err != nil {
			t.Fatalf("mark: %v", err)
		}
		cp, err := uc.FamilyCopy(ctx, sanne, caseID, mother)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.ConfirmFamilyCopy(ctx, sanne, caseID, mother, cp.Digest); err != nil {
			t.Fatalf("confirm: %v", err)
		}

		refusals := []struct {
			name     string
			want     string
			maxAudit int64
			command  func() error
		}{
			{"the Raad changes another organisation's mark", schakel.EFORBIDDEN, 2, func() error {
				_, err := uc.ChangeFamilyCopyMark(ctx, wouter, caseID, m.ID, father, familycopy.MarkWhereabouts)
				return err
			}},
			{"the Raad removes it", schakel.EFORBIDDEN, 2, func() error {
				return uc.RemoveFamilyCopyMark(ctx, wouter, caseID, m.ID)
			}},
			{"a kind that does not exist", schakel.EINVALID, 0, func() error {
				_, err := uc.ChangeFamilyCopyMark(ctx, fatma, caseID, m.ID, father, "vergeten")
				return err
			}},
			{"a mark that is not on the case", schakel.ENOTFOUND, 0, func() error {
				return uc.RemoveFamilyCopyMark(ctx, fatma, caseID, m.ID+1000)
			}},
		}
		for _, r := range refusals {
			t.Run(r.name, func(t *testing.T) { refusedLeavesOnlyAudit(t, db, r.want, r.maxAudit, r.command) })
		}

		// The mark now says the text tells where the father stays: the
		// mother's copy reads the same, but her confirmation is stale.
		if _, err := uc.ChangeFamilyCopyMark(ctx, fatma, caseID, m.ID, father, familycopy.MarkWhereabouts); err != nil {
			t.Fatalf("change by the organisation that placed it: %v", err)
		}
		if cp, err = uc.FamilyCopy(ctx, sanne, caseID, mother); err != nil || cp.Confirmed {
			t.Fatalf("a copy confirmed before its marks changed still counts as confirmed (%v)", err)
		}
		changed, err := uc.ChangeFamilyCopyMark(ctx, sanne, caseID, m.ID, mother, familycopy.MarkWithhold)
		if err != nil || changed.Kind != familycopy.MarkWithhold || changed.Person.ID != mother {
			t.Fatalf("change by the regie: %+v, %v", changed, err)
		}
		if err := uc.RemoveFamilyCopyMark(ctx, sanne, caseID, m.ID); err != nil {
			t.Fatalf("remove by the regie: %v", err)
		}
		v, err := uc.FamilyCopyPage(ctx, sanne, caseID, mother)
		if err != nil || len(v.Marks) != 0 {
			t.Fatalf("marks after removal: %+v, %v", v.Marks, err)
		}
	})
}
