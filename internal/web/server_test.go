package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

func TestMachineSurfaces(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		anon := ts.Anonymous()

		t.Run("healthz", func(t *testing.T) {
			r := anon.Get("/healthz")
			wantStatus(t, r, http.StatusOK)
			var h struct{ Status, Engine string }
			r.JSON(t, &h)
			if h.Status != "ok" || h.Engine != e.Name {
				t.Errorf("healthz = %+v, want status ok on %s", h, e.Name)
			}
		})

		t.Run("metrics", func(t *testing.T) {
			anon.Get("/healthz")
			anon.Get("/api/v1/me") // a 401, counted too
			r := anon.Get("/metrics")
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, "schakel_http_requests_total", `route="GET /healthz"`, `code="401"`,
				"schakel_http_request_duration_seconds", "schakel_db_write_waits_total", "schakel_db_group_commits_total",
				"schakel_db_checkpoints_total", "schakel_db_checkpoint_failures_total", "schakel_db_audited_read_reruns_total")
			// Route patterns, never raw paths: ids and query strings stay out.
			anon.Get("/api/v1/professionals/12345?email=geheim")
			r = anon.Get("/metrics")
			if strings.Contains(r.Body, "12345") || strings.Contains(r.Body, "geheim") {
				t.Errorf("metrics contain a raw path or query")
			}
			// Through a proxy (even on this machine) without a metrics token: refused.
			proxied := ts.Anonymous()
			proxied.Header = http.Header{"X-Forwarded-For": {"203.0.113.7"}}
			r = proxied.Get("/metrics")
			wantStatus(t, r, http.StatusForbidden)
			if strings.Contains(r.Body, "schakel_http_requests_total") {
				t.Error("metrics shown through a proxy")
			}
		})

		t.Run("security headers", func(t *testing.T) {
			admin := ts.Login(vtAdmin)
			for _, tc := range []struct {
				name string
				c    *client
				path string
			}{
				{"login page", anon, "/login"},
				{"home page", admin, "/"},
				{"admin page", admin, "/beheer/medewerkers"},
				{"not found page", anon, "/bestaat-niet"},
				{"api", admin, "/api/v1/me"},
				{"api problem", anon, "/api/v1/me"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					r := tc.c.Get(tc.path)
					csp := r.Header.Get("Content-Security-Policy")
					if csp == "" || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
						t.Errorf("CSP = %q", csp)
					}
					for _, d := range []string{"default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
						if !strings.Contains(csp, d) {
							t.Errorf("CSP lacks %q: %q", d, csp)
						}
					}
					if got := r.Header.Get("X-Frame-Options"); got != "DENY" {
						t.Errorf("X-Frame-Options = %q", got)
					}
					if got := r.Header.Get("X-Content-Type-Options"); got != "nosniff" {
						t.Errorf("X-Content-Type-Options = %q", got)
					}
					if got := r.Header.Get("Referrer-Policy"); got == "" {
						t.Errorf("no Referrer-Policy")
					}
					if strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
						// The CSP forbids inline script and style, so pages
						// must not need them.
						low := strings.ToLower(r.Body)
						if strings.Contains(low, "<script>") || strings.Contains(low, " style=") || strings.Contains(low, "<style") ||
							strings.Contains(low, " onclick=") || strings.Contains(low, " onload=") {
							t.Errorf("page has inline script or style")
						}
					}
				})
			}
		})

		t.Run("session cookie", func(t *testing.T) {
			c := ts.Anonymous()
			r := c.PostForm("/login", url.Values{"email": {vtIntake}, "password": {demoPassword}, "next": {"/"}})
			wantStatus(t, r, http.StatusSeeOther)
			var found bool
			for _, ck := range r.Cookies() {
				if ck.Name != "schakel_session" {
					continue
				}
				found = true
				if !ck.HttpOnly {
					t.Errorf("session cookie is not HttpOnly")
				}
				if ck.SameSite != http.SameSiteLaxMode {
					t.Errorf("session cookie SameSite = %v, want Lax", ck.SameSite)
				}
				if ck.Path != "/" {
					t.Errorf("session cookie Path = %q", ck.Path)
				}
				if len(ck.Value) < 40 {
					t.Errorf("session id too short: %d characters", len(ck.Value))
				}
			}
			if !found {
				t.Fatalf("no session cookie in %v", r.Header["Set-Cookie"])
			}
			// Pages behind a login are never cached.
			if got := c.Get("/").Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("home Cache-Control = %q, want no-store", got)
			}
		})

		t.Run("static", func(t *testing.T) {
			r := anon.Get("/static/style.css")
			wantStatus(t, r, http.StatusOK)
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
				t.Errorf("Content-Type = %q", ct)
			}
			r = anon.Get("/static/nope.css")
			wantStatus(t, r, http.StatusNotFound)
		})
	})
}

