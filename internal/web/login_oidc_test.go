package web_test

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"schakel/internal/audit"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// TestOIDCLogin logs in through Jeugdbescherming's own provider: e-mail
// first, to the provider, back with a code; linked at the first login by
// e-mail and then by subject; logout ends the session here and at the
// provider. People of other organisations keep their password form.
func TestOIDCLogin(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := startSSO(t, e, func(*web.Config) {})
		login := f.ts.Anonymous().Get("/login")
		wantStatus(t, login, http.StatusOK)
		wantContains(t, login, `action="/login/start"`, "Volgende")

		c, res := f.login(t, ssoWorker)
		wantStatus(t, res, http.StatusSeeOther)
		if loc := res.Header.Get("Location"); loc != "/piket" {
			t.Fatalf("after login: to %q, want the page asked for", loc)
		}
		wantContains(t, c.Get("/api/v1/me"), `"email":"fleur@`+jbDomain+`"`)

		// Logout: the session ends, then the provider's too.
		end := outLink(t, c.PostForm("/logout", nil))
		if !strings.HasPrefix(end.String(), f.op.URL) || end.Query().Get("post_logout_redirect_uri") != f.ts.URL+"/login?uitgelogd=1" {
			t.Fatalf("logout goes to %v, want the provider's end_session_endpoint", end)
		}
		wantStatus(t, c.Get("/api/v1/me"), http.StatusUnauthorized)
		back, err := http.Get(end.String())
		if err != nil {
			t.Fatal(err)
		}
		back.Body.Close()
		if back.Request.URL.String() != f.ts.URL+"/login?uitgelogd=1" || f.op.EndedSessions(jbClient) != 1 {
			t.Fatalf("the provider ended %d sessions and sent the browser to %s", f.op.EndedSessions(jbClient), back.Request.URL)
		}

		// The second login finds the professional by subject, even when
		// the provider's e-mail address changed.
		changed := ssoWorker
		changed.Claims = map[string]any{"email": "fleur.dejong@" + jbDomain, "email_verified": true}
		f.op.AddUser(changed)
		c2 := f.ts.Anonymous()
		res = c2.Get(f.authorize(t, f.begin(t, c2, "fleur@"+jbDomain), changed))
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, c2.Get("/api/v1/me"), `"id":`+itoa(f.workerID)+`,`)

		es := f.oidcEntries(t)
		var logins, logouts int
		for _, e := range es {
			if e.Outcome == audit.Allowed && e.Event == audit.EventLogin && e.UserID == f.workerID {
				logins++
			}
			if e.Event == audit.EventLogout && e.UserID == f.workerID {
				logouts++
			}
		}
		if logins != 2 || logouts != 1 {
			t.Fatalf("audited %d oidc logins and %d logouts, want 2 and 1: %+v", logins, logouts, es)
		}

		// Password users are not affected: their domain has no provider.
		pw := f.ts.Anonymous()
		step := pw.PostForm("/login/start", url.Values{"email": {vtIntake}})
		wantStatus(t, step, http.StatusOK)
		wantContains(t, step, `id="password"`, `value="`+vtIntake+`"`)
		if r := pw.PostForm("/login", url.Values{"email": {vtIntake}, "password": {demoPassword}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("password login: %d", r.StatusCode)
		}
		// A password is no way in for an address whose organisation logs
		// in through its own provider.
		direct := f.ts.Anonymous().PostForm("/login", url.Values{"email": {"fleur@" + jbDomain}, "password": {"een-lang-wachtwoord"}})
		wantStatus(t, direct, http.StatusUnauthorized)
		wantContains(t, direct, "logt in via de eigen inlogdienst")
		// An address without a domain is asked again.
		bad := f.ts.Anonymous().PostForm("/login/start", url.Values{"email": {"fleur"}})
		wantStatus(t, bad, http.StatusUnprocessableEntity)
		wantContains(t, bad, "Vul uw e-mailadres in", `value="fleur"`)
	})
}

// sealedCount seals the audit trail (the sealer runs every second in
// serve) and returns how many entries it holds, verified.
func sealedCount(t *testing.T, f *ssoFixture) (int64, error) {
	t.Helper()
	if _, err := f.ts.DB.SealAudit(context.Background()); err != nil {
		return 0, err
	}
	return f.ts.DB.VerifyAudit(context.Background())
}

