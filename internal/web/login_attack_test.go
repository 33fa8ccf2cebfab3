package web_test

// Logins under attack (issue 9): the limits hold under a concurrent burst
// and a flood, and no answer tells which accounts exist.

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/audit"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// from returns an anonymous client whose requests come from addr (through
// the trusted proxy of a server started with TrustProxy).
func (ts *testServer) from(addr string) *client {
	c := ts.Anonymous()
	c.Header.Set("X-Forwarded-For", addr)
	return c
}

func behindProxy(cfg *web.Config) { cfg.TrustProxy = true }

// refusedLogins counts the checked-and-refused logins of an account of
// Veilig Thuis in the audit trail: one per password check.
func refusedLogins(t *testing.T, ts *testServer, email string) int {
	t.Helper()
	po := mustProfessional(t, ts, vtPrivacy)
	es, err := app.New(ts.DB).ListAudit(context.Background(), &schakel.Actor{Professional: po},
		storage.AuditFilter{OrganisationID: po.Organisation.ID, UserID: ts.ProfessionalID(email), Event: audit.EventLogin, Outcome: audit.Refused})
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

func TestLoginBurst(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		statuses := map[int]int{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := ts.Anonymous().PostForm("/login", url.Values{"email": {vtIntake}, "password": {"fout-wachtwoord"}})
				mu.Lock()
				statuses[r.StatusCode]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		// The limit is taken before the password is checked: five are
		// checked, the other fifteen wait without a check.
		if statuses[http.StatusUnauthorized] != 5 || statuses[http.StatusTooManyRequests] != 15 {
			t.Errorf("answers to 20 simultaneous wrong passwords: %v, want 5×401 and 15×429", statuses)
		}
		if n := refusedLogins(t, ts, vtIntake); n != 5 {
			t.Errorf("%d passwords checked, want 5", n)
		}
	})
}

func TestLoginFloodFromOneAddress(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServerWith(t, e, behindProxy)
		ts.Clock.Freeze() // no refill while the flood runs, however slow the machine
		attacker := ts.from("198.51.100.66")
		accounts := demo.Accounts()
		checked, limited := 0, 0
		for i := 0; i < 3*len(accounts) && limited < 10; i++ {
			r := attacker.PostForm("/login", url.Values{"email": {accounts[i%len(accounts)].Email}, "password": {"fout-wachtwoord"}})
			switch r.StatusCode {
			case http.StatusUnauthorized:
				checked++
			case http.StatusTooManyRequests:
				limited++
				wantContains(t, r, "vanaf deze internetverbinding")
				if r.Header.Get("Retry-After") == "" {
					t.Errorf("a 429 without Retry-After")
				}
			default:
				t.Fatalf("flood answer %d", r.StatusCode)
			}
		}
		if checked != 30 || limited != 10 {
			t.Errorf("flood from one address: %d checked, %d limited; want 30 checked, then only limited", checked, limited)
		}
		// Every account still logs in from anywhere else.
		for _, a := range accounts[:3] {
			r := ts.from("203.0.113.5").PostForm("/login", url.Values{"email": {a.Email}, "password": {demo.Password}})
			wantStatus(t, r, http.StatusSeeOther)
		}
		// Even the attacker's address has its own accounts' logins
		// limited, not the accounts.
		wantStatus(t, ts.from("198.51.100.66").PostForm("/login", url.Values{"email": {vtIntake}, "password": {demo.Password}}), http.StatusTooManyRequests)
	})
}

// TestLoginSameAnswer: an unknown address, a wrong password and a disabled
// account's right password get the same page; a paused unknown address the
// same page as a paused real one.
func TestLoginSameAnswer(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServerWith(t, e, behindProxy)
		ts.Clock.Freeze() // the pauses' Retry-After is compared: no time passes between them
		admin := ts.Bearer(vtAdmin)
		disabled := vtTeamLead
		wantStatus(t, admin.SendJSON("POST", "/api/v1/professionals/"+itoa(ts.ProfessionalID(disabled))+"/disable", struct{}{}), http.StatusOK)
		const unknown = "niemand.vt@schakel.example"

		// The page echoes the typed address; everything else must match.
		page := func(r response, email string) string {
			return strings.ReplaceAll(r.Body, email, "ADRES")
		}
		type answer struct {
			status int
			body   string
			retry  string
		}
		attempt := func(addr, email, password string) answer {
			t.Helper()
			r := ts.from(addr).PostForm("/login", url.Values{"email": {email}, "password": {password}, "next": {"/"}})
			return answer{r.StatusCode, page(r, email), r.Header.Get("Retry-After")}
		}
		wrong := attempt("192.0.2.1", vtIntake, "fout-wachtwoord")
		for name, got := range map[string]answer{
			"unknown address":                  attempt("192.0.2.2", unknown, demo.Password),
			"disabled account, right password": attempt("192.0.2.3", disabled, demo.Password),
			"disabled account, wrong password": attempt("192.0.2.4", disabled, "fout-wachtwoord"),
		} {
			if got != wrong {
				t.Errorf("%s: %d %q\n%s\nwant the answer to a wrong password: %d\n%s", name, got.status, got.retry, got.body, wrong.status, wrong.body)
			}
		}
		if wrong.status != http.StatusUnauthorized || !strings.Contains(wrong.body, "Het e-mailadres of wachtwoord klopt niet.") {
			t.Errorf("wrong password: %d\n%s", wrong.status, wrong.body)
		}

		// Five failures pause an unknown address exactly as a real one.
		paused := func(addr, email string) answer {
			t.Helper()
			for range 5 {
				if a := attempt(addr, email, "fout-wachtwoord"); a.status != http.StatusUnauthorized {
					t.Fatalf("%s: %d before the pause", email, a.status)
				}
			}
			return attempt(addr, email, "fout-wachtwoord")
		}
		real, made := paused("192.0.2.10", vtCaseWorker), paused("192.0.2.11", unknown)
		if real != made || real.status != http.StatusTooManyRequests || real.retry == "" {
			t.Errorf("paused real account: %d %q\n%s\npaused unknown address: %d %q\n%s", real.status, real.retry, real.body, made.status, made.retry, made.body)
		}
		if d := attempt("192.0.2.12", disabled, "fout-wachtwoord"); d != wrong {
			t.Errorf("disabled account after others were paused: %d", d.status)
		}
	})
}

func TestHSTS(t *testing.T) {
	for _, tc := range []struct {
		name   string
		secure bool
		want   string
	}{
		{"secure cookies", true, "max-age=63072000; includeSubDomains"},
		{"plain HTTP", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := startServerWith(t, storagetest.Engines()[0], func(cfg *web.Config) { cfg.SecureCookies = tc.secure })
			for _, path := range []string{"/login", "/api/v1/me", "/healthz"} {
				if got := ts.Anonymous().Get(path).Header.Get("Strict-Transport-Security"); got != tc.want {
					t.Errorf("%s: Strict-Transport-Security = %q, want %q", path, got, tc.want)
				}
			}
		})
	}
}
