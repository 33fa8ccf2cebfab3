package app_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestRefusedFindingsWriteNothingButAudit: every refused or invalid
// finding, safety scale, family conversation or Raad decision leaves every
// table as it was, but for the refusal's audit entry.
func TestRefusedFindingsWriteNothingButAudit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		w.join(w.fatma, schakel.RoleUitvoering)
		child, parent := w.persons()
		held := w.now.Add(-30 * time.Minute).Format(time.RFC3339)
		talk := plan.ConversationInput{HeldAt: held, ProfessionalIDs: []int64{w.mohamed.Professional.ID}, PersonIDs: []int64{parent, child},
			Summary: "Met moeder en Noah gesproken."}
		if _, err := w.uc.AddConversation(ctx, w.mohamed, w.caseID, talk); err != nil {
			t.Fatalf("first conversation: %v", err)
		}
		finding, decision := aFinding, aDecision
		cases := strangerFindings(t, w, held, child)
		at := func(in app.FindingInput, consultation int64) app.FindingInput {
			in.ConsultationID = consultation
			return in
		}
		cases = append(cases,
			refused{"finding in an unknown column", schakel.EINVALID, 0, func() error {
				_, err := w.uc.AddFinding(ctx, w.fatma, w.caseID, app.FindingInput{Column: "ideas", Text: "Iets"})
				return err
			}},
			refused{"finding at a consultation of another case", schakel.EINVALID, 0, func() error {
				_, err := w.uc.AddFinding(ctx, w.fatma, w.caseID, at(finding, w.consultation.ID+1000))
				return err
			}},
			refused{"safety scale of 11", schakel.EINVALID, 0, func() error {
				_, err := w.uc.AddSafetyScale(ctx, w.fatma, w.caseID, app.ScaleInput{Value: ptrTo(11), Reason: "Buiten de schaal"})
				return err
			}},
			refused{"safety scale without a value", schakel.EINVALID, 0, func() error {
				_, err := w.uc.AddSafetyScale(ctx, w.fatma, w.caseID, app.ScaleInput{Reason: "Geen cijfer"})
				return err
			}},
			refused{"the same conversation a second time", schakel.ECONFLICT, 0, func() error {
				_, err := w.uc.AddConversation(ctx, w.fatma, w.caseID, plan.ConversationInput{HeldAt: held, ProfessionalIDs: []int64{w.fatma.Professional.ID},
					PersonIDs: []int64{child, parent, child}})
				return err
			}},
			refused{"conversation in the future", schakel.EINVALID, 0, func() error {
				_, err := w.uc.AddConversation(ctx, w.fatma, w.caseID, plan.ConversationInput{HeldAt: w.now.Add(time.Hour).Format(time.RFC3339),
					ProfessionalIDs: []int64{w.fatma.Professional.ID}, PersonIDs: []int64{child}})
				return err
			}},
			refused{"conversation with someone not on the case", schakel.EINVALID, 0, func() error {
				_, err := w.uc.AddConversation(ctx, w.fatma, w.caseID, plan.ConversationInput{HeldAt: held,
					ProfessionalIDs: []int64{w.fatma.Professional.ID}, PersonIDs: []int64{child + parent + 1000}})
				return err
			}},
			refused{"decision by an organisation on the case that is not the Raad", schakel.EFORBIDDEN, 1, func() error {
				_, err := w.uc.RecordDecision(ctx, w.fatma, w.caseID, decision)
				return err
			}},
			refused{"decision by the Raad before it is on the case", schakel.EFORBIDDEN, 1, func() error {
				_, err := w.uc.RecordDecision(ctx, w.wouter, w.caseID, decision)
				return err
			}},
		)
		runRefused(t, db, cases)
		w.join(w.wouter, schakel.RoleOnderzoek)
		runRefused(t, db, []refused{
			{"decision of an unknown kind", schakel.EINVALID, 0, func() error {
				_, err := w.uc.RecordDecision(ctx, w.wouter, w.caseID, app.DecisionInput{Kind: "court_now", Reason: "Meteen"})
				return err
			}},
		})
	})
}

var (
	aFinding  = app.FindingInput{Column: schakel.ColumnWorries, Text: "Vader drinkt"}
	aScale    = app.ScaleInput{Value: ptrTo(4), Reason: "Afspraken deels nagekomen"}
	aDecision = app.DecisionInput{Kind: schakel.DecisionInvestigateMeasure, Reason: "Ouders werken niet mee aan de afspraken."}
)

// strangerFindings: the strangers try to write on the case.
func strangerFindings(t *testing.T, w *planWorld, held string, child int64) []refused {
	ctx := context.Background()
	var cases []refused
	for who, a := range strangers(t, w.db) {
		cases = append(cases,
			refused{"finding by " + who, schakel.EFORBIDDEN, 1, func() error { _, err := w.uc.AddFinding(ctx, a, w.caseID, aFinding); return err }},
			refused{"safety scale by " + who, schakel.EFORBIDDEN, 1, func() error { _, err := w.uc.AddSafetyScale(ctx, a, w.caseID, aScale); return err }},
			refused{"conversation by " + who, schakel.EFORBIDDEN, 1, func() error {
				_, err := w.uc.AddConversation(ctx, a, w.caseID, plan.ConversationInput{HeldAt: held, ProfessionalIDs: []int64{a.Professional.ID},
					PersonIDs: []int64{child}})
				return err
			}},
			refused{"decision by " + who, schakel.EFORBIDDEN, 1, func() error { _, err := w.uc.RecordDecision(ctx, a, w.caseID, aDecision); return err }},
		)
	}
	return cases
}
