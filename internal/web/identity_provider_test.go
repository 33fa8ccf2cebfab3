package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"schakel/internal/storage/storagetest"
)

// TestIdentityProviderAPI: an organisation's own administrator registers,
// reads and removes its provider; everyone else is refused.
func TestIdentityProviderAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		jb := itoa(mustProfessional(t, ts, jbAdmin).Organisation.ID)
		vt := itoa(mustProfessional(t, ts, vtAdmin).Organisation.ID)
		path := "/api/v1/organisations/" + jb + "/identity-provider"
		body := map[string]any{"issuer": "https://login.jeugdbescherming.example", "client_id": "schakel",
			"secret_ref": "file:jb-client-secret", "claim": "employee_id", "match_on": "employee_number", "domains": []string{"Jeugdbescherming.example"}}
		admin := ts.Bearer(jbAdmin).StepUp()

		wantStatus(t, admin.Get(path), http.StatusNotFound)
		set := admin.SendJSON("PUT", path, body)
		wantStatus(t, set, http.StatusOK)
		wantContains(t, set, `"domains":["jeugdbescherming.example"]`, `"match_on":"employee_number"`, `"secret_ref":"file:jb-client-secret"`)
		wantStatus(t, admin.Get(path), http.StatusOK)

		tests := []struct {
			name   string
			c      *client
			path   string
			body   map[string]any
			status int
			field  string
		}{
			{"another organisation's administrator", ts.Bearer(vtAdmin).StepUp(), path, body, http.StatusForbidden, ""},
			{"a case worker of the organisation", ts.Bearer(jbCaseWorker).StepUp(), path, body, http.StatusForbidden, ""},
			{"a secret given as such", admin, path, with(body, "secret_ref", "hunter2"), http.StatusUnprocessableEntity, "secret_ref"},
			{"another server secret", admin, path, with(body, "secret_ref", "env:SCHAKEL_SMTP_PASSWORD"), http.StatusUnprocessableEntity, "secret_ref"},
			{"http to another machine", admin, path, with(body, "issuer", "http://login.jeugdbescherming.example"), http.StatusUnprocessableEntity, "issuer"},
			{"a domain of another organisation", ts.Bearer(vtAdmin).StepUp(), "/api/v1/organisations/" + vt + "/identity-provider", body, http.StatusConflict, "domains"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := tt.c.SendJSON("PUT", tt.path, tt.body)
				wantStatus(t, res, tt.status)
				p := res.Problem(t)
				if tt.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != tt.field) {
					t.Fatalf("errors %+v, want one on %s", p.Errors, tt.field)
				}
			})
		}
		wantStatus(t, ts.Bearer(vtAdmin).StepUp().Do("DELETE", path, nil, ""), http.StatusForbidden)
		wantStatus(t, admin.Do("DELETE", path, nil, ""), http.StatusNoContent)
		wantStatus(t, admin.Get(path), http.StatusNotFound)
	})
}

func with(m map[string]any, k string, v any) map[string]any {
	out := map[string]any{}
	for key, val := range m {
		out[key] = val
	}
	out[k] = v
	return out
}

// TestIdentityProviderScreen: the administrator's screen keeps what was
// typed next to its errors, saves, warns when the secret cannot be found,
// and turns single sign-on off again.
func TestIdentityProviderScreen(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		admin := ts.Login(vtAdmin).StepUp()
		page := admin.Get("/beheer/inloggen")
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, ts.URL+"/login/oidc/callback", "Inloggen via de organisatie aanzetten")
		wantStatus(t, ts.Login(vtIntake).Get("/beheer/inloggen"), http.StatusForbidden)

		form := url.Values{"issuer": {"https://login.veiligthuis.example"}, "client_id": {"schakel-vt"}, "secret_kind": {"env"},
			"secret_name": {"VT_GEHEIM"}, "claim": {"email"}, "match_on": {"email"}, "domains": {"veiligthuis.example\nvt-rijnmond.example"}}
		bad := admin.PostForm("/beheer/inloggen", form)
		wantStatus(t, bad, http.StatusUnprocessableEntity)
		wantContains(t, bad, "Controleer wat u invulde", "begint met SCHAKEL_OIDC_SECRET_", `value="VT_GEHEIM"`, "vt-rijnmond.example", `href="#sso-secret_name"`)

		form.Set("secret_name", "SCHAKEL_OIDC_SECRET_VT")
		wantStatus(t, admin.PostForm("/beheer/inloggen", form), http.StatusSeeOther)
		saved := admin.Get("/beheer/inloggen?ok=opgeslagen")
		wantContains(t, saved, "De wijzigingen zijn opgeslagen.", "@veiligthuis.example", "Schakel vindt het clientgeheim nu niet", "Uitzetten")
		// Now the login page asks for the e-mail address first.
		wantContains(t, ts.Anonymous().Get("/login"), `action="/login/start"`)

		wantStatus(t, admin.PostForm("/beheer/inloggen/verwijderen", nil), http.StatusSeeOther)
		wantContains(t, admin.Get("/beheer/inloggen"), "Inloggen via de organisatie aanzetten")
		wantContains(t, ts.Anonymous().Get("/login"), `id="password"`)
	})
}
