package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"schakel/internal/passkey/passkeytest"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// passkeyServer serves with a configured public address: the relying
// party passkeys are bound to (the test server itself listens on an IP
// address, which WebAuthn cannot use).
func passkeyServer(t *testing.T, e storagetest.Engine) (*testServer, *passkeytest.Authenticator) {
	t.Helper()
	ts := startServerWith(t, e, func(c *web.Config) { c.PublicURL = "https://schakel.test/" })
	ts.Clock.Freeze()
	return ts, passkeytest.New("schakel.test", "https://schakel.test")
}

// wantFieldCode checks a problem's status, field and stable code.
func wantFieldCode(t *testing.T, r response, status int, field, code string) {
	t.Helper()
	wantStatus(t, r, status)
	for _, e := range r.Problem(t).Errors {
		if e.Field == field && e.Code == code {
			return
		}
	}
	t.Errorf("%s %s: no %s %s in %s", r.Request.Method, r.Request.URL.Path, field, code, r.Body)
}

// TestPasskeysAPI enrols, renames, uses and removes a passkey through the
// API with a software authenticator; every exchange is checked against the
// OpenAPI document.
func TestPasskeysAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts, a := passkeyServer(t, e)
		me := ts.Bearer(vtCaseWorker)
		begin := func(path string) []byte {
			t.Helper()
			r := me.Do("POST", path, nil, "")
			wantStatus(t, r, http.StatusOK)
			return []byte(r.Body)
		}
		opts := begin("/api/v1/factors/passkeys/begin")
		answer := json.RawMessage(a.Create(opts))
		enrol := map[string]any{"name": "laptop", "credential": answer}
		wantFieldCode(t, me.SendJSON("POST", "/api/v1/factors/passkeys/finish", enrol), http.StatusUnprocessableEntity, "password", "password_required")
		enrol["password"] = demoPassword
		var done struct {
			Passkey struct{ ID int64 }
			Codes   []string `json:"recovery_codes"`
		}
		r := me.SendJSON("POST", "/api/v1/factors/passkeys/finish", enrol)
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &done)
		if len(done.Codes) != 10 || done.Passkey.ID == 0 {
			t.Fatalf("enrolled: %s", r.Body)
		}
		wantFieldCode(t, me.SendJSON("POST", "/api/v1/factors/passkeys/finish", enrol), http.StatusUnprocessableEntity, "credential", "challenge_expired")
		id := itoa(done.Passkey.ID)
		wantFieldCode(t, me.SendJSON("PATCH", "/api/v1/factors/passkeys/"+id, map[string]string{"name": strings.Repeat("x", 41)}), http.StatusUnprocessableEntity, "name", "too_long")
		wantStatus(t, me.SendJSON("PATCH", "/api/v1/factors/passkeys/"+id, map[string]string{"name": "werklaptop"}), http.StatusNoContent)
		if r := me.Get("/api/v1/factors"); !strings.Contains(r.Body, `"name":"werklaptop"`) {
			t.Fatalf("status: %s", r.Body)
		}

		ts.Clock.Advance(stepUpWindowPassed)
		wantStatus(t, me.Get("/api/v1/audit"), http.StatusForbidden)
		other := passkeytest.New("schakel.test", "https://schakel.test")
		finish := func(answer []byte) response {
			return me.SendJSON("POST", "/api/v1/session/step-up/passkey/finish", map[string]any{"credential": json.RawMessage(answer)})
		}
		wantFieldCode(t, finish(other.Get(begin("/api/v1/session/step-up/passkey/begin"))), http.StatusUnprocessableEntity, "credential", "passkey_refused")
		opts = begin("/api/v1/session/step-up/passkey/begin")
		r = finish(a.Get(opts))
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, `"factor":"webauthn"`) {
			t.Fatalf("step-up: %s", r.Body)
		}
		wantFieldCode(t, finish(a.Get(opts)), http.StatusUnprocessableEntity, "credential", "passkey_refused")

		// The last factor takes the password and a recovery code.
		wantFieldCode(t, me.SendJSON("POST", "/api/v1/factors/passkeys/"+id+"/remove", map[string]string{}), http.StatusUnprocessableEntity, "password", "wrong_password")
		wantStatus(t, me.SendJSON("POST", "/api/v1/factors/passkeys/"+id+"/remove", map[string]string{"password": demoPassword, "recovery_code": done.Codes[0]}), http.StatusNoContent)
		wantStatus(t, me.Do("POST", "/api/v1/session/step-up/passkey/begin", nil, ""), http.StatusConflict)
	})
}

