package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/audit"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

func TestFindingsScalesConversations(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		w.join(w.fatma, schakel.RoleUitvoering)
		for _, c := range schakel.FindingColumns {
			if _, err := w.uc.AddFinding(ctx, w.mohamed, w.caseID, app.FindingInput{Column: c, Text: "VT: " + c, ConsultationID: w.consultation.ID}); err != nil {
				t.Fatal(err)
			}
		}
		f, err := w.uc.AddFinding(ctx, w.fatma, w.caseID, app.FindingInput{Column: schakel.ColumnWorkingWell, Text: "Oma is er elke dag"})
		if err != nil || f.Organisation.ID != w.orgs["jeugdbescherming"] || f.By.ID != w.fatma.Professional.ID {
			t.Fatalf("finding %+v %v", f, err)
		}
		_, err = w.uc.AddFinding(ctx, w.fatma, w.caseID, app.FindingInput{Column: "ideas", Text: ""})
		wantField(t, err, "column")
		wantField(t, err, "text")
		_, err = w.uc.AddFinding(ctx, w.fatma, w.caseID, app.FindingInput{Column: schakel.ColumnWorries, Text: "x", ConsultationID: 99999})
		wantField(t, err, "consultation_id")

		for _, v := range []int{3, 5} {
			if _, err := w.uc.AddSafetyScale(ctx, w.mohamed, w.caseID, app.ScaleInput{Value: ptrTo(v), Reason: fmt.Sprintf("Cijfer %d: afspraken deels nagekomen", v)}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.uc.AddSafetyScale(ctx, w.fatma, w.caseID, app.ScaleInput{Value: ptrTo(0), Reason: "Kind is bang om naar huis te gaan"}); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []int{-1, 11} {
			_, err := w.uc.AddSafetyScale(ctx, w.mohamed, w.caseID, app.ScaleInput{Value: ptrTo(bad), Reason: "Buiten de schaal gegeven"})
			wantField(t, err, "value")
		}
		_, err = w.uc.AddSafetyScale(ctx, w.mohamed, w.caseID, app.ScaleInput{Value: ptrTo(4)})
		wantField(t, err, "reason")

		child, parent := w.persons()
		held := w.now.Add(-30 * time.Minute).Format(time.RFC3339)
		conv, err := w.uc.AddConversation(ctx, w.mohamed, w.caseID, plan.ConversationInput{HeldAt: held, Joint: true,
			ProfessionalIDs: []int64{w.mohamed.Professional.ID, w.fatma.Professional.ID}, PersonIDs: []int64{parent, child}, Summary: "Samen met moeder en Noah gesproken."})
		if err != nil {
			t.Fatal(err)
		}
		if !conv.Joint || len(conv.Professionals) != 2 || len(conv.Persons) != 2 || conv.Persons[0].Kind != "child" {
			t.Fatalf("conversation %+v", conv)
		}
		// The same conversation a second time: refused, pointing to the first.
		_, err = w.uc.AddConversation(ctx, w.fatma, w.caseID, plan.ConversationInput{HeldAt: held, ProfessionalIDs: []int64{w.fatma.Professional.ID},
			PersonIDs: []int64{child, parent}})
		wantCode(t, err, schakel.ECONFLICT)
		_, err = w.uc.AddConversation(ctx, w.fatma, w.caseID, plan.ConversationInput{HeldAt: w.now.Add(time.Hour).Format(time.RFC3339),
			ProfessionalIDs: []int64{w.fatma.Professional.ID}, PersonIDs: []int64{child}})
		wantField(t, err, "held_at")

		_, ws, err := w.uc.CaseWorkspace(ctx, w.fatma, w.caseID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ws.Findings) != 4 || len(ws.Scales) != 3 || len(ws.CurrentScales) != 2 || len(ws.Conversations) != 1 {
			t.Fatalf("workspace: %d findings, %d scales (%d current), %d conversations", len(ws.Findings), len(ws.Scales), len(ws.CurrentScales), len(ws.Conversations))
		}
		for _, s := range ws.CurrentScales {
			if s.Organisation.ID == w.orgs["veilig_thuis"] && s.Value != 5 {
				t.Errorf("current VT scale %d, want the latest (5)", s.Value)
			}
		}
	})
}

func TestRaadDecisionOnlyByTheRaad(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		in := app.DecisionInput{Kind: schakel.DecisionInvestigateMeasure, Reason: "Ouders werken niet mee aan de afspraken."}
		before := w.rows("audit_log")
		_, err := w.uc.RecordDecision(ctx, w.sanne, w.caseID, in)
		wantCode(t, err, schakel.EFORBIDDEN)
		// The Raad not yet on the case: refused as well.
		_, err = w.uc.RecordDecision(ctx, w.wouter, w.caseID, in)
		wantCode(t, err, schakel.EFORBIDDEN)
		if w.rows("audit_log") != before+2 {
			t.Fatalf("refusals not audited")
		}
		w.join(w.wouter, schakel.RoleOnderzoek)
		_, err = w.uc.RecordDecision(ctx, w.wouter, w.caseID, app.DecisionInput{Kind: "court_now", Reason: "x"})
		wantField(t, err, "kind")
		d, err := w.uc.RecordDecision(ctx, w.wouter, w.caseID, in)
		if err != nil || d.Organisation.ID != w.orgs["raad"] || d.Kind != in.Kind {
			t.Fatalf("decision %+v %v", d, err)
		}
		karin := demoActor(t, db, demo.Email("Karin", "vt"))
		refused, err := app.New(db).ListAudit(ctx, karin, storage.AuditFilter{OrganisationID: karin.Professional.Organisation.ID, Outcome: audit.Refused})
		if err != nil {
			t.Fatal(err)
		}
		if len(refused) == 0 {
			t.Errorf("VT's privacy officer does not see the refused attempt")
		}
		_, ws, _ := w.uc.CaseWorkspace(ctx, w.sanne, w.caseID)
		if ws.Phase.Code != "raad_investigation" || len(ws.Decisions) != 1 {
			t.Fatalf("phase %+v decisions %+v", ws.Phase, ws.Decisions)
		}
	})
}
