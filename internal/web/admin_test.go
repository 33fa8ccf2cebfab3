package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
)

type professionalJSON struct {
	ID           int64  `json:"id"`
	Email        string `json:"email"`
	Name         string `json:"name"`
	Team         string `json:"team"`
	Phone        string `json:"phone"`
	Active       bool   `json:"active"`
	Organisation struct {
		ID   int64  `json:"id"`
		Kind string `json:"kind"`
	} `json:"organisation"`
	Roles      []string `json:"roles"`
	Expertises []string `json:"expertises"`
}

func TestAdmin(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		ctx := context.Background()
		admin := ts.Bearer(vtAdmin).StepUp()
		vtOrg := mustProfessional(t, ts, vtAdmin).Organisation.ID

		t.Run("create via API", func(t *testing.T) {
			r := admin.SendJSON("POST", "/api/v1/professionals", map[string]any{
				"email": "Nieuw.Collega@Schakel.Example", "name": "Nieuwe Collega", "team": "Intake",
				"roles": []string{"intake", "case_worker", "intake"}, "expertises": []string{"addiction"},
				"password": "een-lang-wachtwoord",
			})
			wantStatus(t, r, http.StatusCreated)
			var p professionalJSON
			r.JSON(t, &p)
			if p.ID == 0 || p.Email != "nieuw.collega@schakel.example" || p.Organisation.ID != vtOrg || !p.Active ||
				strings.Join(p.Roles, ",") != "case_worker,intake" || strings.Join(p.Expertises, ",") != "addiction" {
				t.Errorf("created = %+v", p)
			}
			// The new account can log in with its first password (hashed
			// with the server's parameters).
			c := ts.Anonymous()
			lr := c.PostForm("/login", url.Values{"email": {"nieuw.collega@schakel.example"}, "password": {"een-lang-wachtwoord"}})
			wantStatus(t, lr, http.StatusSeeOther)
			wantContains(t, c.Get("/"), "Nieuwe Collega")
			// And it is listed.
			var list struct {
				Professionals []professionalJSON `json:"professionals"`
			}
			admin.Get("/api/v1/professionals?organisation_id="+itoa(vtOrg)).JSON(t, &list)
			if !containsEmail(list.Professionals, "nieuw.collega@schakel.example") {
				t.Errorf("new professional not listed")
			}
		})

		t.Run("duplicate via API", func(t *testing.T) {
			r := admin.SendJSON("POST", "/api/v1/professionals", map[string]any{
				"email": strings.ToUpper(vtIntake), "name": "Dubbel", "roles": []string{"intake"}, "password": "een-lang-wachtwoord",
			})
			wantStatus(t, r, http.StatusConflict)
			if p := r.Problem(t); p.Code != "conflict" || len(p.Errors) == 0 || p.Errors[0].Field != "email" {
				t.Errorf("problem = %+v", p)
			}
		})

		browser := ts.Login(vtAdmin).StepUp()

		t.Run("create via the form", func(t *testing.T) {
			wantStatus(t, browser.Get("/beheer/medewerkers/nieuw"), http.StatusOK)
			r := browser.PostForm("/beheer/medewerkers", url.Values{
				"name": {"Formulier Collega"}, "email": {"formulier@schakel.example"}, "team": {"Crisisdienst"},
				"phone": {"010-1234567"}, "roles": {"case_worker"}, "expertises": {"domestic_violence"},
				"password": {"een-lang-wachtwoord"},
			})
			wantStatus(t, r, http.StatusSeeOther)
			loc := r.Header.Get("Location")
			if !regexp.MustCompile(`^/beheer/medewerkers/\d+\?ok=toegevoegd$`).MatchString(loc) {
				t.Fatalf("Location = %q", loc)
			}
			page := browser.Get(loc)
			wantStatus(t, page, http.StatusOK)
			wantContains(t, page, "Toegevoegd.", `value="Formulier Collega"`, `value="formulier@schakel.example"`,
				`value="Crisisdienst"`, `value="010-1234567"`)
			p, err := ts.DB.ProfessionalByEmail(ctx, "formulier@schakel.example")
			if err != nil || p.Organisation.ID != vtOrg || len(p.Roles) != 1 || p.Roles[0] != "case_worker" {
				t.Errorf("stored = %+v, %v", p, err)
			}
			list := browser.Get("/beheer/medewerkers")
			wantContains(t, list, "Formulier Collega")
		})

		t.Run("duplicate via the form keeps what was typed", func(t *testing.T) {
			r := browser.PostForm("/beheer/medewerkers", url.Values{
				"name": {"Zelfde Adres"}, "email": {vtIntake}, "team": {"Team Noord"}, "phone": {"06-12345678"},
				"roles": {"case_worker", "lawyer"}, "expertises": {"psychiatry"}, "password": {"geheim-wachtwoord-123"},
			})
			wantStatus(t, r, http.StatusConflict)
			wantContains(t, r, `<html lang="nl">`, "Dit e-mailadres is al in gebruik.", `value="Zelfde Adres"`,
				`value="`+vtIntake+`"`, `value="Team Noord"`, `value="06-12345678"`,
				`value="case_worker" checked`, `value="lawyer" checked`, `value="psychiatry" checked`)
			if strings.Contains(r.Body, `value="intake" checked`) {
				t.Errorf("a role that was not ticked is ticked")
			}
			if strings.Contains(r.Body, "geheim-wachtwoord-123") {
				t.Errorf("the password is echoed in the form")
			}
		})

		t.Run("invalid form keeps what was typed", func(t *testing.T) {
			r := browser.PostForm("/beheer/medewerkers", url.Values{
				"name": {""}, "email": {"kapot-adres"}, "team": {"Team Oost"}, "password": {"een-lang-wachtwoord"},
			})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			wantContains(t, r, "Vul de naam in.", "Dit is geen geldig e-mailadres.", "Kies minstens één rol.",
				`value="kapot-adres"`, `value="Team Oost"`)
		})

		t.Run("edit own organisation's professional", func(t *testing.T) {
			id := ts.ProfessionalID(vtIntake)
			r := admin.SendJSON("PATCH", "/api/v1/professionals/"+itoa(id), map[string]any{"team": "Intake Noord"})
			wantStatus(t, r, http.StatusOK)
			var p professionalJSON
			r.JSON(t, &p)
			// A PATCH changes what it names and keeps the rest.
			if p.Team != "Intake Noord" || p.Name != "Sanne de Wit" || strings.Join(p.Roles, ",") != "intake" {
				t.Errorf("after PATCH = %+v", p)
			}
			r = admin.SendJSON("PATCH", "/api/v1/professionals/"+itoa(id), map[string]any{"roles": []string{}})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			r = admin.SendJSON("PATCH", "/api/v1/professionals/"+itoa(id), map[string]any{"email": "ander@schakel.example"})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			if p := r.Problem(t); len(p.Errors) == 0 || p.Errors[0].Field != "email" {
				t.Errorf("changing the address: %+v", p)
			}
			// Through the form.
			fr := browser.PostForm("/beheer/medewerkers/"+itoa(id), url.Values{"name": {"Sanne de Wit"}, "team": {"Intake"}, "roles": {"intake"}})
			wantStatus(t, fr, http.StatusSeeOther)
			if got := mustProfessional(t, ts, vtIntake).Team; got != "Intake" {
				t.Errorf("team after form = %q", got)
			}
		})

		t.Run("cannot disable oneself", func(t *testing.T) {
			r := admin.SendJSON("POST", "/api/v1/professionals/"+itoa(ts.ProfessionalID(vtAdmin))+"/disable", struct{}{})
			wantStatus(t, r, http.StatusConflict)
		})

		t.Run("non-admin is refused", func(t *testing.T) {
			intake := ts.Login(vtIntake).StepUp()
			for _, path := range []string{"/beheer/medewerkers", "/beheer/medewerkers/nieuw", "/beheer/organisaties",
				"/beheer/medewerkers/" + itoa(ts.ProfessionalID(vtTeamLead))} {
				r := intake.Get(path)
				wantStatus(t, r, http.StatusForbidden)
				wantContains(t, r, "<h1>Geen toegang</h1>", "beheerder")
			}
			r := intake.PostForm("/beheer/medewerkers", url.Values{"name": {"X"}, "email": {"x@schakel.example"},
				"roles": {"admin"}, "password": {"een-lang-wachtwoord"}})
			wantStatus(t, r, http.StatusForbidden)
			api := ts.Bearer(vtIntake).StepUp()
			r = api.SendJSON("POST", "/api/v1/professionals", map[string]any{"email": "y@schakel.example", "name": "Y",
				"roles": []string{"admin"}, "password": "een-lang-wachtwoord"})
			wantStatus(t, r, http.StatusForbidden)
			if p := r.Problem(t); p.Code != "forbidden" {
				t.Errorf("code = %q", p.Code)
			}
			r = api.SendJSON("PATCH", "/api/v1/professionals/"+itoa(ts.ProfessionalID(vtIntake)), map[string]any{"roles": []string{"admin"}})
			wantStatus(t, r, http.StatusForbidden)
			if mustProfessional(t, ts, vtIntake).HasRole("admin") {
				t.Fatalf("a non-admin made themselves admin")
			}
			r = api.SendJSON("POST", "/api/v1/organisations", map[string]any{"name": "Eigen club", "kind": "wijkteam"})
			wantStatus(t, r, http.StatusForbidden)
			for _, email := range []string{"x@schakel.example", "y@schakel.example"} {
				if _, err := ts.DB.ProfessionalByEmail(ctx, email); err == nil {
					t.Errorf("refused create left account %s", email)
				}
			}
		})

		t.Run("admin of another organisation", func(t *testing.T) {
			other := ts.Bearer(jbAdmin).StepUp()
			otherBrowser := ts.Login(jbAdmin).StepUp()
			id := ts.ProfessionalID(vtTeamLead)
			before := mustProfessional(t, ts, vtTeamLead)
			for _, tc := range []struct {
				name string
				r    func() response
			}{
				{"PATCH", func() response {
					return other.SendJSON("PATCH", "/api/v1/professionals/"+itoa(id), map[string]any{"name": "Overgenomen", "roles": []string{"admin"}})
				}},
				{"disable", func() response {
					return other.SendJSON("POST", "/api/v1/professionals/"+itoa(id)+"/disable", struct{}{})
				}},
				{"create in this organisation", func() response {
					return other.SendJSON("POST", "/api/v1/professionals", map[string]any{"organisation_id": vtOrg,
						"email": "indringer@schakel.example", "name": "Indringer", "roles": []string{"admin"}, "password": "een-lang-wachtwoord"})
				}},
				{"edit page", func() response { return otherBrowser.Get("/beheer/medewerkers/" + itoa(id)) }},
				{"edit form", func() response {
					return otherBrowser.PostForm("/beheer/medewerkers/"+itoa(id), url.Values{"name": {"Overgenomen"}, "roles": {"admin"}})
				}},
				{"status form", func() response {
					return otherBrowser.PostForm("/beheer/medewerkers/"+itoa(id)+"/status", url.Values{"active": {"0"}})
				}},
				{"roster", func() response {
					return other.SendJSON("POST", "/api/v1/roster", map[string]any{"professional_id": id,
						"start": "2030-01-01T08:00:00Z", "end": "2030-01-02T08:00:00Z"})
				}},
			} {
				t.Run(tc.name, func(t *testing.T) { wantStatus(t, tc.r(), http.StatusForbidden) })
			}
			after := mustProfessional(t, ts, vtTeamLead)
			if after.Name != before.Name || !after.Active || after.HasRole("admin") {
				t.Errorf("another organisation's admin changed %+v into %+v", before, after)
			}
			if _, err := ts.DB.ProfessionalByEmail(ctx, "indringer@schakel.example"); err == nil {
				t.Errorf("another organisation's admin created an account here")
			}
			// The list page shows only the admin's own organisation.
			list := otherBrowser.Get("/beheer/medewerkers")
			wantStatus(t, list, http.StatusOK)
			if strings.Contains(list.Body, "Linda Visser") {
				t.Errorf("JB's admin sees VT's people in the admin list")
			}
		})

		t.Run("organisations", func(t *testing.T) {
			r := admin.SendJSON("POST", "/api/v1/organisations", map[string]any{"name": "Wijkteam Noord", "kind": "wijkteam"})
			wantStatus(t, r, http.StatusCreated)
			r = admin.SendJSON("POST", "/api/v1/organisations", map[string]any{"name": "Wijkteam Noord", "kind": "wijkteam"})
			wantStatus(t, r, http.StatusConflict)
			fr := browser.PostForm("/beheer/organisaties", url.Values{"name": {"Wijkteam Noord"}, "kind": {"wijkteam"}})
			wantStatus(t, fr, http.StatusConflict)
			wantContains(t, fr, `value="Wijkteam Noord"`, "Deze naam is al in gebruik.")
			fr = browser.PostForm("/beheer/organisaties", url.Values{"name": {"Wijkteam West"}, "kind": {"wijkteam"}})
			wantStatus(t, fr, http.StatusSeeOther)
			wantContains(t, browser.Get("/beheer/organisaties"), "Wijkteam West")
		})
	})
}

func containsEmail(ps []professionalJSON, email string) bool {
	for _, p := range ps {
		if p.Email == email {
			return true
		}
	}
	return false
}
