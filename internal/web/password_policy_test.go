package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
)

// TestCommonPasswordsRefused: both screens that set a password refuse the
// same passwords with the same stable code and a Dutch message, and the
// form comes back with what was typed (never the password).
func TestCommonPasswordsRefused(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		api := ts.Bearer(vtAdmin).StepUp()
		browser := ts.Login(vtAdmin).StepUp()
		for i, tc := range []struct {
			name, password, code, message string
		}{
			{"twelve spaces", "            ", "blank", "alleen spaties"},
			{"one repeated character", "aaaaaaaaaaaa", "repeated", "herhaalt steeds dezelfde tekens"},
			{"a listed password repeated", "passwordpassword", "common", "veelgebruikte of uitgelekte wachtwoorden"},
			{"a listed password padded", "Wachtwoord2024!", "common", "veelgebruikte of uitgelekte wachtwoorden"},
			{"too short", "kort", "too_short", "minstens 12 tekens"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				email := "nieuw" + itoa(int64(i)) + "@schakel.example"
				r := api.SendJSON("POST", "/api/v1/professionals", map[string]any{
					"email": email, "name": "Nieuwe Collega", "roles": []string{"intake"}, "password": tc.password})
				wantStatus(t, r, http.StatusUnprocessableEntity)
				p := r.Problem(t)
				if p.Code != "invalid" || len(p.Errors) != 1 || p.Errors[0].Field != "password" || p.Errors[0].Code != tc.code ||
					!strings.Contains(p.Errors[0].Message, tc.message) {
					t.Errorf("API problem = %+v, want field password with code %s", p, tc.code)
				}

				r = browser.PostForm("/beheer/medewerkers", url.Values{"name": {"Nieuwe Collega"}, "email": {email},
					"team": {"Team Oost"}, "roles": {"intake"}, "password": {tc.password}})
				wantStatus(t, r, http.StatusUnprocessableEntity)
				wantContains(t, r, tc.message, `value="`+email+`"`, `value="Team Oost"`)
				if strings.TrimSpace(tc.password) != "" && strings.Contains(r.Body, tc.password) {
					t.Errorf("the password is echoed in the form")
				}
			})
		}
		// Nothing was created.
		r := api.Get("/api/v1/professionals?organisation_id=" + itoa(mustProfessional(t, ts, vtAdmin).Organisation.ID))
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, vtAdmin)
		if strings.Contains(r.Body, "nieuw") {
			t.Errorf("a refused account was created")
		}
	})
}
