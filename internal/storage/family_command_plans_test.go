package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/familycopy"
	"schakel/internal/familytext"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestFamilyCommandPlans explains the statements of what professionals do
// for the family: inviting a parent to Schakel, moving and cancelling a
// conversation with the family (and the parent's calendar invitation for
// it), keeping a part of the plan from a parent (and changing and undoing
// that), keeping what the case says from a child and the team lead's
// review of it, checking and confirming a parent's copy of the plan, and
// answering a parent's request.
func TestFamilyCommandPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, baseReport())
		w, sanne, uc, caseID := pc.w, pc.sanne, pc.uc, pc.filed.CaseID
		mother, child, parent := pc.baseFamily(t, db)
		due := w.now.AddDate(0, 0, 7).Format(time.DateOnly)
		meeting, err := uc.PlanFamilyMeeting(ctx, sanne, caseID, plan.FamilyMeetingInput{Date: due, Time: "10:30", Minutes: 60,
			About: "We praten over school.", Location: schakel.ConsultationLocation{Mode: schakel.MeetInPerson, Place: "Wijkcentrum De Brug"},
			PersonIDs: []int64{mother}, ProfessionalIDs: []int64{sanne.Professional.ID}})
		if err != nil {
			t.Fatal(err)
		}
		action, err := uc.AddAction(ctx, sanne, caseID, plan.ActionInput{Title: "Veilig slapen", Kind: schakel.ActionTask,
			OwnerOrganisationID: sanne.Professional.Organisation.ID, OwnerProfessionalID: sanne.Professional.ID, DueDate: due})
		if err != nil {
			t.Fatal(err)
		}
		request, err := uc.FileFamilyRequest(ctx, parent, app.RequestCorrection, "Ik heb nooit gezegd dat ik boos werd.")
		if err != nil {
			t.Fatal(err)
		}
		var copyOf familycopy.Copy
		var mark familycopy.Mark
		lead := w.actor(t, demo.Email("Linda", "vt"))
		steps := []planStep{
			{"invite a parent", func() error { _, err := uc.InviteFamilyMember(ctx, sanne, caseID, mother); return err }},
			{"move a conversation with the family", func() error {
				_, err := uc.MoveFamilyMeeting(ctx, sanne, caseID, meeting, 0, plan.MeetingMoveInput{Date: due, Time: "14:00", Minutes: 60,
					Location: schakel.ConsultationLocation{Mode: schakel.MeetInPerson, Place: "Wijkcentrum De Brug"}})
				return err
			}},
			{"the conversation in the parent's calendar", func() error {
				_, err := uc.FamilyMeetingCalendar(ctx, parent, meeting, familytext.Get(familytext.Dutch))
				return err
			}},
			{"cancel it", func() error {
				_, err := uc.CancelFamilyMeeting(ctx, sanne, caseID, meeting, 1, "De gezinsvoogd is ziek.")
				return err
			}},
			{"keep a part of the plan from a parent", func() (err error) {
				mark, err = uc.MarkFamilyCopy(ctx, sanne, caseID, action.ID, mother, familycopy.MarkWithhold)
				return err
			}},
			{"change why it is kept", func() error {
				_, err := uc.ChangeFamilyCopyMark(ctx, sanne, caseID, mark.ID, mother, familycopy.MarkWhereabouts)
				return err
			}},
			{"show it again", func() error { return uc.RemoveFamilyCopyMark(ctx, sanne, caseID, mark.ID) }},
			{"keep the case from a child", func() error {
				return uc.WithholdFromFamily(ctx, sanne, caseID, child, 0, "Het kind raakt nu in paniek van wat er staat.")
			}},
			{"the team lead reviews it", func() error {
				page, err := uc.FamilyMembersPage(ctx, lead, caseID)
				if err != nil {
					return err
				}
				if len(page.Withholdings) != 1 {
					t.Fatalf("withholdings: %+v", page.Withholdings)
				}
				return uc.ReviewFamilyWithholding(ctx, lead, caseID, page.Withholdings[0].ID, true)
			}},
			{"a parent's copy", func() (err error) { copyOf, err = uc.FamilyCopy(ctx, sanne, caseID, mother); return err }},
			{"confirm the copy", func() error { _, err := uc.ConfirmFamilyCopy(ctx, sanne, caseID, mother, copyOf.Digest); return err }},
			{"answer the parent's request", func() error {
				return uc.AnswerFamilyRequest(ctx, sanne, caseID, request.ID, "We hebben de zin aangepast. Dank u.")
			}},
		}
		checkStepPlans(t, db, nil, steps)
	})
}

// TestFamilyAccountPlans does the same for what a parent does with their
// own account: an API key made, listed and revoked.
func TestFamilyAccountPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, baseReport())
		uc := pc.uc
		_, _, parent := pc.baseFamily(t, db)
		var tokens []storage.FamilyToken
		steps := []planStep{
			{"make an API key", func() error { _, err := uc.IssueFamilyToken(ctx, parent, "Mijn app"); return err }},
			{"the API keys", func() (err error) { tokens, err = uc.FamilyTokens(ctx, parent); return err }},
			{"revoke an API key", func() error {
				if len(tokens) == 0 {
					t.Fatal("no API key was listed")
				}
				return uc.RevokeFamilyToken(ctx, parent, tokens[0].ID)
			}},
		}
		checkStepPlans(t, db, nil, steps)
	})
}