// TestCrossOriginProtection checks that http.CrossOriginProtection refuses
// state-changing requests from another site, while requests from this site
// and from non-browser clients (no Origin, no Sec-Fetch-Site) pass.
func TestCrossOriginProtection(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		admin := ts.Login(vtAdmin).StepUp()
		token := ts.Bearer(vtAdmin).StepUp()

		for _, tc := range []struct {
			name   string
			c      *client
			method string
			path   string
			header map[string]string
			want   int
		}{
			{"logout, Sec-Fetch-Site cross-site", admin, "POST", "/logout", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
			{"logout, Sec-Fetch-Site same-site", admin, "POST", "/logout", map[string]string{"Sec-Fetch-Site": "same-site"}, http.StatusForbidden},
			{"logout, foreign Origin", admin, "POST", "/logout", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
			{"login, foreign Origin", ts.Anonymous(), "POST", "/login", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
			{"form, cross-site", admin, "POST", "/beheer/organisaties", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
			{"api, cross-site", token, "POST", "/api/v1/organisations", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
			{"api PATCH, foreign Origin", token, "PATCH", "/api/v1/professionals/1", map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
			{"GET cross-site is fine", admin, "GET", "/", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusOK},
			{"form, same-origin", admin, "POST", "/beheer/organisaties", map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusUnprocessableEntity},
			{"form, own Origin", admin, "POST", "/beheer/organisaties", map[string]string{"Origin": ts.URL}, http.StatusUnprocessableEntity},
			{"form, no browser headers", admin, "POST", "/beheer/organisaties", nil, http.StatusUnprocessableEntity},
		} {
			t.Run(tc.name, func(t *testing.T) {
				tc.c.Header = http.Header{}
				for k, v := range tc.header {
					tc.c.Header.Set(k, v)
				}
				defer func() { tc.c.Header = http.Header{} }()
				body, ct := strings.NewReader(""), "application/x-www-form-urlencoded"
				if strings.HasPrefix(tc.path, "/api/") {
					body, ct = strings.NewReader(`{}`), "application/json"
				}
				r := tc.c.Do(tc.method, tc.path, body, ct)
				wantStatus(t, r, tc.want)
			})
		}
		// The refused logouts left the session alive.
		wantStatus(t, admin.Get("/"), http.StatusOK)
	})
}

func TestStaticHasNoDirectoryListing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		c := ts.Anonymous()
		wantStatus(t, c.Get("/static/"), http.StatusNotFound)
		wantStatus(t, c.Get("/static/style.css"), http.StatusOK)
	})
}

// TestMetricsToken: with SCHAKEL_METRICS_TOKEN set, /metrics asks for it
// from everyone, also from this machine.
func TestMetricsToken(t *testing.T) {
	ts := startServerWith(t, storagetest.Engines()[0], func(c *web.Config) { c.MetricsToken = "metrics-geheim-123" })
	for _, tc := range []struct {
		name, auth string
		status     int
	}{
		{"no token", "", http.StatusUnauthorized},
		{"wrong token", "Bearer iets-anders", http.StatusUnauthorized},
		{"a user's kind of header", "Basic bWV0cmljczpnZWhlaW0=", http.StatusUnauthorized},
		{"the metrics token", "Bearer metrics-geheim-123", http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ts.Anonymous()
			if tc.auth != "" {
				c.Header = http.Header{"Authorization": {tc.auth}}
			}
			r := c.Get("/metrics")
			wantStatus(t, r, tc.status)
			if (tc.status == http.StatusOK) != strings.Contains(r.Body, "schakel_http_requests_total") {
				t.Errorf("status %d with body %.200s", r.StatusCode, r.Body)
			}
		})
	}
}