// refusedLogin makes a request that must be refused: its page, no session,
// exactly one new audit entry and nothing else, and, when the attempt can
// be traced to the organisation, its refusal in that organisation's trail.
func refusedLogin(t *testing.T, f *ssoFixture, c *client, do func() response, status int, page, reason string) {
	t.Helper()
	before, err := sealedCount(t, f)
	if err != nil {
		t.Fatal(err)
	}
	res := do()
	wantStatus(t, res, status)
	wantContains(t, res, page)
	if c.SessionCookie() != nil {
		t.Fatal("a refused login set a session cookie")
	}
	after, err := sealedCount(t, f)
	if err != nil || after != before+1 {
		t.Fatalf("%d audit entries for a refused login (%v), want 1", after-before, err)
	}
	if reason == "" {
		return // not traceable to an organisation: audited without one
	}
	es := f.oidcEntries(t)
	if len(es) == 0 || es[0].Outcome != audit.Refused || !strings.Contains(es[0].Detail, reason) {
		t.Fatalf("newest oidc entry %+v, want a refusal for %q", es, reason)
	}
}

// TestOIDCLoginRefusals: every way a login at a provider can be wrong is
// refused with a clear Dutch page and audited.
func TestOIDCLoginRefusals(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := startSSO(t, e, func(*web.Config) {})
		t.Run("wrong state", func(t *testing.T) {
			c := f.ts.Anonymous()
			cb, err := url.Parse(f.authorize(t, f.begin(t, c, "fleur@"+jbDomain), ssoWorker))
			if err != nil {
				t.Fatal(err)
			}
			q := cb.Query()
			q.Set("state", "made-up-state")
			refusedLogin(t, f, c, func() response { return c.Get(cb.Path + "?" + q.Encode()) }, http.StatusBadRequest, "Deze inlogpoging is verlopen", "state missing or not this browser's")
		})
		t.Run("state of another browser", func(t *testing.T) {
			cb := f.authorize(t, f.begin(t, f.ts.Anonymous(), "fleur@"+jbDomain), ssoWorker)
			other := f.ts.Anonymous()
			refusedLogin(t, f, other, func() response { return other.Get(cb) }, http.StatusBadRequest, "Deze inlogpoging is verlopen", "not this browser's")
		})
		t.Run("callback replayed", func(t *testing.T) {
			c := f.ts.Anonymous()
			cb := f.authorize(t, f.begin(t, c, "fleur@"+jbDomain), ssoWorker)
			state := c.jar.Cookies(c.baseURL().ResolveReference(&url.URL{Path: "/login/oidc/callback"}))
			wantStatus(t, c.Get(cb), http.StatusSeeOther)
			replay := f.ts.Anonymous()
			replay.jar.SetCookies(c.baseURL().ResolveReference(&url.URL{Path: "/login/oidc/callback"}), state)
			refusedLogin(t, f, replay, func() response { return replay.Get(cb) }, http.StatusBadRequest, "Deze inlogpoging is verlopen", "")
		})
		t.Run("code replayed in a new login", func(t *testing.T) {
			c := f.ts.Anonymous()
			used, err := url.Parse(f.authorize(t, f.begin(t, c, "fleur@"+jbDomain), ssoWorker))
			if err != nil {
				t.Fatal(err)
			}
			wantStatus(t, c.Get(used.RequestURI()), http.StatusSeeOther)
			thief := f.ts.Anonymous()
			fresh, err := url.Parse(f.authorize(t, f.begin(t, thief, "fleur@"+jbDomain), ssoWorker))
			if err != nil {
				t.Fatal(err)
			}
			q := fresh.Query()
			q.Set("code", used.Query().Get("code"))
			refusedLogin(t, f, thief, func() response { return thief.Get(fresh.Path + "?" + q.Encode()) }, http.StatusUnauthorized, "Inloggen is niet gelukt", "code exchange failed")
		})
		t.Run("ID token for another audience", func(t *testing.T) {
			f.op.SubstituteIDTokens("andere-toepassing", nil)
			defer f.op.SubstituteIDTokens("", nil)
			c := f.ts.Anonymous()
			cb := f.authorize(t, f.begin(t, c, "fleur@"+jbDomain), ssoWorker)
			refusedLogin(t, f, c, func() response { return c.Get(cb) }, http.StatusUnauthorized, "Inloggen is niet gelukt", "id token invalid")
		})
		t.Run("ID token expired", func(t *testing.T) {
			f.op.SetIDTokenLifetime(-time.Minute)
			defer f.op.SetIDTokenLifetime(5 * time.Minute)
			c := f.ts.Anonymous()
			cb := f.authorize(t, f.begin(t, c, "fleur@"+jbDomain), ssoWorker)
			refusedLogin(t, f, c, func() response { return c.Get(cb) }, http.StatusUnauthorized, "Inloggen is niet gelukt", "id token expired")
		})
		t.Run("the provider cancels", func(t *testing.T) {
			c := f.ts.Anonymous()
			auth := f.begin(t, c, "fleur@"+jbDomain)
			cb := "/login/oidc/callback?error=access_denied&state=" + url.QueryEscape(auth.Query().Get("state"))
			refusedLogin(t, f, c, func() response { return c.Get(cb) }, http.StatusUnauthorized, "Inloggen afgebroken", "provider answered access_denied")
		})
		t.Run("unknown person: a page and a work item for the administrator", func(t *testing.T) {
			c := f.ts.Anonymous()
			cb := f.authorize(t, f.begin(t, c, "nieuw@"+jbDomain), ssoUnknown)
			refusedLogin(t, f, c, func() response { return c.Get(cb) }, http.StatusForbidden, "Uw beheerder moet u eerst toevoegen", "unknown identity")
			admin := f.ts.Bearer(jbAdmin).StepUp()
			wantContains(t, admin.Get("/api/v1/worklist?scope=mine"), "nieuw@"+jbDomain)
			// The administrator adds the person, without a password: the
			// next login at the provider opens Schakel.
			wantStatus(t, admin.SendJSON("POST", "/api/v1/professionals", map[string]any{"email": "nieuw@" + jbDomain,
				"name": "Nieuwe Collega", "roles": []string{"case_worker"}}), http.StatusCreated)
			c2 := f.ts.Anonymous()
			wantStatus(t, c2.Get(f.authorize(t, f.begin(t, c2, "nieuw@"+jbDomain), ssoUnknown)), http.StatusSeeOther)
		})
	})
}

