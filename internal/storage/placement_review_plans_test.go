package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/prevention"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestPlacementReviewPlans explains the statements of a placement-
// prevention review from start to end: a placement considered (which
// proposes a panel from the network), a panel member's extract of the
// case, the outcome, the check three months later and the list of its
// checks, and the review shared with the network's library.
func TestPlacementReviewPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, benchReport(12, true))
		w, sanne, uc, caseID := pc.w, pc.sanne, pc.uc, pc.filed.CaseID
		for _, m := range []struct {
			email string
			exp   []schakel.NetworkExpertise
		}{
			{demo.Email("Kees", "samendoen"), []schakel.NetworkExpertise{schakel.NetFamilyNetwork, schakel.NetDebt}},
			{demo.Email("Yasmina", "blijf"), []schakel.NetworkExpertise{schakel.NetTrauma}},
			{demo.Email("Meryem", "kompas"), []schakel.NetworkExpertise{schakel.NetAddiction, schakel.NetPsychiatry}},
		} {
			a := w.actor(t, m.email)
			if _, err := uc.JoinNetwork(ctx, a, a.Professional.ID, m.exp); err != nil {
				t.Fatal(err)
			}
		}
		var review schakel.PlacementReview
		var member *schakel.Actor
		outcome := prevention.Outcome{HeldAt: w.now.Add(-time.Minute), Outcome: schakel.OutcomeNetworkPlacement,
			ChosenAlternative: schakel.AltFamilyNetwork, Causes: []string{schakel.CauseNoNetwork}}
		for _, k := range schakel.AlternativeKinds {
			outcome.Alternatives = append(outcome.Alternatives, schakel.ReviewAlternative{Kind: k, Considered: true, WhyNot: "Past niet."})
		}
		steps := []planStep{
			{"consider a placement", func() (err error) {
				review, err = uc.ConsiderPlacement(ctx, sanne, caseID, app.ConsiderInput{Reason: "Moeder kan de veiligheid thuis niet bieden."})
				if err == nil && len(review.Panel) > 0 {
					p, perr := db.Professional(ctx, review.Panel[0].Professional.ID)
					member, err = &schakel.Actor{Professional: &p, ClientAddr: "127.0.0.1"}, perr
				}
				return err
			}},
			{"the panel's extract", func() error { _, err := uc.Extract(ctx, member, review.ID); return err }},
			{"the outcome", func() error { _, err := uc.RecordReviewOutcome(ctx, member, review.ID, outcome); return err }},
			{"the check after three months", func() error {
				// A check is entered from a week before its date.
				db.Now = func() time.Time { return w.now.AddDate(0, 3, 0) }
				defer func() { db.Now = func() time.Time { return w.now } }()
				_, err := uc.RecordReviewCheck(ctx, sanne, review.ID, prevention.Check{Months: 3, StayedHome: true, Note: "Het gaat goed thuis."})
				return err
			}},
			{"the review's checks", func() error { _, err := uc.ReviewChecks(ctx, sanne, review.ID); return err }},
			{"share it with the library", func() error {
				_, err := uc.ShareReview(ctx, member, review.ID, app.ShareInput{Summary: "Meisje van 8 gaat naar oma; moeder houdt contact.", Lessons: "Vraag de familie eerst."})
				return err
			}},
		}
		checkStepPlans(t, db, nil, steps)
	})
}
