package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/supportwork"
)

// TestCaseCommandPlans explains the statements of the other commands on a
// case, those of the days after the intake: rating it again, recording a
// conversation and a safety scale, an organisation joining, changing its
// role and taking over the lead, a consultation planned, moved, attended
// and cancelled, a support task asked, taken and finished, a parent's
// stay in a shelter, a text for the family, the assessment completed and
// an organisation leaving the case. Each runs the case's guard
// (TestCaseReadPlans) and its own reads and updates.
func TestCaseCommandPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, benchReport(9, false))
		w, sanne, uc, filed, c := pc.w, pc.sanne, pc.uc, pc.filed, pc.c
		fatma := w.actor(t, demo.Email("Fatma", "jb"))
		sam := w.actor(t, demo.Email("Sam", "jb"))
		lead := w.actor(t, demo.Email("Erik", "jb"))
		jb := fatma.Professional.Organisation.ID
		at := func(d time.Duration) string { return w.now.Add(d).Format(time.RFC3339) }
		pc.team(t, "Team Zuid", lead, lead, fatma, sam)
		parent := c.Persons[len(c.Persons)-1].ID
		var meeting schakel.Consultation
		held, err := uc.CreateConsultation(ctx, sanne, filed.CaseID, plan.ConsultationInput{Kind: schakel.ConsultMDO,
			ScheduledAt: at(time.Hour), Title: "Overleg vandaag", Invite: plan.Invite{ProfessionalIDs: []int64{fatma.Professional.ID}}})
		if err != nil {
			t.Fatal(err)
		}
		var task schakel.SupportTask
		var action schakel.Action
		steps := []planStep{
			{"rate the case", func() error {
				_, _, err := uc.RateCase(ctx, sanne, filed.CaseID, "orange", "De school maakt zich zorgen.", 0)
				return err
			}},
			{"record a conversation", func() error {
				_, err := uc.AddConversation(ctx, sanne, filed.CaseID, plan.ConversationInput{HeldAt: at(-time.Hour),
					ProfessionalIDs: []int64{sanne.Professional.ID}, PersonIDs: []int64{parent}, Summary: "Moeder vertelde over thuis."})
				return err
			}},
			{"an organisation joins", func() error {
				_, err := uc.AddParticipation(ctx, sanne, filed.CaseID, schakel.ParticipationInput{OrganisationID: jb,
					Role: schakel.RoleUitvoering, ContactProfessionalID: fatma.Professional.ID, Reason: "Doet mee aan het plan"})
				return err
			}},
			{"record a safety scale", func() error {
				value := 6
				_, err := uc.AddSafetyScale(ctx, fatma, filed.CaseID, app.ScaleInput{Value: &value, Reason: "Het gaat iets beter."})
				return err
			}},
			{"change a role", func() error {
				_, err := uc.ChangeRole(ctx, sanne, filed.CaseID, jb, plan.RoleChange{Role: schakel.RoleAdvies, Reason: "Adviseert nu."})
				return err
			}},
			{"hand over the lead", func() error {
				_, err := uc.HandoverRegie(ctx, sanne, filed.CaseID, plan.Handover{ToOrganisationID: jb, Reason: "Jeugdbescherming neemt het over."})
				return err
			}},
			{"plan a consultation", func() (err error) {
				meeting, err = uc.CreateConsultation(ctx, fatma, filed.CaseID, plan.ConsultationInput{Kind: schakel.ConsultMDO,
					ScheduledAt: at(72 * time.Hour), Title: "Overleg", Invite: plan.Invite{ProfessionalIDs: []int64{sanne.Professional.ID}}})
				return err
			}},
			{"move the consultation", func() (err error) {
				meeting, err = uc.MoveConsultation(ctx, fatma, meeting.ID, plan.ConsultationChange{ScheduledAt: at(96 * time.Hour), Reason: "De gezinsvoogd is ziek."})
				return err
			}},
			{"cancel the consultation", func() error {
				_, err := uc.CancelConsultation(ctx, fatma, meeting.ID, plan.ConsultationChange{Reason: "Het gezin is verhuisd naar Utrecht."})
				return err
			}},
			{"record attendance", func() error {
				// Attendance is recorded once the consultation began.
				db.Now = func() time.Time { return w.now.Add(2 * time.Hour) }
				defer func() { db.Now = func() time.Time { return w.now } }()
				_, err := uc.RecordAttendance(ctx, sanne, held.ID, plan.AttendanceInput{Present: []int64{sanne.Professional.ID}})
				return err
			}},
			{"ask for support", func() (err error) {
				task, err = uc.PostSupportTask(ctx, lead, filed.CaseID, supportwork.TaskInput{Kind: schakel.TaskHomeVisit,
					DueOn: w.now.AddDate(0, 0, 3).Format(time.DateOnly), Brief: "Mee op huisbezoek bij moeder."})
				return err
			}},
			{"take the support task", func() error { _, err := uc.ClaimSupportTask(ctx, sam, task.ID); return err }},
			{"finish the support task", func() error {
				hours := 1.5
				_, err := uc.FinishSupportTask(ctx, sam, task.ID, &hours)
				return err
			}},
			{"a parent in a shelter", func() error { return uc.SetInShelter(ctx, fatma, filed.CaseID, parent, true) }},
			{"a text for the family", func() (err error) {
				action, err = uc.AddAction(ctx, fatma, filed.CaseID, plan.ActionInput{Title: "Veilig slapen", Kind: schakel.ActionTask,
					OwnerOrganisationID: jb, OwnerProfessionalID: fatma.Professional.ID, DueDate: w.now.AddDate(0, 0, 7).Format(time.DateOnly)})
				if err != nil {
					return err
				}
				_, err = uc.SetFamilyText(ctx, fatma, filed.CaseID, action.ID, "U slaapt vannacht ergens veilig.")
				return err
			}},
			{"complete the assessment", func() error { return uc.CompleteAssessment(ctx, sanne, filed.ID) }},
			{"leave the case", func() error {
				_, err := uc.ExitCase(ctx, sanne, filed.CaseID, sanne.Professional.Organisation.ID,
					plan.ExitInput{Handover: "Jeugdbescherming heeft alles.", NextSteps: "Jeugdbescherming plant het gesprek met moeder."})
				return err
			}},
		}
		checkStepPlans(t, db, nil, steps)
	})
}
