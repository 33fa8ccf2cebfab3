package demo

import (
	"fmt"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/plan"
	"schakel/internal/workdays"
)

// teamZuid makes Jeugdbescherming's Team Zuid a team record (issue 14):
// Erik leads it, Fatma (32 hours) holds the De Vries case and visited the
// family twice, Thomas (36 hours) started two months ago and still
// carries a reduced caseload. The team tries support work on request, an
// intervention cohort from the first of this month, so that the team
// board, the weekly trend with its contact moments, the cohorts page and
// the dashboard's cohort comparison show something. The week is recorded
// at once instead of waiting for the hourly job.
func (d demoCases) teamZuid(caseID int64) error {
	ctx, uc := d.ctx, d.uc
	erik, err := actor(ctx, d.db, Email("Erik", "jb"))
	if err != nil {
		return err
	}
	thomas, err := actor(ctx, d.db, Email("Thomas", "jb"))
	if err != nil {
		return err
	}
	team, err := uc.CreateTeam(ctx, erik, app.TeamInput{Name: "Team Zuid", LeadID: erik.Professional.ID})
	if err != nil {
		return fmt.Errorf("demo team: %w", err)
	}
	local := d.now.In(workdays.Location())
	for _, m := range []app.MemberInput{
		{ProfessionalID: d.fatma.Professional.ID, HoursPerWeek: 32, StartedOn: "2021-03-01"},
		{ProfessionalID: thomas.Professional.ID, HoursPerWeek: 36, StartedOn: local.AddDate(0, -2, 0).Format(time.DateOnly)},
	} {
		if _, err := uc.PutTeamMember(ctx, erik, team.ID, m); err != nil {
			return fmt.Errorf("demo team member: %w", err)
		}
	}
	if _, err := uc.AssignCaseHolder(ctx, erik, caseID, app.HolderInput{ProfessionalID: d.fatma.Professional.ID, Position: schakel.FirstHolder,
		Reason: "Vaste jeugdbeschermer na het crisisoverleg."}); err != nil {
		return fmt.Errorf("demo case holder: %w", err)
	}
	for _, c := range []struct {
		ago     time.Duration
		summary string
	}{
		{150 * time.Minute, "Huisbezoek na het crisisoverleg: afspraken over de wondzorg van Daan."},
		{20 * time.Minute, "Telefoongesprek met moeder over de huurachterstand en de schuldhulp."},
	} {
		in := plan.ConversationInput{HeldAt: d.now.Add(-c.ago).Format(time.RFC3339), ProfessionalIDs: []int64{d.fatma.Professional.ID},
			Others: "Moeder (Kim)", Summary: c.summary}
		if _, err := uc.AddConversation(ctx, d.fatma, caseID, in); err != nil {
			return fmt.Errorf("demo conversation: %w", err)
		}
	}
	first := time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, workdays.Location())
	k, err := uc.CreateCohort(ctx, erik, app.CohortInput{Name: "Ondersteunend werk Team Zuid", Intervention: "support_work",
		StartsOn: first.Format(time.DateOnly), Description: "Een ondersteuner doet op verzoek taken voor de jeugdbeschermers van Team Zuid."})
	if err != nil {
		return fmt.Errorf("demo cohort: %w", err)
	}
	if _, err := uc.SetCohortMember(ctx, erik, k.ID, app.CohortMemberInput{TeamID: team.ID}, true); err != nil {
		return fmt.Errorf("demo cohort team: %w", err)
	}
	_, err = uc.RecordCaseloadWeek(ctx)
	return err
}
