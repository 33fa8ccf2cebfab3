package app_test

import (
	"context"
	"slices"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestDeclineRefillsTheNeed: when an invitee declines, the need they were
// chosen for is filled again at once (someone else is invited) or, when
// nobody is available, put on the missing list for the team leads.
func TestDeclineRefillsTheNeed(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		res, err := uc.CreateReport(ctx, demoActor(t, db, demo.Email("Sanne", "vt")), redReport("Noor", ""), "")
		if err != nil || res.Consultation == nil {
			t.Fatalf("red report: %v", err)
		}
		var leaving schakel.Participant
		for _, p := range res.Consultation.Participants {
			if p.Professional.Organisation.Kind == schakel.Jeugdbescherming {
				leaving = p
			}
		}
		if leaving.Professional.ID == 0 {
			t.Fatal("no jeugdbescherming at the table")
		}
		c, err := uc.DeclineInvitation(ctx, demoActorByID(t, db, leaving.Professional.ID), res.Consultation.ID, "Ik ben die middag bij de rechter.")
		if err != nil {
			t.Fatal(err)
		}
		need := "organisation:jeugdbescherming"
		refilled := slices.ContainsFunc(c.Participants, func(p schakel.Participant) bool {
			return p.Professional.ID != leaving.Professional.ID && p.DeclinedAt == nil && slices.Contains(p.Covers, need)
		})
		if !refilled && !slices.Contains(c.Missing, need) {
			t.Errorf("after the decline %s is neither filled nor missing: %+v, missing %v", need, c.Participants, c.Missing)
		}
		if _, err := uc.DeclineInvitation(ctx, demoActorByID(t, db, leaving.Professional.ID), res.Consultation.ID, "Nog eens."); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Errorf("declining twice: %v, want conflict", err)
		}
	})
}
