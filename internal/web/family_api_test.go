package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
)

var familyToken = regexp.MustCompile(`<code id="token">([^<]+)</code>`)

// TestFamilyAPI: a parent makes a token on their page; with it the API
// answers what the page shows (the view, the access log of a part they may
// see), refuses a part they may not see (audited) and, once revoked,
// nothing; a professional's token is refused on the family API.
func TestFamilyAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		fam := ts.fileFamily(t, "Sleutel")
		sanne := ts.Login(vtIntake)
		mother := fam.member(t, ts, sanne, fam.mother, "eva.sleutel")
		child := fam.member(t, ts, sanne, fam.child, "mila.sleutel")
		token := func(t *testing.T, c *client) (*client, string) {
			t.Helper()
			empty := c.PostForm("/gezin/sleutels", url.Values{"name": {" "}})
			wantStatus(t, empty, http.StatusUnprocessableEntity)
			wantContains(t, empty, `id="token-name-error"`)
			made := c.PostForm("/gezin/sleutels", url.Values{"name": {"Mijn app"}})
			wantStatus(t, made, http.StatusOK)
			m := familyToken.FindStringSubmatch(made.Body)
			if m == nil {
				t.Fatalf("no token shown:\n%s", truncateBody(made.Body))
			}
			api := ts.Anonymous()
			api.Header = http.Header{"Authorization": {"Bearer " + m[1]}}
			return api, m[1]
		}
		momAPI, _ := token(t, mother)
		childAPI, _ := token(t, child)

		var view struct {
			Name     string `json:"name"`
			PersonID int64  `json:"person_id"`
			View     struct {
				Parts []struct {
					ID int64 `json:"id"`
				} `json:"parts"`
			} `json:"view"`
		}
		r := momAPI.Get("/api/v1/family/view")
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &view)
		if view.Name != "Eva Sleutel" || view.PersonID != fam.mother || len(view.View.Parts) != 2 {
			t.Errorf("the mother's view: %+v", view)
		}
		wantStatus(t, momAPI.Get("/api/v1/family/persons/"+itoa(fam.child)+"/accesses"), http.StatusOK)
		t.Run("a part not theirs", func(t *testing.T) {
			r := childAPI.Get("/api/v1/family/persons/" + itoa(fam.mother) + "/accesses")
			wantStatus(t, r, http.StatusForbidden)
		})
		t.Run("a professional's token", func(t *testing.T) {
			wantStatus(t, ts.Bearer(vtIntake).Get("/api/v1/family/view"), http.StatusForbidden)
		})
		t.Run("the family cookie alone", func(t *testing.T) {
			wantStatus(t, mother.Get("/api/v1/family/view"), http.StatusUnauthorized)
		})
		t.Run("the family token opens no professional route", func(t *testing.T) {
			wantStatus(t, momAPI.Get("/api/v1/me"), http.StatusUnauthorized)
		})
		t.Run("revoked", func(t *testing.T) {
			home := mother.Get("/gezin")
			m := regexp.MustCompile(`action="(/gezin/sleutels/\d+/intrekken)"`).FindStringSubmatch(home.Body)
			if m == nil {
				t.Fatal("no revoke button")
			}
			wantStatus(t, child.PostForm(m[1], url.Values{}), http.StatusForbidden) // not the child's
			wantStatus(t, momAPI.Get("/api/v1/family/view"), http.StatusOK)
			r := mother.PostForm(m[1], url.Values{})
			wantStatus(t, r, http.StatusSeeOther)
			if !strings.Contains(mother.Get(r.Header.Get("Location")).Body, "De sleutel is ingetrokken.") {
				t.Error("no notice after revoking")
			}
			wantStatus(t, momAPI.Get("/api/v1/family/view"), http.StatusUnauthorized)
		})
	})
}
