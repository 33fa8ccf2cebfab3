package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

var endButton = regexp.MustCompile(`action="/sessies/([^/"]+)/beeindigen"`)

// TestSessionsYouCanSee: people see and end their own sessions; an
// administrator sees and ends those of the organisation; unlinking a
// provider identity ends every session and token of that person at once.
func TestSessionsYouCanSee(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := startSSO(t, e, func(*web.Config) {})
		phone, laptop := f.ts.Login(vtIntake), f.ts.Login(vtIntake)

		page := laptop.Get("/sessies")
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "2 actieve sessies", "(deze sessie)", "Wachtwoord", "Alle andere sessies beëindigen")
		// The current session has no end button; the other one has.
		other := endButton.FindStringSubmatch(page.Body)
		if other == nil || len(endButton.FindAllString(page.Body, -1)) != 1 {
			t.Fatalf("want one end button, for the other session:\n%s", truncateBody(page.Body))
		}
		var mine struct {
			Sessions []struct {
				ID      string `json:"id"`
				Current bool   `json:"current"`
			} `json:"sessions"`
		}
		laptop.Get("/api/v1/sessions").JSON(t, &mine)
		if len(mine.Sessions) != 2 {
			t.Fatalf("API: %+v", mine)
		}
		wantStatus(t, laptop.PostForm("/sessies/"+other[1]+"/beeindigen", url.Values{"terug": {"/sessies"}}), http.StatusSeeOther)
		wantStatus(t, phone.Get("/api/v1/me"), http.StatusUnauthorized)
		wantStatus(t, laptop.Get("/api/v1/me"), http.StatusOK)

		// Another organisation's administrator cannot end it; Veilig
		// Thuis's administrator sees it and can.
		third := f.ts.Login(vtIntake)
		var list struct {
			Sessions []struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"sessions"`
		}
		vtOrg := itoa(mustProfessional(t, f.ts, vtAdmin).Organisation.ID)
		wantStatus(t, f.ts.Bearer(jbAdmin).Get("/api/v1/organisations/"+vtOrg+"/sessions"), http.StatusForbidden)
		admin := f.ts.Bearer(vtAdmin)
		admin.Get("/api/v1/organisations/"+vtOrg+"/sessions").JSON(t, &list)
		if len(list.Sessions) < 2 {
			t.Fatalf("organisation sessions %+v", list)
		}
		newest := list.Sessions[0].ID
		wantStatus(t, f.ts.Bearer(jbAdmin).Do("DELETE", "/api/v1/sessions/"+newest, nil, ""), http.StatusNotFound)
		wantStatus(t, admin.Do("DELETE", "/api/v1/sessions/"+newest, nil, ""), http.StatusNoContent)
		wantStatus(t, third.Get("/api/v1/me"), http.StatusUnauthorized)
		wantContains(t, f.ts.Login(vtAdmin).Get("/beheer/sessies"), "Sessies van Veilig Thuis")

		// Ending all others keeps the current one.
		extra := f.ts.Login(vtIntake)
		wantStatus(t, laptop.PostForm("/sessies/andere-beeindigen", nil), http.StatusSeeOther)
		wantStatus(t, extra.Get("/api/v1/me"), http.StatusUnauthorized)
		wantStatus(t, laptop.Get("/api/v1/me"), http.StatusOK)

		// Unlinking a provider identity ends everything of that person.
		c, res := f.login(t, ssoWorker)
		wantStatus(t, res, http.StatusSeeOther)
		jbAdminWeb := f.ts.Bearer(jbAdmin)
		wantContains(t, c.Get("/sessies"), "Via de inlogdienst van de organisatie")
		wantStatus(t, jbAdminWeb.Do("DELETE", "/api/v1/professionals/"+itoa(f.workerID)+"/identity", nil, ""), http.StatusNoContent)
		wantStatus(t, c.Get("/api/v1/me"), http.StatusUnauthorized)
		wantStatus(t, jbAdminWeb.Do("DELETE", "/api/v1/professionals/"+itoa(f.workerID)+"/identity", nil, ""), http.StatusNotFound)
	})
}
