package storage_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestCrisisFoldPlans explains the statements of a second red report on a
// family whose crisis table is still held: confirming the match folds the
// later held table into the first (its hold ends, its invitees join the
// table that stays). Then the held table that stays is shaped (a need some
// invitee shares with another taken off, a need nobody covers taken off),
// moved closer, so that its hold ends sooner, and, once the case is no
// longer red, cancelled, so that its invitations never go out. Until now no
// plan test reached these updates of a held table.
func TestCrisisFoldPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newIntakeWorld(t, db)
		uc := app.New(db, app.WithTableHold(10*time.Minute))
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		mohamed := w.actor(t, demo.Email("Mohamed", "vt"))
		linda := w.actor(t, demo.Email("Linda", "vt"))
		// No lawyer is active in the region: both tables miss one.
		for _, email := range []string{demo.Email("Ruud", "vt"), demo.Email("Ilse", "jb"), demo.Email("Hans", "raad"), demo.Email("Gerard", "rb")} {
			p := w.actor(t, email).Professional
			if err := db.Update(ctx, func(tx *storage.Tx) error { return tx.SaveProfessionalActive(p.ID, false) }); err != nil {
				t.Fatal(err)
			}
		}
		first, err := uc.CreateReport(ctx, sanne, benchReport(21, true), "")
		if err != nil || first.Consultation == nil || !first.Consultation.OnHold() {
			t.Fatalf("a red report's table is held: %v %+v", err, first.Consultation)
		}
		again := benchReport(21, true)
		again.Concerns = append(again.Concerns, "honour_related_violence")
		second, err := uc.CreateReport(ctx, mohamed, again, "")
		if err != nil || second.CaseID == first.CaseID || len(second.Matches) == 0 || second.Consultation == nil || !second.Consultation.OnHold() {
			t.Fatalf("the second red report gets its own held table and a proposed match: %v %+v", err, second)
		}
		keep, later := first.Consultation.ID, second.Consultation.ID
		var table schakel.Consultation
		steps := []planStep{
			{"confirm the match: the held tables fold", func() error {
				_, into, err := uc.DecideMatch(ctx, sanne, second.Matches[0].ID, true)
				if err != nil {
					return err
				}
				if into != first.CaseID {
					t.Errorf("merged into case %d, want %d", into, first.CaseID)
				}
				return nil
			}},
			{"take a shared need off", func() error {
				need := sharedNeed(t, table)
				_, err := uc.RemoveTableNeed(ctx, sanne, keep, plan.TableNeedRemoval{Need: need, Reason: "Dat volgt bij het MDO, niet vannacht."})
				return err
			}},
			{"take a missing need off", func() error {
				if !slices.Contains(table.Missing, "role:lawyer") {
					t.Fatalf("the table misses no lawyer: %v", table.Missing)
				}
				c, err := uc.RemoveTableNeed(ctx, sanne, keep, plan.TableNeedRemoval{Need: "role:lawyer", Reason: "De advocaat komt bij het MDO."})
				if err == nil && slices.Contains(c.Missing, "role:lawyer") {
					t.Errorf("the need taken off is still missing: %v", c.Missing)
				}
				return err
			}},
			{"move the held table closer", func() error {
				c, err := uc.MoveConsultation(ctx, sanne, keep, plan.ConsultationChange{ScheduledAt: w.now.Add(12 * time.Minute).Format(time.RFC3339),
					Reason: "Iedereen kan al eerder."})
				if want := w.now.Add(6 * time.Minute); err == nil && (!c.OnHold() || !c.InvitationsHeldUntil.Equal(want)) {
					t.Errorf("moved 12 minutes ahead: held until %v, want %v", c.InvitationsHeldUntil, want)
				}
				return err
			}},
		}
		for _, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				explainStep(t, db, planRule{}, s)
				var err error
				if table, err = uc.Consultation(ctx, sanne, keep); err != nil {
					t.Fatal(err)
				}
			})
		}
		checkFolded(t, uc, sanne, first.CaseID, keep, later)
		// Lowered from red (with a second professional), the case may
		// lose its crisis table.
		lowered, _, err := uc.RateCase(ctx, sanne, first.CaseID, "orange", "Moeder is met de kinderen bij oma ingetrokken, de dreiging is weg.", 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.ConfirmLowering(ctx, linda, first.CaseID, lowered.ID, true); err != nil {
			t.Fatal(err)
		}
		checkStepPlans(t, db, nil, []planStep{
			{"cancel the held table", func() error {
				c, err := uc.CancelConsultation(ctx, sanne, keep, plan.ConsultationChange{Reason: "Het gezin is veilig bij oma, het MDO volgt."})
				if err == nil && (c.Status != "cancelled" || c.OnHold()) {
					t.Errorf("cancelled: status %s, held until %v", c.Status, c.InvitationsHeldUntil)
				}
				return err
			}},
		})
	})
}

// sharedNeed is a need of a held table (not a person) that an invitee
// covers with other needs: taking it off keeps them at the table with
// their other needs.
func sharedNeed(t *testing.T, c schakel.Consultation) string {
	t.Helper()
	for _, n := range c.Needs {
		if strings.HasPrefix(n.Need, "person:") {
			continue
		}
		if slices.ContainsFunc(c.Participants, func(p schakel.Participant) bool { return len(p.Covers) > 1 && slices.Contains(p.Covers, n.Need) }) {
			return n.Need
		}
	}
	t.Fatalf("no need an invitee shares with another: %+v", c.Participants)
	return ""
}

// checkFolded checks that the later held table was folded into the one
// that stays: cancelled, no longer held, and an invitee of it now invited
// to the table that stays because of the fold.
func checkFolded(t *testing.T, uc *app.App, a *schakel.Actor, caseID, keep, later int64) {
	t.Helper()
	c, err := uc.Case(context.Background(), a, caseID)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range c.Consultations {
		switch k.ID {
		case later:
			if k.Status != "cancelled" || k.OnHold() {
				t.Errorf("the later table: status %s, held until %v; want cancelled, no longer held", k.Status, k.InvitationsHeldUntil)
			}
		case keep:
			if !slices.ContainsFunc(k.Participants, func(p schakel.Participant) bool {
				return slices.ContainsFunc(p.Reasons, func(r string) bool { return strings.Contains(r, "samengevoegd") })
			}) {
				t.Errorf("nobody of the later table joined the one that stays: %+v", k.Participants)
			}
		}
	}
}
