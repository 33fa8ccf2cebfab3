package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"schakel/internal/storage/storagetest"
)

// TestFormsRefuseNumbersThatAreNot posts forms whose id, version or count
// field holds letters: the answer is 422 with a Dutch message at the field,
// instead of reading the field as 0 (which a use case would answer with
// a confusing "missing" or "someone else changed it").
func TestFormsRefuseNumbersThatAreNot(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := newPlanFixture(t, e)
		ts := f.ts
		c := "/casussen/" + itoa(f.caseID)
		forms := []struct {
			name, path string
			values     url.Values
		}{
			{"version of a colour", c + "/kleur", url.Values{"color": {"orange"}, "version": {"1x"}, "reason": {"Nieuwe zorgen over de veiligheid."}}},
			{"consultation of a finding", c + "/bevindingen", url.Values{"column": {"worries"}, "text": {"Zorgen"}, "consultation_id": {"drie"}}},
			{"event corrected", c + "/tijdlijn", url.Values{"type": {"court_order"}, "date": {today(ts, 0)}, "reason": {"Correctie"}, "corrects": {"12a"}}},
			{"length of a family meeting", c + "/gezinsgesprekken", url.Values{"minutes": {"een uur"}, "date": {today(ts, 1)}, "time": {"10:00"}, "about": {"Het plan"}}},
			{"organisation of a role", c + "/organisaties/rol", url.Values{"organisation_id": {"veilig_thuis"}, "role": {"advies"}, "reason": {"Advies"}}},
		}
		sanne := ts.Login(vtIntake).StepUp()
		for _, form := range forms {
			t.Run(form.name, func(t *testing.T) {
				r := sanne.PostForm(form.path, form.values)
				wantStatus(t, r, http.StatusUnprocessableEntity)
				wantContains(t, r, "Hier hoort een heel getal, zonder letters of andere tekens.")
			})
		}
	})
}
