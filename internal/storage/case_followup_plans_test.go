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

// TestCaseFollowUpPlans explains the statements of what follows the
// crisis table on a case: the plan agreed there and reviewed later, the
// Raad's decision, a red case lowered and a second professional's
// confirmation, a colleague's answer, a support task read, handed back and
// withdrawn, a care provider's extract, a notice marked read, the intake
// form's drafts, the work list with its overflow, and the checks the web
// layer makes before it shows a case or a crisis table's controls.
func TestCaseFollowUpPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		in := baseReport()
		in.Indicators = []string{"child_afraid_to_go_home"}
		pc := newPlanCase(t, db, in)
		w, sanne, uc, filed := pc.w, pc.sanne, pc.uc, pc.filed
		if filed.Consultation == nil {
			t.Fatalf("a red report called no crisis table: %+v", filed.Rating)
		}
		caseID, table := filed.CaseID, *filed.Consultation
		fatma := w.actor(t, demo.Email("Fatma", "jb"))
		sam := w.actor(t, demo.Email("Sam", "jb"))
		lead := w.actor(t, demo.Email("Erik", "jb"))
		wouter := w.actor(t, demo.Email("Wouter", "raad"))
		linda := w.actor(t, demo.Email("Linda", "vt"))
		frank := pc.traumaCare(t)
		pc.join(t, fatma, schakel.RoleUitvoering)
		pc.join(t, wouter, schakel.RoleOnderzoek)
		pc.team(t, "Team Noord", lead, lead, fatma, sam)
		for _, who := range []string{schakel.ForChild, schakel.ForParents} {
			if _, err := uc.AddAction(ctx, fatma, caseID, plan.ActionInput{Title: "Gesprek", For: ptr(who), Kind: schakel.ActionTask,
				OwnerOrganisationID: fatma.Professional.Organisation.ID, OwnerProfessionalID: fatma.Professional.ID,
				DueDate: w.now.AddDate(0, 0, 3).Format(time.DateOnly)}); err != nil {
				t.Fatal(err)
			}
		}
		// The plan is agreed at a crisis table that was held: the clock
		// moves to its start.
		db.Now = func() time.Time { return table.ScheduledAt }
		if _, err := uc.RecordAttendance(ctx, sanne, table.ID, plan.AttendanceInput{Present: []int64{sanne.Professional.ID, fatma.Professional.ID}}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := uc.RateCase(ctx, sanne, caseID, "red", "", 0); err != nil {
			t.Fatal(err)
		}
		ask, err := uc.AskColleague(ctx, sanne, caseID, plan.RequestInput{ToProfessionalID: fatma.Professional.ID,
			Kind: schakel.RequestThinkAlong, At: table.ScheduledAt.Add(48 * time.Hour).Format(time.RFC3339), Message: "Denk je mee?"})
		if err != nil {
			t.Fatal(err)
		}
		task, err := uc.PostSupportTask(ctx, lead, caseID, supportwork.TaskInput{Kind: schakel.TaskHomeVisit,
			DueOn: table.ScheduledAt.AddDate(0, 0, 3).Format(time.DateOnly), Brief: "Mee op huisbezoek bij moeder.", ShareAddress: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.ClaimSupportTask(ctx, sam, task.ID); err != nil {
			t.Fatal(err)
		}
		careReq := pc.askTraumaCare(t)
		var lowered schakel.Rating
		var draft storage.Draft
		steps := []planStep{
			{"agree the plan", func() error {
				p, err := uc.Plan(ctx, sanne, caseID)
				if err != nil {
					return err
				}
				_, err = uc.AgreePlan(ctx, sanne, caseID, plan.AgreeInput{ConsultationID: table.ID, ReviewDate: "2027-01-15", Version: p.Version})
				return err
			}},
			{"review the plan", func() error {
				_, err := uc.ReviewPlan(ctx, sanne, caseID, plan.ReviewInput{Checked: "Acties nagelopen", Changed: "Niets",
					Why: "Loopt volgens plan", NextReviewDate: "2027-02-15"})
				return err
			}},
			{"the Raad records a decision", func() error {
				_, err := uc.RecordDecision(ctx, wouter, caseID, app.DecisionInput{Kind: schakel.DecisionInvestigateMeasure,
					Reason: "Ouders werken niet mee aan de afspraken."})
				return err
			}},
			{"lower a red case", func() (err error) {
				lowered, _, err = uc.RateCase(ctx, sanne, caseID, "orange", "Moeder is met Noah bij oma ingetrokken, de dreiging is weg.", 0)
				if err == nil && lowered.Status != schakel.RatingPendingSecond {
					t.Errorf("lowering red alone: %+v", lowered)
				}
				return err
			}},
			{"a second professional confirms it", func() error {
				_, err := uc.ConfirmLowering(ctx, linda, caseID, lowered.ID, true)
				return err
			}},
			{"a colleague answers", func() error {
				_, err := uc.AnswerColleague(ctx, fatma, ask.ID, true, "Ik kom wel.")
				return err
			}},
			{"a support task", func() error { _, err := uc.SupportTask(ctx, sam, task.ID); return err }},
			{"hand a support task back", func() error { _, err := uc.HandBackSupportTask(ctx, sam, task.ID); return err }},
			{"withdraw a support task", func() error { _, err := uc.WithdrawSupportTask(ctx, lead, task.ID); return err }},
			{"a care provider's extract", func() error { _, err := uc.CareExtract(ctx, frank, careReq.ID); return err }},
			{"mark a notice read", func() error {
				items, err := uc.Worklist(ctx, sanne, app.WorkFilter{Scope: "mine"})
				if err != nil {
					return err
				}
				for _, it := range items {
					if it.NotificationID != 0 {
						return uc.MarkNoticeRead(ctx, sanne, it.NotificationID)
					}
				}
				t.Fatalf("no notice among %d work items", len(items))
				return nil
			}},
			{"save a draft and change it", func() (err error) {
				if draft, err = uc.SaveDraft(ctx, sanne, 0, `{"children":[{"family_name":"Jansen"}]}`); err != nil {
					return err
				}
				_, err = uc.SaveDraft(ctx, sanne, draft.ID, `{"children":[{"family_name":"Jansen"}],"adults":[{"family_name":"de Vries"}]}`)
				return err
			}},
			{"open a draft", func() error { _, err := uc.Draft(ctx, sanne, draft.ID); return err }},
			{"delete a draft", func() error { return uc.DeleteDraft(ctx, sanne, draft.ID) }},
			{"the work list with its overflow", func() error {
				_, err := uc.WorklistWithOverflow(ctx, sanne, app.WorkFilter{Scope: "organisation"})
				return err
			}},
			{"may the case be shown", func() error { _, err := uc.MayReadCase(ctx, sanne, caseID); return err }},
			{"may the crisis table be shaped", func() error { _, err := uc.MayShapeTable(ctx, sanne, table.ID); return err }},
			{"did the organisation leave", func() error { uc.OrganisationExited(ctx, fatma, caseID); return nil }},
		}
		checkStepPlans(t, db, waitsForSecondRater, steps)
	})
}

func ptr[T any](v T) *T { return &v }
