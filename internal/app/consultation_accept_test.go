package app_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestAcceptingJoinsTheCase: an invitee who accepts makes their
// organisation take part in the case with the role its kind has at the
// table; accepting twice is no error; someone not invited is refused, and
// a declined invitation cannot be accepted.
func TestAcceptingJoinsTheCase(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		res, err := uc.CreateReport(ctx, sanne, redReport("Sara", "123456782"), "")
		if err != nil || res.Consultation == nil {
			t.Fatalf("red report: %v, table %v", err, res.Consultation)
		}
		table := res.Consultation
		invitees := map[schakel.OrganisationKind]*schakel.Actor{}
		for _, p := range table.Participants {
			if _, ok := invitees[p.Professional.Organisation.Kind]; !ok {
				invitees[p.Professional.Organisation.Kind] = demoActorByID(t, db, p.Professional.ID)
			}
		}
		jb, raad := invitees[schakel.Jeugdbescherming], invitees[schakel.Raad]
		if jb == nil || raad == nil {
			t.Fatalf("the table should invite jeugdbescherming and the Raad: %+v", table.Participants)
		}
		for range 2 { // accepting twice is no error
			if _, err := uc.AcceptInvitation(ctx, jb, table.ID); err != nil {
				t.Fatalf("accept: %v", err)
			}
		}
		c, err := app.New(db).Case(ctx, sanne, res.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		role := map[int64]schakel.ParticipationRole{}
		for _, p := range c.Participations {
			role[p.Organisation.ID] = p.Role
		}
		if got := role[jb.Professional.Organisation.ID]; got != schakel.RoleUitvoering {
			t.Errorf("jeugdbescherming takes part as %q, want uitvoering", got)
		}
		if _, err := uc.AcceptInvitation(ctx, demoActor(t, db, demo.Email("Rob", "schuldhulp")), table.ID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("someone not invited: %v, want forbidden", err)
		}
		if _, err := uc.DeclineInvitation(ctx, raad, table.ID, "Ik zit op dat moment in de rechtbank."); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.AcceptInvitation(ctx, raad, table.ID); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Errorf("accepting after declining: %v, want a conflict that names the next step", err)
		}
	})
}
