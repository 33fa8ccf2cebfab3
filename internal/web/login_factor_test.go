package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"schakel/internal/storage/storagetest"
	"schakel/internal/totp"
)

var (
	appKey       = regexp.MustCompile(`<code id="key">([A-Z2-7 ]+)</code>`)
	recoveryCode = regexp.MustCompile(`<li><code>([A-Z0-9-]{19})</code></li>`)
)

// appCode is the code an authenticator app with the key on page shows now.
func appCode(t *testing.T, key string, at time.Time) string {
	t.Helper()
	raw, err := totp.Decode(key)
	if err != nil {
		t.Fatalf("key %q: %v", key, err)
	}
	return totp.Code(raw, totp.Step(at))
}

// enrolApp sets up an app through the screens and returns its key and
// the recovery codes shown once.
func enrolApp(t *testing.T, c *client, path string) (string, []string) {
	t.Helper()
	page := c.Get(path)
	wantStatus(t, page, http.StatusOK)
	m := appKey.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatalf("no key on %s:\n%s", path, truncateBody(page.Body))
	}
	key := strings.ReplaceAll(m[1], " ", "")
	wantContains(t, page, "otpauth://totp/Schakel")
	form := url.Values{"code": {appCode(t, key, time.Now())}, "next": {"/"}}
	if strings.HasPrefix(path, "/tweede-factor/app") {
		form.Set("password", demoPassword) // a first app outside the login takes it
	}
	done := c.PostForm(strings.SplitN(path, "?", 2)[0], form)
	wantStatus(t, done, http.StatusOK)
	wantContains(t, done, "<h1>Uw herstelcodes</h1>")
	var codes []string
	for _, m := range recoveryCode.FindAllStringSubmatch(done.Body, -1) {
		codes = append(codes, m[1])
	}
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes shown, want 10:\n%s", len(codes), truncateBody(done.Body))
	}
	return key, codes
}

// passwordStep posts the login form and returns the client and where it
// was sent.
func passwordStep(t *testing.T, ts *testServer, email string) (*client, string) {
	t.Helper()
	c := ts.Anonymous()
	res := c.PostForm("/login", url.Values{"email": {email}, "password": {demoPassword}, "next": {"/piket"}})
	wantStatus(t, res, http.StatusSeeOther)
	if c.SessionCookie() != nil {
		return c, "" // no second factor asked
	}
	return c, res.Header.Get("Location")
}

