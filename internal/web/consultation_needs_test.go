package web_test

import (
	"net/http"
	"slices"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage/storagetest"
)

// TestConsultationShowsWhyEachNeed files the night-time strangulation
// report of issue 10 through the API and reads the crisis table on both
// surfaces: every need with the rule behind it, urgent ones now, debt
// counselling later at the MDO.
func TestConsultationShowsWhyEachNeed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		sanne := ts.Bearer(vtIntake)
		report := walkReport("")
		report["finances"] = map[string]string{"unopened_post_or_debts": "yes"}
		var res app.ReportResult
		r := sanne.SendJSON("POST", "/api/v1/reports", report)
		wantStatus(t, r, http.StatusCreated)
		r.JSON(t, &res)
		if res.Consultation == nil {
			t.Fatal("a red report planned no crisis table")
		}
		var c schakel.Consultation
		r = sanne.Get("/api/v1/consultations/" + itoa(res.Consultation.ID))
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &c)
		urgency := map[string]string{}
		for _, n := range c.Needs {
			urgency[n.Need] = n.Urgency
		}
		for need, want := range map[string]string{
			"organisation:politie": "urgent", "organisation:blijf_groep": "urgent",
			"person:" + itoa(ts.ProfessionalID(vtIntake)): "urgent", "expertise:debt_counselling": "can_follow",
		} {
			if urgency[need] != want {
				t.Errorf("need %s: urgency %q, want %q (needs %+v)", need, urgency[need], want, c.Needs)
			}
		}
		for _, p := range c.Participants {
			if slices.Contains(p.Covers, "expertise:debt_counselling") {
				t.Errorf("%s invited for debts at a crisis table; debts can follow", p.Professional.Name)
			}
		}
		page := ts.Login(vtIntake).Get("/overleggen/" + itoa(c.ID))
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "Wat is er nodig, en waarom?", "iemand van de politie",
			"De politie deed de melding; Signaal “Levensbedreiging, wapens of wurging”: de politie kan de pleger weghouden als die terugkomt.",
			"Zorg “Huiselijk geweld tussen volwassenen”", "een ouder heeft vannacht een veilige plek nodig",
			"Is er ongeopende post, of zijn er schulden? Antwoord: ja", "Later: in het vervolgoverleg (MDO) binnen 5 werkdagen")
	})
}
