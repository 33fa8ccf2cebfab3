package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"schakel/internal/storage/storagetest"
)

func TestLogin(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		ts.Clock.Freeze() // the login limits refill with time; Retry-After is checked exactly

		t.Run("right password", func(t *testing.T) {
			c := ts.Anonymous()
			r := c.PostForm("/login", url.Values{"email": {vtIntake}, "password": {demoPassword}, "next": {"/"}})
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); loc != "/" {
				t.Errorf("Location = %q, want /", loc)
			}
			home := c.Get("/")
			wantStatus(t, home, http.StatusOK)
			wantContains(t, home, "<h1>Mijn werk</h1>", "Sanne de Wit", "Veilig Thuis Rotterdam Rijnmond")
			// Already logged in: the login page sends you on.
			r = c.Get("/login")
			wantStatus(t, r, http.StatusSeeOther)
		})

		t.Run("address is case-insensitive", func(t *testing.T) {
			r := ts.Anonymous().PostForm("/login", url.Values{"email": {"  " + strings.ToUpper(vtIntake) + " "}, "password": {demoPassword}})
			wantStatus(t, r, http.StatusSeeOther)
		})

		for _, tc := range []struct{ name, email, password string }{
			{"wrong password", vtIntake, "niet-het-wachtwoord"},
			{"unknown address", "niemand@schakel.example", demoPassword},
			{"empty form", "", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := ts.Anonymous()
				r := c.PostForm("/login", url.Values{"email": {tc.email}, "password": {tc.password}, "next": {"/piket"}})
				wantStatus(t, r, http.StatusUnauthorized)
				// The same Dutch message for both, so the form does not tell
				// which addresses have an account.
				wantContains(t, r, `<html lang="nl">`, "Het e-mailadres of wachtwoord klopt niet.",
					`value="`+tc.email+`"`, `name="next" value="/piket"`)
				if tc.password != "" && strings.Contains(r.Body, tc.password) {
					t.Errorf("the password is echoed in the page")
				}
				if c.SessionCookie() != nil {
					t.Errorf("a failed login set a session cookie")
				}
			})
		}

		t.Run("five wrong passwords pause this address for this account", func(t *testing.T) {
			c := ts.Anonymous()
			wrong := url.Values{"email": {rbLawyer}, "password": {"fout-wachtwoord"}}
			for i := 1; i <= 5; i++ {
				wantStatus(t, c.PostForm("/login", wrong), http.StatusUnauthorized)
			}
			r := c.PostForm("/login", wrong)
			wantStatus(t, r, http.StatusTooManyRequests)
			wantContains(t, r, "Te veel mislukte inlogpogingen met dit e-mailadres", "over 3 minuten")
			if got := r.Header.Get("Retry-After"); got != "180" {
				t.Errorf("Retry-After = %q, want 180", got)
			}
			// Now even the right password waits, from this address.
			r = c.PostForm("/login", url.Values{"email": {rbLawyer}, "password": {demoPassword}})
			wantStatus(t, r, http.StatusTooManyRequests)
			wantContains(t, r, `value="`+rbLawyer+`"`)
			if c.SessionCookie() != nil {
				t.Errorf("a paused account got a session")
			}
			// Other accounts from the same address are unaffected.
			ts.Login(vtIntake)
		})

		t.Run("failures are counted until a success", func(t *testing.T) {
			c := ts.Anonymous()
			wrong := url.Values{"email": {jbCaseWorker}, "password": {"fout-wachtwoord"}}
			for i := 1; i <= 4; i++ {
				wantStatus(t, c.PostForm("/login", wrong), http.StatusUnauthorized)
			}
			ts.Login(jbCaseWorker) // resets the count
			for i := 1; i <= 4; i++ {
				wantStatus(t, c.PostForm("/login", wrong), http.StatusUnauthorized)
			}
			ts.Login(jbCaseWorker)
		})

		t.Run("logout ends the session", func(t *testing.T) {
			c := ts.Login(vtTeamLead)
			old := c.SessionCookie().Value
			wantStatus(t, c.Get("/"), http.StatusOK)
			r := c.PostForm("/logout", nil)
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "/login") {
				t.Errorf("logout went to %q", loc)
			}
			if c.SessionCookie() != nil {
				t.Errorf("logout left the session cookie in the browser")
			}
			// Replaying the old cookie does not work: the session is gone
			// on the server, not only in the browser.
			replay := ts.Anonymous()
			replay.SetSessionCookie(old)
			r = replay.Get("/")
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "/login") {
				t.Errorf("old cookie: redirected to %q, want /login", loc)
			}
			wantStatus(t, replay.Get("/api/v1/me"), http.StatusUnauthorized)
		})

		t.Run("a made-up session cookie", func(t *testing.T) {
			c := ts.Anonymous()
			c.SetSessionCookie("verzonnen")
			r := c.Get("/piket")
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); loc != "/login?next=%2Fpiket" {
				t.Errorf("Location = %q", loc)
			}
		})

		t.Run("not logged in", func(t *testing.T) {
			c := ts.Anonymous()
			r := c.Get("/piket?week=2")
			wantStatus(t, r, http.StatusSeeOther)
			loc := r.Header.Get("Location")
			if loc != "/login?next=%2Fpiket%3Fweek%3D2" {
				t.Fatalf("Location = %q", loc)
			}
			page := c.Get(loc)
			wantStatus(t, page, http.StatusOK)
			wantContains(t, page, "Log in om verder te gaan.", `name="next" value="/piket?week=2"`)
			// Logging in from there goes back to the page asked for.
			r = c.PostForm("/login", url.Values{"email": {vtIntake}, "password": {demoPassword}, "next": {"/piket?week=2"}})
			wantStatus(t, r, http.StatusSeeOther)
			if got := r.Header.Get("Location"); got != "/piket?week=2" {
				t.Errorf("after login: Location = %q, want /piket?week=2", got)
			}
		})

		t.Run("next stays on this site", func(t *testing.T) {
			for _, next := range []string{
				"//evil.example", "//evil.example/login", "https://evil.example/", "http:evil.example",
				`/\evil.example`, "/\t/evil.example", "/\n/evil.example", "/ /evil.example", "javascript:alert(1)",
				"evil.example", "%2F%2Fevil.example", "/%09/evil.example",
			} {
				t.Run(next, func(t *testing.T) {
					r := ts.Anonymous().PostForm("/login", url.Values{"email": {vtIntake}, "password": {demoPassword}, "next": {next}})
					wantStatus(t, r, http.StatusSeeOther)
					loc := r.Header.Get("Location")
					if offSite(loc) {
						t.Errorf("next=%q: redirected to %q", next, loc)
					}
				})
			}
			// The same for the login page of someone already logged in.
			c := ts.Login(vtIntake)
			for _, next := range []string{"//evil.example", "/\t/evil.example", `/\evil.example`} {
				r := c.Get("/login?next=" + url.QueryEscape(next))
				wantStatus(t, r, http.StatusSeeOther)
				if loc := r.Header.Get("Location"); offSite(loc) {
					t.Errorf("login page next=%q: redirected to %q", next, loc)
				}
			}
		})
	})
}