// TestSecondFactorScreens: setting up an app, logging in with its code or
// a recovery code, a code used twice, and an organisation that requires a
// second factor.
func TestSecondFactorScreens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		me := ts.Login(vtCaseWorker)
		page := me.Get("/tweede-factor")
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, "U heeft nog geen app ingesteld.")
		wantStatus(t, me.Get("/tweede-factor/app"), http.StatusOK)
		wrong := me.PostForm("/tweede-factor/app", url.Values{"code": {"000000"}, "password": {demoPassword}})
		wantStatus(t, wrong, http.StatusUnprocessableEntity)
		wantContains(t, wrong, "Deze code hoort niet bij de sleutel hierboven.")
		key, codes := enrolApp(t, me, "/tweede-factor/app")
		wantContains(t, me.Get("/tweede-factor"), "U heeft nog 10 herstelcodes.")

		c, next := passwordStep(t, ts, vtCaseWorker)
		if next != "/login/code?next=%2Fpiket" || c.SessionCookie() != nil {
			t.Fatalf("after the password: %s", next)
		}
		wantContains(t, c.Get(next), "<h1>Tweede stap</h1>")
		bad := c.PostForm("/login/code", url.Values{"code": {"12345"}, "next": {"/piket"}})
		wantStatus(t, bad, http.StatusUnauthorized)
		wantContains(t, bad, "Deze code klopt niet of is al gebruikt.")
		// The code that confirmed the app was used: it does not pass again
		// (unless the step has moved on, then a fresh one does).
		code := appCode(t, key, time.Now())
		res := c.PostForm("/login/code", url.Values{"code": {code}, "next": {"/piket"}})
		if res.StatusCode == http.StatusSeeOther {
			if res.Header.Get("Location") != "/piket" || c.SessionCookie() == nil {
				t.Fatalf("login with the app: %d %s", res.StatusCode, res.Header.Get("Location"))
			}
			// Now the same code again, on a new login: refused.
			again, _ := passwordStep(t, ts, vtCaseWorker)
			wantStatus(t, again.PostForm("/login/code", url.Values{"code": {code}}), http.StatusUnauthorized)
		} else {
			wantStatus(t, res, http.StatusUnauthorized)
		}

		// A recovery code works once.
		rc, _ := passwordStep(t, ts, vtCaseWorker)
		wantStatus(t, rc.PostForm("/login/code", url.Values{"code": {strings.ToLower(codes[0])}, "next": {"/"}}), http.StatusSeeOther)
		wantStatus(t, rc.Get("/piket"), http.StatusOK)
		twice, _ := passwordStep(t, ts, vtCaseWorker)
		wantStatus(t, twice.PostForm("/login/code", url.Values{"code": {codes[0]}}), http.StatusUnauthorized)
		// Without a waiting login the code page sends back to the password.
		wantStatus(t, ts.Anonymous().PostForm("/login/code", url.Values{"code": {codes[1]}}), http.StatusUnauthorized)
		wantStatus(t, ts.Anonymous().Get("/login/code"), http.StatusUnauthorized)

		// Removing needs the password and a recovery code.
		refused := rc.PostForm("/tweede-factor/verwijderen", url.Values{"password": {"fout"}, "recovery_code": {codes[1]}})
		wantStatus(t, refused, http.StatusUnprocessableEntity)
		wantContains(t, refused, "Dit wachtwoord klopt niet.")
		wantStatus(t, rc.PostForm("/tweede-factor/verwijderen", url.Values{"password": {demoPassword}, "recovery_code": {codes[1]}}), http.StatusSeeOther)
		if _, next := passwordStep(t, ts, vtCaseWorker); next != "" {
			t.Fatalf("without the app the password should log in; sent to %s", next)
		}
	})
}

func TestOrganisationRequiresSecondFactor(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		admin := ts.Login(vtAdmin).StepUp()
		wantStatus(t, ts.Login(jbAdmin).StepUp().PostForm("/beheer/inloggen/tweede-factor", url.Values{"required": {"1"}}), http.StatusSeeOther)
		wantStatus(t, ts.Login(vtIntake).PostForm("/beheer/inloggen/tweede-factor", url.Values{"required": {"1"}}), http.StatusForbidden)
		// JB's choice did not touch Veilig Thuis: its people still log in with a password.
		ts.Login(vtTeamLead)
		wantStatus(t, admin.PostForm("/beheer/inloggen/tweede-factor", url.Values{"required": {"1"}}), http.StatusSeeOther)
		wantContains(t, admin.Get("/beheer/inloggen"), "Uw organisatie vraagt die nu van iedereen")

		c := ts.Anonymous()
		res := c.PostForm("/login", url.Values{"email": {vtIntake}, "password": {demoPassword}, "next": {"/piket"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login/instellen?next=%2Fpiket" || c.SessionCookie() != nil {
			t.Fatalf("login of an account without a factor: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		// The waiting login opens no screen.
		if r := c.Get("/piket"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
			t.Fatalf("a waiting login opened a screen: %d", r.StatusCode)
		}
		if r := c.Get("/login/code?next=%2Fpiket"); r.Header.Get("Location") != "/login/instellen?next=%2Fpiket" {
			t.Fatalf("the code page of a login that must enrol: %d %s", r.StatusCode, r.Header.Get("Location"))
		}
		enrolApp(t, c, "/login/instellen?next=%2Fpiket")
		if c.SessionCookie() == nil {
			t.Fatal("enrolment opened no session")
		}
		wantStatus(t, c.Get("/piket"), http.StatusOK)
	})
}