// TestOIDCProviderDownOrSlow: a provider that is down or too slow gives a
// clear Dutch page and an audit entry; password logins go on meanwhile.
func TestOIDCProviderDownOrSlow(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := startSSO(t, e, func(c *web.Config) { c.OIDCTimeout = 300 * time.Millisecond })
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		down := "http://" + ln.Addr().String()
		ln.Close()
		admin := f.ts.Bearer(jbAdmin).StepUp()
		for name, issuer := range map[string]string{"down": down, "slow": f.op.URL} {
			t.Run(name, func(t *testing.T) {
				wantStatus(t, admin.SendJSON("PUT", "/api/v1/organisations/"+itoa(f.jbOrgID)+"/identity-provider", map[string]any{
					"issuer": issuer, "client_id": jbClient, "secret_ref": "env:" + jbSecretEV, "domains": []string{jbDomain}}), http.StatusOK)
				f.op.Stall(name == "slow")
				defer f.op.Stall(false)
				c := f.ts.Anonymous()
				start := func() response { return c.PostForm("/login/start", url.Values{"email": {"fleur@" + jbDomain}}) }
				refusedLogin(t, f, c, start, http.StatusServiceUnavailable, "De inlogdienst van uw organisatie reageert niet", "discovery failed")
				if r := f.ts.Anonymous().PostForm("/login", url.Values{"email": {vtIntake}, "password": {demoPassword}}); r.StatusCode != http.StatusSeeOther {
					t.Fatalf("a password login while the provider is %s: %d", name, r.StatusCode)
				}
			})
		}
	})
}

// TestOIDCLoginByEmployeeNumber: a provider that names people by their
// employee number, and only at its userinfo endpoint, finds the
// professional whose number the administrator set.
func TestOIDCLoginByEmployeeNumber(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := startSSO(t, e, func(*web.Config) {})
		admin := f.ts.Bearer(jbAdmin).StepUp()
		wantStatus(t, admin.SendJSON("PUT", "/api/v1/organisations/"+itoa(f.jbOrgID)+"/identity-provider", map[string]any{
			"issuer": f.op.URL, "client_id": jbClient, "secret_ref": "env:" + jbSecretEV, "domains": []string{jbDomain},
			"claim": "employee_id", "match_on": "employee_number"}), http.StatusOK)
		set := admin.SendJSON("PATCH", "/api/v1/professionals/"+itoa(f.workerID), map[string]any{"employee_number": " JB-4711 "})
		wantStatus(t, set, http.StatusOK)
		wantContains(t, set, `"employee_number":"JB-4711"`)
		// A number is one person's within the organisation.
		taken := admin.SendJSON("PATCH", "/api/v1/professionals/"+itoa(mustProfessional(t, f.ts, jbCaseWorker).ID), map[string]any{"employee_number": "JB-4711"})
		wantStatus(t, taken, http.StatusConflict)

		byNumber := ssoWorker
		byNumber.UserinfoOnly = true
		byNumber.Claims = map[string]any{"employee_id": "JB-4711"}
		f.op.AddUser(byNumber)
		c := f.ts.Anonymous()
		res := c.Get(f.authorize(t, f.begin(t, c, "fleur@"+jbDomain), byNumber))
		wantStatus(t, res, http.StatusSeeOther)
		wantContains(t, c.Get("/api/v1/me"), `"id":`+itoa(f.workerID)+`,`)
	})
}