// offSite reports whether a browser would leave this site when following
// Location loc. Browsers drop tabs and newlines from URLs and treat '\' as
// '/', so those are removed before looking.
func offSite(loc string) bool {
	clean := strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(strings.TrimSpace(loc))
	if !strings.HasPrefix(clean, "/") || strings.HasPrefix(clean, "//") {
		return true
	}
	u, err := url.Parse(clean)
	return err != nil || u.Host != "" || u.Scheme != ""
}

// TestSessionTimeouts moves the database clock, so it has servers of its own.
func TestSessionTimeouts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		t.Run("idle timeout", func(t *testing.T) {
			ts := startServer(t, e)
			c := ts.Login(vtIntake)
			wantStatus(t, c.Get("/"), http.StatusOK)
			ts.Clock.Advance(31 * time.Minute)
			r := c.Get("/piket")
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "/login?next=") {
				t.Errorf("expired session: Location = %q, want /login?next=…", loc)
			}
			if c.SessionCookie() != nil {
				t.Errorf("the expired session's cookie was not cleared")
			}
			// The API says 401 for the same expired session.
			wantStatus(t, c.Get("/api/v1/me"), http.StatusUnauthorized)
		})

		t.Run("activity keeps a session alive", func(t *testing.T) {
			ts := startServer(t, e)
			c := ts.Login(vtIntake)
			for range 3 {
				ts.Clock.Advance(20 * time.Minute)
				wantStatus(t, c.Get("/"), http.StatusOK)
			}
		})

		t.Run("absolute maximum", func(t *testing.T) {
			ts := startServer(t, e)
			c := ts.Login(vtIntake)
			for range 24 { // 12 hours in steps of 30 minutes: never idle
				ts.Clock.Advance(30*time.Minute - time.Second)
				c.Get("/")
			}
			ts.Clock.Advance(time.Minute)
			wantStatus(t, c.Get("/"), http.StatusSeeOther)
		})

		t.Run("a pause ends", func(t *testing.T) {
			ts := startServer(t, e)
			c := ts.Anonymous()
			for range 5 {
				wantStatus(t, c.PostForm("/login", url.Values{"email": {rbLawyer}, "password": {"fout-wachtwoord"}}), http.StatusUnauthorized)
			}
			wantStatus(t, c.PostForm("/login", url.Values{"email": {rbLawyer}, "password": {demoPassword}}), http.StatusTooManyRequests)
			ts.Clock.Advance(3 * time.Minute)
			ts.Login(rbLawyer)
		})

		t.Run("disabled account", func(t *testing.T) {
			ts := startServer(t, e)
			user := ts.Login(vtIntake)
			api := ts.Bearer(vtIntake)
			admin := ts.Bearer(vtAdmin)
			id := ts.ProfessionalID(vtIntake)
			wantStatus(t, admin.SendJSON("POST", "/api/v1/professionals/"+itoa(id)+"/disable", struct{}{}), http.StatusOK)
			// Sessions and tokens end at once.
			wantStatus(t, user.Get("/"), http.StatusSeeOther)
			wantStatus(t, api.Get("/api/v1/me"), http.StatusUnauthorized)
			r := ts.Anonymous().PostForm("/login", url.Values{"email": {vtIntake}, "password": {demoPassword}})
			// The same answer as a wrong password: a disabled account
			// does not tell that its password was right.
			wantStatus(t, r, http.StatusUnauthorized)
			wantContains(t, r, "Het e-mailadres of wachtwoord klopt niet.")
			if strings.Contains(r.Body, "uitgezet") {
				t.Errorf("the login of a disabled account says so")
			}
			wantStatus(t, admin.SendJSON("POST", "/api/v1/professionals/"+itoa(id)+"/enable", struct{}{}), http.StatusOK)
			ts.Login(vtIntake)
		})
	})
}
