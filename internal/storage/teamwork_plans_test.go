package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/askalong"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestTeamworkPlans explains the statements of working on a case with
// others: an expert added, the case tagged for a cohort, a question to the
// team answered and another withdrawn, a court order recorded, a case
// holder leaving, the case's workspace, an organisation's own record and a
// consultation's calendar invitation, and last a proposed match with
// another report confirmed.
func TestTeamworkPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, baseReport())
		w, sanne, uc, caseID := pc.w, pc.sanne, pc.uc, pc.filed.CaseID
		again, err := uc.CreateReport(ctx, sanne, baseReport(), "")
		if err != nil || len(again.Matches) == 0 {
			t.Fatalf("no proposed match: %v %+v", err, again)
		}
		lead := w.actor(t, demo.Email("Erik", "jb"))
		fatma := w.actor(t, demo.Email("Fatma", "jb"))
		thomas := w.actor(t, demo.Email("Thomas", "jb"))
		admin := w.actor(t, demo.Email("Joost", "vt"))
		mohamed := w.actor(t, demo.Email("Mohamed", "vt"))
		pc.join(t, fatma, schakel.RoleUitvoering)
		team := pc.team(t, "Team Zuid", lead, lead, fatma, thomas)
		if _, err := uc.AssignCaseHolder(ctx, lead, caseID, app.HolderInput{ProfessionalID: fatma.Professional.ID,
			Position: schakel.FirstHolder, Reason: "Nieuwe casus."}); err != nil {
			t.Fatal(err)
		}
		cohort, err := uc.CreateCohort(ctx, admin, app.CohortInput{Name: "Proef Zuid", Kind: "cohort", Description: "test"})
		if err != nil {
			t.Fatal(err)
		}
		meeting, err := uc.CreateConsultation(ctx, sanne, caseID, plan.ConsultationInput{Kind: schakel.ConsultMDO,
			ScheduledAt: w.now.Add(48 * time.Hour).Format(time.RFC3339), Title: "Overleg", Invite: plan.Invite{ProfessionalIDs: []int64{fatma.Professional.ID}}})
		if err != nil {
			t.Fatal(err)
		}
		withdrawn, err := uc.AskColleagues(ctx, fatma, caseID, askalong.Input{Kind: schakel.AskQuestion, TeamID: team.ID, Message: "Wie kent de school?"})
		if err != nil {
			t.Fatal(err)
		}
		var ask schakel.ColleagueAsk
		var order schakel.ChainEventInput
		order.Type, order.At = "court_order", w.now.Format(time.RFC3339)
		order.Details.Measure, order.Details.EndsAt = "supervision", w.now.AddDate(0, 11, 0).Format(time.RFC3339)
		steps := []planStep{
			{"add an expert", func() error {
				_, err := uc.AddExpert(ctx, sanne, caseID, schakel.ExpertInput{Expertise: "debt_counselling", Reason: "Schulden spelen mee in dit gezin."})
				return err
			}},
			{"tag the case for a cohort", func() error { return uc.TagCase(ctx, sanne, caseID, cohort.ID, true) }},
			{"ask the team", func() (err error) {
				ask, err = uc.AskColleagues(ctx, fatma, caseID, askalong.Input{Kind: schakel.AskQuestion, TeamID: team.ID, Message: "Denk je mee?"})
				return err
			}},
			{"the ask", func() error { _, err := uc.ColleagueAsk(ctx, thomas, ask.ID); return err }},
			{"answer the ask", func() error {
				_, err := uc.TakeColleagueAsk(ctx, thomas, ask.ID, schakel.AskQuestion, "Bel de school.")
				return err
			}},
			{"withdraw an ask", func() error { _, err := uc.WithdrawColleagueAsk(ctx, fatma, withdrawn.ID); return err }},
			{"record a court order", func() error { _, err := uc.RecordEvent(ctx, thomas, caseID, order, "hand"); return err }},
			{"a case holder leaves", func() error {
				_, err := uc.EndCaseHolder(ctx, lead, caseID, schakel.FirstHolder, "Fatma gaat met verlof.")
				return err
			}},
			{"the case's workspace", func() error { _, err := uc.Workspace(ctx, sanne, caseID); return err }},
			{"an organisation's own record", func() error { _, err := uc.OwnRecordOf(ctx, fatma, caseID); return err }},
			{"a calendar invitation", func() error { _, err := uc.InvitationICS(ctx, fatma, meeting.ID); return err }},
			{"confirm a match", func() error { _, _, err := uc.DecideMatch(ctx, mohamed, again.Matches[0].ID, true); return err }},
		}
		checkStepPlans(t, db, nil, steps)
	})
}
