package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"schakel/internal/app"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/demo"
	"schakel/internal/oidclogin"
	"schakel/internal/oidctest"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// The identity provider of Jeugdbescherming in these tests, and its people.
const (
	jbDomain   = "jeugdbescherming.example"
	jbClient   = "schakel-jb"
	jbSecret   = "jb-client-secret"
	jbSecretEV = "SCHAKEL_OIDC_SECRET_JB"
)

var (
	ssoWorker  = oidctest.User{Subject: "jb-0001", Username: "fleur", Password: "org-wachtwoord", Claims: map[string]any{"email": "fleur@" + jbDomain, "email_verified": true}}
	ssoUnknown = oidctest.User{Subject: "jb-0999", Username: "nieuw", Password: "org-wachtwoord", Claims: map[string]any{"email": "nieuw@" + jbDomain, "email_verified": true}}
)

// ssoFixture is Schakel with the demo region, and Jeugdbescherming logging
// in through its own provider (a real zitadel op provider on loopback).
type ssoFixture struct {
	ts       *testServer
	op       *oidctest.Provider
	jbOrgID  int64
	workerID int64
}

func startSSO(t *testing.T, e storagetest.Engine, configure func(*web.Config)) *ssoFixture {
	t.Helper()
	op := oidctest.Start(t)
	ts := startServerWith(t, e, func(c *web.Config) {
		c.OIDCTimeout = 3 * time.Second
		c.OIDCSecrets = oidclogin.Secrets{Getenv: func(k string) (string, bool) {
			return map[string]string{jbSecretEV: jbSecret}[k], k == jbSecretEV
		}}
		configure(c)
	})
	op.AddClient(jbClient, jbSecret, []string{ts.URL + "/login/oidc/callback"}, []string{ts.URL + "/login?uitgelogd=1"})
	op.AddUser(ssoWorker)
	op.AddUser(ssoUnknown)
	f := &ssoFixture{ts: ts, op: op, jbOrgID: mustProfessional(t, ts, jbAdmin).Organisation.ID}
	err := ts.DB.Update(context.Background(), func(tx *storage.Tx) error {
		var err error
		f.workerID, err = app.CreateProfessionalIn(tx, nil, schakel.ProfessionalInput{OrganisationID: f.jbOrgID, Email: "fleur@" + jbDomain,
			Name: "Fleur de Jong", Team: "Team Noord", Roles: []schakel.Role{schakel.RoleCaseWorker}})
		return err
	})
	if err != nil {
		t.Fatalf("professional: %v", err)
	}
	res := ts.Bearer(jbAdmin).StepUp().SendJSON("PUT", "/api/v1/organisations/"+itoa(f.jbOrgID)+"/identity-provider", map[string]any{
		"issuer": op.URL, "client_id": jbClient, "secret_ref": "env:" + jbSecretEV, "domains": []string{jbDomain}})
	wantStatus(t, res, http.StatusOK)
	ts.RemoveApp(jbAdmin) // so that a browser logs the administrator in with the password alone
	return f
}

// begin posts an e-mail address to the login page's first step and returns
// where Schakel sends the browser.
func (f *ssoFixture) begin(t *testing.T, c *client, email string) *url.URL {
	t.Helper()
	res := c.PostForm("/login/start", url.Values{"email": {email}, "next": {"/piket"}})
	loc := outLink(t, res)
	if !strings.HasPrefix(loc.String(), f.op.URL) {
		t.Fatalf("e-mail first: sent to %v, want the provider", loc)
	}
	return loc
}

var (
	outHref    = regexp.MustCompile(`<a id="verder" href="([^"]+)"`)
	outRefresh = regexp.MustCompile(`<meta http-equiv="refresh" content="0;url=([^"]+)">`)
)

// outLink reads where a page that leaves for another site (login_redirect.html)
// sends the browser; its refresh and its link must agree.
func outLink(t *testing.T, res response) *url.URL {
	t.Helper()
	wantStatus(t, res, http.StatusOK)
	href, refresh := outHref.FindStringSubmatch(res.Body), outRefresh.FindStringSubmatch(res.Body)
	if href == nil || refresh == nil || html.UnescapeString(href[1]) != html.UnescapeString(refresh[1]) {
		t.Fatalf("no way out on the page, or two:\n%s", truncateBody(res.Body))
	}
	u, err := url.Parse(html.UnescapeString(href[1]))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// authorize logs in at the provider and returns the callback address
// (path and query) it sends the browser back to.
func (f *ssoFixture) authorize(t *testing.T, authURL *url.URL, u oidctest.User) string {
	t.Helper()
	back, err := f.op.Authorize(authURL.String(), u.Username, u.Password)
	if err != nil {
		t.Fatalf("at the provider: %v", err)
	}
	if !strings.HasPrefix(back.String(), f.ts.URL+"/login/oidc/callback?") {
		t.Fatalf("the provider sent the browser to %s", back)
	}
	return back.RequestURI()
}

// login runs the whole flow for a new browser and returns it with the
// callback's answer.
func (f *ssoFixture) login(t *testing.T, u oidctest.User) (*client, response) {
	t.Helper()
	c := f.ts.Anonymous()
	return c, c.Get(f.authorize(t, f.begin(t, c, u.Claims["email"].(string)), u))
}

// oidcEntries returns the login and logout entries with method oidc in
// Jeugdbescherming's trail, newest first, as its privacy officer sees them.
func (f *ssoFixture) oidcEntries(t *testing.T) []audit.Entry {
	t.Helper()
	if _, err := f.ts.DB.SealAudit(context.Background()); err != nil {
		t.Fatal(err)
	}
	po := mustProfessional(t, f.ts, demo.Email("Anne", "jb"))
	es, err := app.New(f.ts.DB).ListAudit(context.Background(), &schakel.Actor{Professional: po}, storage.AuditFilter{OrganisationID: f.jbOrgID})
	if err != nil {
		t.Fatal(err)
	}
	var out []audit.Entry
	for _, e := range es {
		if (e.Event == audit.EventLogin || e.Event == audit.EventLogout) && strings.HasPrefix(e.Detail, "method oidc") {
			out = append(out, e)
		}
	}
	return out
}
