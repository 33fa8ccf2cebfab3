package web_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"

	"schakel/internal/browsertest"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// shootBoth checks the page with axe-core and takes its screenshot at
// desktop width and at phone width (390x844).
func shootBoth(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	browsertest.Axe(t, ctx, name+" (desktop)")
	browsertest.Screenshot(t, ctx, "sso/"+name+"-desktop.png")
	browsertest.Viewport(t, ctx, 390, 844)
	defer browsertest.Viewport(t, ctx, 1280, 900)
	browsertest.Axe(t, ctx, name+" (phone)")
	browsertest.Screenshot(t, ctx, "sso/"+name+"-phone.png")
}

// TestBrowserOIDCLogin logs in through Jeugdbescherming's own provider in
// Chromium (e-mail first, the provider's login page, back to Schakel), logs
// out at the provider too, and looks at every new screen: the e-mail step,
// the password step, the pages for an unknown person, an expired attempt
// and a provider that does not answer, and the administrator's screen.
func TestBrowserOIDCLogin(t *testing.T) {
	f := startSSO(t, storagetest.Engines()[0], func(*web.Config) {})
	ctx := browsertest.New(t)
	base := f.ts.URL

	if st := browsertest.Navigate(t, ctx, base+"/login?next=%2Fpiket"); st != 200 {
		t.Fatalf("login page: %d", st)
	}
	shootBoth(t, ctx, "login-email-first")
	browsertest.Fill(t, ctx, "#email", "fleur@"+jbDomain)
	browsertest.Submit(t, ctx, "form[action='/login/start'] button")
	browsertest.WaitLocation(t, ctx, f.op.URL+"/login")
	browsertest.Fill(t, ctx, "#username", ssoWorker.Username)
	browsertest.Fill(t, ctx, "#password", ssoWorker.Password)
	if st := browsertest.Submit(t, ctx, "button[type=submit]"); st != 200 || browsertest.Location(t, ctx) != base+"/piket" {
		t.Fatalf("back from the provider: %d at %s", st, browsertest.Location(t, ctx))
	}
	if h1 := browsertest.Text(t, ctx, "h1"); h1 != "Piketrooster" {
		t.Fatalf("after login: h1 %q", h1)
	}
	// Logging out ends the session at the provider too, and comes back.
	browsertest.Submit(t, ctx, "form[action='/logout'] button")
	browsertest.WaitLocation(t, ctx, base+"/login?uitgelogd=1")
	if n := f.op.EndedSessions(jbClient); n != 1 {
		t.Fatalf("the provider ended %d sessions, want 1", n)
	}

	// The password step for an organisation without its own provider.
	browsertest.Fill(t, ctx, "#email", vtAdmin)
	if st := browsertest.Submit(t, ctx, "form[action='/login/start'] button"); st != 200 || !browsertest.Exists(t, ctx, "#password") {
		t.Fatalf("password step: %d", st)
	}
	shootBoth(t, ctx, "login-password-step")

	// An unknown person: a clear page.
	browsertest.Navigate(t, ctx, base+"/login")
	browsertest.Fill(t, ctx, "#email", "nieuw@"+jbDomain)
	browsertest.Submit(t, ctx, "form[action='/login/start'] button")
	browsertest.WaitLocation(t, ctx, f.op.URL+"/login")
	browsertest.Fill(t, ctx, "#username", ssoUnknown.Username)
	browsertest.Fill(t, ctx, "#password", ssoUnknown.Password)
	if st := browsertest.Submit(t, ctx, "button[type=submit]"); st != http.StatusForbidden {
		t.Fatalf("unknown person: %d", st)
	}
	if h1 := browsertest.Text(t, ctx, "h1"); h1 != "U heeft nog geen account in Schakel" {
		t.Fatalf("unknown person: h1 %q", h1)
	}
	shootBoth(t, ctx, "login-unknown-person")

	// An attempt that expired, or was not this browser's.
	if st := browsertest.Navigate(t, ctx, base+"/login/oidc/callback?state=verlopen&code=x"); st != http.StatusBadRequest {
		t.Fatalf("expired attempt: %d", st)
	}
	shootBoth(t, ctx, "login-expired")

	browserPasswordLogin(t, ctx, base, jbAdmin)
	// Sessions: the administrator's own, and the organisation's.
	browsertest.Navigate(t, ctx, base+"/sessies")
	if h1 := browsertest.Text(t, ctx, "h1"); h1 != "Mijn sessies" {
		t.Fatalf("my sessions: h1 %q", h1)
	}
	shootBoth(t, ctx, "my-sessions")
	browsertest.Navigate(t, ctx, base+"/beheer/sessies")
	shootBoth(t, ctx, "organisation-sessions")
	// The account page of a professional linked to the provider offers to
	// undo the link.
	browsertest.Navigate(t, ctx, base+"/beheer/medewerkers/"+itoa(f.workerID))
	if !browsertest.Exists(t, ctx, "form[action$='/ontkoppelen']") {
		t.Fatal("no unlink button for a linked professional")
	}
	shootBoth(t, ctx, "professional-linked")

	// The administrator's screen, with an error, and saved (a change of
	// the organisation's login: confirmed with a second factor first).
	browserStepUp(t, ctx, f.ts, jbAdmin)
	browsertest.Navigate(t, ctx, base+"/beheer/inloggen")
	shootBoth(t, ctx, "admin-sso")
	browsertest.Fill(t, ctx, "#sso-secret_name", "GEHEIM")
	if st := browsertest.Submit(t, ctx, "form[action='/beheer/inloggen'] button"); st != http.StatusUnprocessableEntity {
		t.Fatalf("admin screen with a wrong secret name: %d", st)
	}
	shootBoth(t, ctx, "admin-sso-error")
	browsertest.Fill(t, ctx, "#sso-secret_name", jbSecretEV)
	down := deadAddress(t)
	browsertest.Fill(t, ctx, "#sso-issuer", down)
	if st := browsertest.Submit(t, ctx, "form[action='/beheer/inloggen'] button"); st != 200 || !strings.Contains(browsertest.Text(t, ctx, "[role=status]"), "opgeslagen") {
		t.Fatalf("admin screen saved: %d", st)
	}
	browserLogout(t, ctx)

	// The provider is now at an address where nothing answers.
	browsertest.Fill(t, ctx, "#email", "fleur@"+jbDomain)
	if st := browsertest.Submit(t, ctx, "form[action='/login/start'] button"); st != http.StatusServiceUnavailable {
		t.Fatalf("provider down: %d", st)
	}
	shootBoth(t, ctx, "login-provider-down")
}

// browserPasswordLogin logs in with a password through the two steps of
// the login page (e-mail first, then the password).
func browserPasswordLogin(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	browsertest.Navigate(t, ctx, base+"/login")
	browsertest.Fill(t, ctx, "#email", email)
	if st := browsertest.Submit(t, ctx, "form[action='/login/start'] button"); st != 200 {
		t.Fatalf("e-mail step for %s: %d", email, st)
	}
	browsertest.Fill(t, ctx, "#password", demoPassword)
	if st := browsertest.Submit(t, ctx, "form[action='/login'] button[type=submit]"); st != 200 {
		t.Fatalf("password step for %s: %d", email, st)
	}
}

// deadAddress returns an http address on this machine where nothing listens.
func deadAddress(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return "http://" + ln.Addr().String()
}
