package web_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

func TestAPIAuth(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)

		for _, tc := range []struct {
			name   string
			header string // Authorization
		}{
			{"no credentials", ""},
			{"unknown bearer token", "Bearer skt_verzonnen"},
			{"empty bearer token", "Bearer "},
			{"basic auth", "Basic c2FubmU6d2FjaHR3b29yZA=="},
			{"token without scheme", "skt_verzonnen"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := ts.Anonymous()
				if tc.header != "" {
					c.Header.Set("Authorization", tc.header)
				}
				r := c.Get("/api/v1/me")
				wantStatus(t, r, http.StatusUnauthorized)
				if p := r.Problem(t); p.Code != "unauthenticated" {
					t.Errorf("code = %q, want unauthenticated", p.Code)
				}
				if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("WWW-Authenticate = %q, want a Bearer challenge", r.Header.Get("WWW-Authenticate"))
				}
				// A 401 never sends the client to a login page.
				if loc := r.Header.Get("Location"); loc != "" {
					t.Errorf("API 401 redirects to %q", loc)
				}
			})
		}

		t.Run("revoked token", func(t *testing.T) {
			secret, id := ts.CreateToken(vtIntake)
			c := ts.WithToken(secret)
			wantStatus(t, c.Get("/api/v1/me"), http.StatusOK)
			if err := ts.DB.Update(context.Background(), func(tx *storage.Tx) error { return tx.RevokeToken(id) }); err != nil {
				t.Fatal(err)
			}
			r := c.Get("/api/v1/me")
			wantStatus(t, r, http.StatusUnauthorized)
			if p := r.Problem(t); p.Code != "unauthenticated" {
				t.Errorf("code = %q", p.Code)
			}
		})

		t.Run("bearer scheme is case-insensitive", func(t *testing.T) {
			secret, _ := ts.CreateToken(vtIntake)
			c := ts.Anonymous()
			c.Header.Set("Authorization", "bearer "+secret)
			wantStatus(t, c.Get("/api/v1/me"), http.StatusOK)
		})

		t.Run("me", func(t *testing.T) {
			r := ts.Bearer(vtIntake).Get("/api/v1/me")
			wantStatus(t, r, http.StatusOK)
			if ct := r.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			var me struct {
				ID           int64  `json:"id"`
				Email        string `json:"email"`
				Name         string `json:"name"`
				Organisation struct {
					ID   int64  `json:"id"`
					Name string `json:"name"`
					Kind string `json:"kind"`
				} `json:"organisation"`
				Roles  []string `json:"roles"`
				OnDuty *bool    `json:"on_duty"`
			}
			r.JSON(t, &me)
			if me.Email != vtIntake || me.Name != "Sanne de Wit" || me.Organisation.Kind != "veilig_thuis" ||
				len(me.Roles) != 1 || me.Roles[0] != "intake" || me.OnDuty == nil || *me.OnDuty {
				t.Errorf("me = %+v", me)
			}
			if strings.Contains(r.Body, "password") || strings.Contains(r.Body, "argon2") {
				t.Errorf("me shows the password hash: %s", r.Body)
			}
		})

		t.Run("me on duty", func(t *testing.T) {
			now := ts.DB.Now()
			shifts, err := ts.DB.DutyRoster(context.Background(), now, now.Add(time.Second))
			if err != nil || len(shifts) == 0 {
				t.Fatalf("nobody on duty now in the demo: %v", err)
			}
			p, err := ts.DB.Professional(context.Background(), shifts[0].ProfessionalID)
			if err != nil {
				t.Fatal(err)
			}
			var me struct {
				OnDuty bool `json:"on_duty"`
			}
			r := ts.Bearer(p.Email).Get("/api/v1/me")
			wantStatus(t, r, http.StatusOK)
			r.JSON(t, &me)
			if !me.OnDuty {
				t.Errorf("%s is on duty but on_duty is false", p.Email)
			}
		})

		t.Run("session cookie works for the API", func(t *testing.T) {
			wantStatus(t, ts.Login(vtIntake).Get("/api/v1/me"), http.StatusOK)
		})

		t.Run("API token is not a browser session", func(t *testing.T) {
			// A page fetched with a bearer token works (the token is the
			// actor), but a 401 on a page is a redirect, not a problem.
			c := ts.WithToken("skt_verzonnen")
			r := c.Get("/")
			wantStatus(t, r, http.StatusSeeOther)
		})
	})
}