// TestPasskeyNeedsAHostName: reached by an IP address and without
// --public-url, Schakel says that passkeys need a host name.
func TestPasskeyNeedsAHostName(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	r := ts.Bearer(vtCaseWorker).Do("POST", "/api/v1/factors/passkeys/begin", nil, "")
	wantStatus(t, r, http.StatusConflict)
	if p := r.Problem(t); !strings.Contains(p.Detail, "IP-adres") {
		t.Errorf("detail %q", p.Detail)
	}
}

// TestPasskeyScreensWithoutScript: the forms the script fills, sent as a
// browser without JavaScript sends them (an empty answer), say that a
// passkey needs JavaScript; sent with an answer, as the script sends
// them, they enrol a passkey and log in with it.
func TestPasskeyScreensWithoutScript(t *testing.T) {
	ts, a := passkeyServer(t, storagetest.Engines()[0])
	c := ts.Login(vtCaseWorker)
	r := c.PostForm("/tweede-factor/passkeys", url.Values{"name": {"laptop"}, "password": {demoPassword}, "passkey": {""}})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	wantContains(t, r, "JavaScript")
	opts := c.Do("POST", "/api/v1/factors/passkeys/begin", nil, "")
	wantStatus(t, opts, http.StatusOK)
	r = c.PostForm("/tweede-factor/passkeys", url.Values{"name": {"laptop"}, "password": {demoPassword}, "passkey": {string(a.Create([]byte(opts.Body)))}})
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r, "<h1>Uw herstelcodes</h1>")

	login := ts.Anonymous()
	r = login.PostForm("/login", url.Values{"email": {vtCaseWorker}, "password": {demoPassword}, "next": {"/"}})
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login/code") {
		t.Fatalf("password step: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	wantContains(t, login.Get("/login/code"), "Inloggen met passkey")
	r = login.PostForm("/login/code", url.Values{"next": {"/"}, "passkey": {""}})
	wantStatus(t, r, http.StatusUnauthorized)
	wantContains(t, r, "JavaScript")
	opts = login.Do("POST", "/login/passkey", nil, "")
	wantStatus(t, opts, http.StatusOK)
	r = login.PostForm("/login/code", url.Values{"next": {"/"}, "passkey": {string(a.Get([]byte(opts.Body)))}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		t.Fatalf("log in with the passkey: %d %s\n%s", r.StatusCode, r.Header.Get("Location"), truncateBody(r.Body))
	}
	// The login is over: its options are gone with it.
	wantStatus(t, ts.Anonymous().Do("POST", "/login/passkey", nil, ""), http.StatusUnauthorized)
}

// TestPasskeyAtRequiredEnrolment: where the organisation requires a second
// factor, the page that asks for one right after the password offers a
// passkey beside the app, and the passkey opens the session.
func TestPasskeyAtRequiredEnrolment(t *testing.T) {
	ts, a := passkeyServer(t, storagetest.Engines()[0])
	wantStatus(t, ts.Login(vtAdmin).StepUp().PostForm("/beheer/inloggen/tweede-factor", url.Values{"required": {"1"}}), http.StatusSeeOther)
	c := ts.Anonymous()
	res := c.PostForm("/login", url.Values{"email": {vtIntake}, "password": {demoPassword}, "next": {"/piket"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login/instellen?next=%2Fpiket" {
		t.Fatalf("login of an account without a factor: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	wantContains(t, c.Get("/login/instellen?next=%2Fpiket"), "Of: een passkey")
	opts := c.Do("POST", "/login/instellen/passkey", nil, "")
	wantStatus(t, opts, http.StatusOK)
	answer := string(a.Create([]byte(opts.Body)))
	r := c.PostForm("/login/instellen", url.Values{"next": {"/piket"}, "name": {""}, "passkey": {answer}})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	wantContains(t, r, "Geef de passkey een naam")
	r = c.PostForm("/login/instellen", url.Values{"next": {"/piket"}, "name": {"laptop"}, "passkey": {answer}})
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r, "<h1>Uw herstelcodes</h1>")
	if c.SessionCookie() == nil {
		t.Fatal("the passkey opened no session")
	}
	wantStatus(t, c.Get("/piket"), http.StatusOK)
}

// TestReloginWithPasskey: a session that expires while an intake form is
// being filled in asks for the password and then the second factor; a
// passkey-only account uses its passkey there (not a recovery code), and
// the form is kept through every step.
func TestReloginWithPasskey(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts, a := passkeyServer(t, e)
		sanne := ts.Login(vtIntake)
		opts := sanne.Do("POST", "/api/v1/factors/passkeys/begin", nil, "")
		wantStatus(t, opts, http.StatusOK)
		r := sanne.PostForm("/tweede-factor/passkeys", url.Values{"name": {"laptop"}, "password": {demoPassword}, "passkey": {string(a.Create([]byte(opts.Body)))}})
		wantStatus(t, r, http.StatusOK)

		f := intakeUIForm(ts, "Passkey-de Vries", "k-relogin-passkey")
		f.Set("narrative", "Dit verhaal mag niet verloren gaan.")
		ts.Clock.Advance(31 * time.Minute) // past the idle timeout
		r = sanne.PostForm("/meldingen", f)
		wantStatus(t, r, http.StatusUnauthorized)
		stash := intakeUIHidden(t, r.Body, "stash")

		r = sanne.PostForm("/meldingen/herstel", url.Values{"email": {vtIntake}, "password": {demoPassword}, "stash": {stash}})
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Met een passkey", "Passkey gebruiken en verder gaan", "Herstelcode", `src="/static/passkey.js"`)
		if got := intakeUIHidden(t, r.Body, "stash"); got != stash {
			t.Fatalf("stash lost at the second step")
		}
		// Without JavaScript the answer is empty: said so, the form kept.
		r = sanne.PostForm("/meldingen/herstel", url.Values{"passkey": {""}, "stash": {stash}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "JavaScript", "Passkey gebruiken en verder gaan")
		if got := intakeUIHidden(t, r.Body, "stash"); got != stash {
			t.Fatalf("stash lost after an empty passkey answer")
		}
		// Another authenticator's passkey is refused, the form kept.
		opts = sanne.Do("POST", "/login/passkey", nil, "")
		wantStatus(t, opts, http.StatusOK)
		stranger := passkeytest.New("schakel.test", "https://schakel.test")
		r = sanne.PostForm("/meldingen/herstel", url.Values{"passkey": {string(stranger.Get([]byte(opts.Body)))}, "stash": {stash}})
		wantStatus(t, r, http.StatusUnauthorized)
		if got := intakeUIHidden(t, r.Body, "stash"); got != stash {
			t.Fatalf("stash lost after a refused passkey")
		}

		opts = sanne.Do("POST", "/login/passkey", nil, "")
		wantStatus(t, opts, http.StatusOK)
		r = sanne.PostForm("/meldingen/herstel", url.Values{"passkey": {string(a.Get([]byte(opts.Body)))}, "stash": {stash}})
		wantStatus(t, r, http.StatusSeeOther)
		loc := r.Header.Get("Location")
		if !strings.HasPrefix(loc, "/meldingen/nieuw?concept=") {
			t.Fatalf("after the passkey: %s", loc)
		}
		wantContains(t, sanne.Get(loc), "Dit verhaal mag niet verloren gaan.")
	})
}
