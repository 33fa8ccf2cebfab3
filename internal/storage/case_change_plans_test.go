package storage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestCaseChangePlans explains the statements of four changes to a case
// that no plan test reached: a professional's colour other than the rules'
// proposal, which supersedes it; an organisation leaving the case while
// one of its people is invited to a consultation, whose invitation lapses;
// a match confirmed with a family whose case was closed, which moves the
// report's case and persons to that family; and a case holder assigned
// above the caseload norm with the team lead's override.
func TestCaseChangePlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, baseReport())
		w, sanne, uc, caseID := pc.w, pc.sanne, pc.uc, pc.filed.CaseID
		if pc.filed.Rating.Color != "green" {
			t.Fatalf("the rules propose %s, want green", pc.filed.Rating.Color)
		}
		rob := w.actor(t, demo.Email("Rob", "schuldhulp"))
		thomas := w.actor(t, demo.Email("Thomas", "jb"))
		lead := w.actor(t, demo.Email("Erik", "jb"))
		mohamed := w.actor(t, demo.Email("Mohamed", "vt"))
		pc.join(t, rob, schakel.RoleUitvoering)
		pc.join(t, thomas, schakel.RoleUitvoering)
		meeting, err := uc.CreateConsultation(ctx, sanne, caseID, plan.ConsultationInput{Kind: schakel.ConsultMDO,
			ScheduledAt: w.now.Add(48 * time.Hour).Format(time.RFC3339), Title: "Overleg", Invite: plan.Invite{ProfessionalIDs: []int64{rob.Professional.ID}}})
		if err != nil {
			t.Fatal(err)
		}
		// Thomas works one hour a week: any case takes him above the norm.
		team, err := uc.CreateTeam(ctx, lead, app.TeamInput{Name: "Team Noord", LeadID: lead.Professional.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.PutTeamMember(ctx, lead, team.ID, app.MemberInput{ProfessionalID: thomas.Professional.ID, HoursPerWeek: 1, StartedOn: "2024-01-01"}); err != nil {
			t.Fatal(err)
		}
		// A family whose case was closed is reported again.
		closed, err := uc.CreateReport(ctx, sanne, benchReport(31, false), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.RecordEvent(ctx, sanne, closed.CaseID, schakel.ChainEventInput{Type: "closed", At: w.now.Format(time.RFC3339)}, storage.SourceAPI); err != nil {
			t.Fatal(err)
		}
		again, err := uc.CreateReport(ctx, mohamed, benchReport(31, false), "")
		if err != nil || again.CaseID == closed.CaseID || len(again.Matches) == 0 {
			t.Fatalf("the report on a family whose case was closed gets a case of its own and a proposed match: %v %+v", err, again)
		}
		reported, err := uc.Case(ctx, mohamed, again.CaseID)
		if err != nil || len(reported.Persons) == 0 {
			t.Fatalf("the report's case: %v %+v", err, reported.Persons)
		}
		steps := []planStep{
			{"a colour other than the rules' proposal", func() error {
				r, _, err := uc.RateCase(ctx, sanne, caseID, "orange", "De school ziet Noah steeds banger worden.", 0)
				if err == nil && r.Status != schakel.RatingConfirmed {
					t.Errorf("raising green to orange: %+v", r)
				}
				return err
			}},
			{"an organisation leaves while invited", func() error {
				_, err := uc.ExitCase(ctx, rob, caseID, rob.Professional.Organisation.ID,
					plan.ExitInput{Handover: "Geen schulden gevonden.", NextSteps: "Veilig Thuis gaat verder met het gezin."})
				return err
			}},
			{"confirm a match with a family without an open case", func() error {
				_, into, err := uc.DecideMatch(ctx, sanne, again.Matches[0].ID, true)
				if err == nil && into != again.CaseID {
					t.Errorf("the report's case became case %d, want %d", into, again.CaseID)
				}
				return err
			}},
			{"a case holder above the norm", func() error {
				_, err := uc.AssignCaseHolder(ctx, lead, caseID, app.HolderInput{ProfessionalID: thomas.Professional.ID, Position: schakel.FirstHolder,
					Reason: "Nieuwe casus.", Override: app.Override{Confirmed: true, Reason: "Broer van een kind dat Thomas al kent."}})
				return err
			}},
		}
		checkStepPlans(t, db, nil, steps)
		c, err := uc.Case(ctx, sanne, caseID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(c.Ratings, func(r schakel.Rating) bool { return r.Status == "superseded" }) {
			t.Errorf("the rules' proposal was not superseded: %+v", c.Ratings)
		}
		m, err := uc.Consultation(ctx, sanne, meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(m.Participants, func(p schakel.Participant) bool {
			return p.Professional.ID == rob.Professional.ID && p.DeclinedAt != nil
		}) {
			t.Errorf("the invitation of the organisation that left did not lapse: %+v", m.Participants)
		}
		if err := db.View(ctx, func(tx *storage.Tx) error {
			for _, p := range reported.Persons {
				if f, err := tx.FamilyOfPerson(p.ID); err != nil || f != closed.FamilyID {
					t.Errorf("%s %s is of family %d (%v), want the known family %d", p.GivenNames, p.FamilyName, f, err, closed.FamilyID)
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if n, err := db.RowCounts(ctx); err != nil || n["caseload_overrides"] != 1 {
			t.Errorf("%d overrides recorded (%v), want 1", n["caseload_overrides"], err)
		}
	})
}
