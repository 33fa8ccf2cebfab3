package web_test

import (
	"net/http"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/storage/storagetest"
)

// TestRaadOwnRoute walks the Raad's route of issue 10 through the API and
// the screens: it asks for an investigation, cannot leave while that is
// open (an urgent request to the court does not close it), records the
// outcome, then leaves; its invitee stays in the minutes, and the empty
// seat is shown on the consultation and told to the team leads.
func TestRaadOwnRoute(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		ts := f.ts
		f.join(t, raadCaseWorker, schakel.RoleOnderzoek)
		// The case page shows the Raad where it records its decision; nobody
		// else is offered it.
		decideLink := `href="/casussen/` + itoa(f.caseID) + `/organisaties#kop-nieuw-besluit"`
		wantContains(t, ts.Login(raadCaseWorker).Get("/casussen/"+itoa(f.caseID)), decideLink)
		if strings.Contains(ts.Login(vtIntake).Get("/casussen/"+itoa(f.caseID)).Body, decideLink) {
			t.Error("Veilig Thuis is offered to record the Raad's decision")
		}
		decide := func(kind string) {
			t.Helper()
			r := f.wouter.SendJSON("POST", f.path("/decisions"), map[string]any{"kind": kind, "reason": "Ouders werken niet mee aan de afspraken."})
			wantStatus(t, r, http.StatusCreated)
		}
		phase := func() string {
			t.Helper()
			var ws schakel.Workspace
			r := f.wouter.Get(f.path("/workspace"))
			wantStatus(t, r, http.StatusOK)
			r.JSON(t, &ws)
			return ws.Phase.Code
		}
		exitPath := f.path("/participations/" + itoa(f.orgs["raad"]) + "/exit")
		exit := map[string]any{"handover": "Onderzoek afgerond, geen maatregel.", "next_steps": "Veilig Thuis houdt de regie; het wijkteam begeleidt het gezin."}

		decide(schakel.DecisionInvestigateMeasure)
		for _, kind := range []string{"", schakel.DecisionUrgentPlacement} {
			if kind != "" {
				decide(kind)
			}
			if got := phase(); got != "raad_investigation" {
				t.Errorf("after %q the phase is %q, want raad_investigation", kind, got)
			}
			r := f.wouter.SendJSON("POST", exitPath, exit)
			wantStatus(t, r, http.StatusConflict)
			if d := r.Problem(t).Detail; !strings.Contains(d, "leg eerst de uitkomst vast") {
				t.Errorf("the refusal does not name the next step: %q", d)
			}
		}
		decide(schakel.DecisionOutcomeNoMeasure)
		if got := phase(); got == "raad_investigation" {
			t.Errorf("the outcome is recorded, yet the phase still says the Raad investigates")
		}
		wantContains(t, f.sanne.StepUp().Get(f.path("/family-summary?person="+itoa(f.parent(t)))), "klaar met het onderzoek")

		var before schakel.Consultation
		f.sanne.Get("/api/v1/consultations/"+itoa(f.consultID)).JSON(t, &before)
		var raadInvitee string
		for _, p := range before.Participants {
			if p.Professional.Organisation.Kind == schakel.Raad {
				raadInvitee = p.Professional.Name
			}
		}
		if raadInvitee == "" {
			t.Fatalf("no Raad invitee at the crisis table: %+v", before.Participants)
		}
		wantStatus(t, f.wouter.SendJSON("POST", exitPath, exit), http.StatusOK)

		var after schakel.Consultation
		r := f.sanne.Get("/api/v1/consultations/" + itoa(f.consultID))
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &after)
		kept := false
		for _, p := range after.Participants {
			if p.Professional.Name == raadInvitee {
				kept = p.DeclinedAt != nil && strings.Contains(p.DeclineReason, "uit de casus gestapt")
			}
		}
		if !kept {
			t.Errorf("the Raad invitee %s vanished or still counts as invited: %+v", raadInvitee, after.Participants)
		}
		if !strings.Contains(strings.Join(after.Missing, ","), "organisation:raad") {
			t.Errorf("the empty Raad seat is not missing: %v", after.Missing)
		}
		page := ts.Login(vtIntake).Get("/overleggen/" + itoa(f.consultID))
		wantContains(t, page, "Niet compleet", "iemand van de Raad voor de Kinderbescherming", raadInvitee)
		wantContains(t, f.sanne.StepUp().Get("/api/v1/consultations/"+itoa(f.consultID)+"/minutes"), raadInvitee, "uit de casus gestapt")
		wantContains(t, ts.Login(vtTeamLead).Get("/"), "is nu leeg")
	})
}