// TestBadInput sends what a careless or hostile client might: every answer
// is a clear problem, never a 500, never internals (client.Do checks the
// last two for every response in this file).
func TestBadInput(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		admin := ts.Bearer(vtAdmin).StepUp()
		privacy := ts.Bearer(vtPrivacy).StepUp()
		big := `{"name":"` + strings.Repeat("a", 1<<20+10) + `"}`

		for _, tc := range []struct {
			name        string
			c           *client
			method      string
			path        string
			contentType string
			body        string
			status      int
			code        string
			field       string // errors[0].field, when set
		}{
			{"malformed JSON", admin, "POST", "/api/v1/professionals", "application/json", `{"name":`, 400, "malformed", ""},
			{"not JSON at all", admin, "POST", "/api/v1/professionals", "application/json", `name=Piet`, 400, "malformed", ""},
			{"trailing garbage", admin, "POST", "/api/v1/professionals", "application/json", `{"name":"x"} {"name":"y"}`, 400, "malformed", ""},
			{"empty body", admin, "POST", "/api/v1/professionals", "application/json", ``, 400, "malformed", ""},
			{"JSON array", admin, "POST", "/api/v1/professionals", "application/json", `[]`, 422, "invalid", ""},
			{"wrong content type", admin, "POST", "/api/v1/professionals", "text/plain", `{"name":"x"}`, 415, "unsupported_type", ""},
			{"form content type", admin, "POST", "/api/v1/professionals", "application/x-www-form-urlencoded", `name=x`, 415, "unsupported_type", ""},
			{"no content type", admin, "POST", "/api/v1/professionals", "", `{"name":"x"}`, 415, "unsupported_type", ""},
			{"JSON with charset", admin, "POST", "/api/v1/professionals", "application/json; charset=utf-8", `{"name":""}`, 422, "invalid", ""},
			{"oversized body", admin, "POST", "/api/v1/professionals", "application/json", big, 413, "too_large", ""},
			{"oversized garbage", admin, "POST", "/api/v1/organisations", "application/json", strings.Repeat("x", 1<<20+10), 413, "too_large", ""},
			{"unknown field", admin, "POST", "/api/v1/professionals", "application/json", `{"naam":"Piet"}`, 422, "invalid", "naam"},
			{"wrong type", admin, "POST", "/api/v1/professionals", "application/json", `{"name":42}`, 422, "invalid", "name"},
			{"unknown role", admin, "POST", "/api/v1/professionals", "application/json",
				`{"name":"Piet","email":"piet@schakel.example","roles":["koning"],"password":"lang-genoeg-wachtwoord"}`, 422, "invalid", "roles[0]"},
			{"bad e-mail", admin, "POST", "/api/v1/professionals", "application/json",
				`{"name":"Piet","email":"geen adres","roles":["intake"],"password":"lang-genoeg-wachtwoord"}`, 422, "invalid", "email"},
			{"short password", admin, "POST", "/api/v1/professionals", "application/json",
				`{"name":"Piet","email":"piet@schakel.example","roles":["intake"],"password":"kort"}`, 422, "invalid", "password"},
			{"bad organisation kind", admin, "POST", "/api/v1/organisations", "application/json", `{"name":"X","kind":"bakkerij"}`, 422, "invalid", "kind"},
			{"bad id", admin, "GET", "/api/v1/professionals/abc", "", "", 422, "invalid", "id"},
			{"zero id", admin, "GET", "/api/v1/professionals/0", "", "", 422, "invalid", "id"},
			{"negative id", admin, "GET", "/api/v1/professionals/-3", "", "", 422, "invalid", "id"},
			{"huge id", admin, "GET", "/api/v1/professionals/99999999999999999999999", "", "", 422, "invalid", "id"},
			{"bad id in PATCH", admin, "PATCH", "/api/v1/professionals/abc", "application/json", `{}`, 422, "invalid", "id"},
			{"bad person id", privacy, "GET", "/api/v1/persons/x/accesses", "", "", 422, "invalid", "id"},
			{"no such professional", admin, "GET", "/api/v1/professionals/999999", "", "", 404, "not_found", ""},
			{"no such professional to change", admin, "PATCH", "/api/v1/professionals/999999", "application/json", `{"name":"X"}`, 404, "not_found", ""},
			{"bad filter", admin, "GET", "/api/v1/professionals?organisation_id=abc", "", "", 422, "invalid", "organisation_id"},
			{"bad roster time", admin, "GET", "/api/v1/roster?from=gisteren", "", "", 422, "invalid", "from"},
			{"bad audit limit", privacy, "GET", "/api/v1/audit?limit=100000", "", "", 422, "invalid", "limit"},
			{"bad audit user", privacy, "GET", "/api/v1/audit?user_id=iemand", "", "", 422, "invalid", "user_id"},
			{"unknown API path", admin, "GET", "/api/v1/nope", "", "", 404, "not_found", ""},
			{"unknown API version", admin, "GET", "/api/v2/me", "", "", 404, "not_found", ""},
			{"unknown API path, anonymous", ts.Anonymous(), "GET", "/api/v1/nope", "", "", 404, "not_found", ""},
			// A known path with a method it does not take: 405 with Allow.
			{"wrong method", admin, "DELETE", "/api/v1/me", "", "", 405, "method_not_allowed", ""},
			{"wrong method on collection", admin, "PUT", "/api/v1/professionals", "application/json", `{}`, 405, "method_not_allowed", ""},
			{"wrong method, anonymous", ts.Anonymous(), "DELETE", "/api/v1/cases/1/plan", "", "", 405, "method_not_allowed", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var body *bytes.Reader
				if tc.body != "" {
					body = bytes.NewReader([]byte(tc.body))
				} else {
					body = bytes.NewReader(nil)
				}
				r := tc.c.Do(tc.method, tc.path, body, tc.contentType)
				wantStatus(t, r, tc.status)
				if allow := r.Header.Get("Allow"); (tc.status == http.StatusMethodNotAllowed) != (allow != "") {
					t.Errorf("status %d with Allow %q", tc.status, allow)
				}
				p := r.Problem(t)
				if p.Code != tc.code {
					t.Errorf("code = %q, want %q (%s)", p.Code, tc.code, p.Detail)
				}
				if tc.field != "" {
					if len(p.Errors) == 0 || p.Errors[0].Field != tc.field {
						t.Errorf("errors = %+v, want errors[0].field %q", p.Errors, tc.field)
					}
					for _, fe := range p.Errors {
						if fe.Message == "" || fe.Code == "" {
							t.Errorf("field error without code or message: %+v", fe)
						}
					}
				}
				if r.Header.Get("Cache-Control") != "no-store" {
					t.Errorf("problem Cache-Control = %q", r.Header.Get("Cache-Control"))
				}
			})
		}

		t.Run("a failed create leaves no rows", func(t *testing.T) {
			before, err := ts.DB.ListProfessionals(context.Background(), storage.ProfessionalFilter{})
			if err != nil {
				t.Fatal(err)
			}
			// Valid except for the duplicate address: the insert fails.
			r := admin.SendJSON("POST", "/api/v1/professionals", map[string]any{"name": "Tweede Sanne", "email": vtIntake,
				"roles": []string{"intake"}, "password": "lang-genoeg-wachtwoord"})
			wantStatus(t, r, http.StatusConflict)
			after, err := ts.DB.ListProfessionals(context.Background(), storage.ProfessionalFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(after) != len(before) {
				t.Errorf("professionals: %d before, %d after a failed create", len(before), len(after))
			}
		})

		// Screens answer bad input with a Dutch page.
		browser := ts.Login(vtAdmin)
		for _, tc := range []struct {
			name   string
			c      *client
			method string
			path   string
			body   string
			status int
			want   string
		}{
			{"unknown page", ts.Anonymous(), "GET", "/bestaat-niet", "", 404, "Deze pagina bestaat niet."},
			{"unknown page, logged in", browser, "GET", "/beheer/bestaat-niet", "", 404, "Deze pagina bestaat niet."},
			{"bad id on a page", browser, "GET", "/beheer/medewerkers/abc", "", 422, "Ongeldig nummer in het adres."},
			{"unknown professional page", browser, "GET", "/beheer/medewerkers/999999", "", 404, "niet gevonden"},
			{"bad audit filter page", ts.Login(vtPrivacy).StepUp(), "GET", "/privacy/logboek?limit=-1", "", 422, "Kies een aantal tussen 1 en 500."},
			{"oversized form", browser, "POST", "/beheer/organisaties", "name=" + strings.Repeat("a", 1<<20+10), 413, "Te veel gegevens"},
			{"broken form encoding", browser, "POST", "/beheer/organisaties", "name=%zz", 400, "Het formulier kon niet worden gelezen."},
			{"oversized login form", ts.Anonymous(), "POST", "/login", "email=" + strings.Repeat("a", 70<<10), 413, "Te veel gegevens"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var r response
				if tc.method == "GET" {
					r = tc.c.Get(tc.path)
				} else {
					r = tc.c.Do(tc.method, tc.path, strings.NewReader(tc.body), "application/x-www-form-urlencoded")
				}
				wantStatus(t, r, tc.status)
				if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Errorf("Content-Type = %q, want an HTML page", ct)
				}
				wantContains(t, r, `<html lang="nl">`, "<h1>", tc.want)
			})
		}
	})
}
