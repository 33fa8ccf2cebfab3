package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/browsertest"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestBrowserPasskey is the test against a WebAuthn implementation Schakel
// did not write: Chromium's virtual authenticator (CTAP2, built in, with
// user verification) enrols a passkey on /tweede-factor through
// static/passkey.js, the user logs out, logs in with password and passkey,
// and confirms a risky act with it. Every screen on the way passes axe-core
// at desktop and phone width. WebAuthn needs a host name, not an IP
// address, so the browser reaches the test server as localhost.
func TestBrowserPasskey(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	base := strings.Replace(ts.URL, "127.0.0.1", "localhost", 1)
	ctx := browsertest.New(t)
	authID := virtualAuthenticator(t, ctx)
	look := func(name string) { t.Helper(); lookPasskey(t, ctx, name) }
	id := ts.ProfessionalID(vtPrivacy)
	// sessionFactor is the second factor of the browser's session, as the
	// server holds it.
	sessionFactor := func() string {
		t.Helper()
		got, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (network.GetCookiesResult, error) {
			return cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{})
		})
		if err != nil {
			t.Fatal(err)
		}
		cookies := got.Cookies
		for _, c := range cookies {
			if c.Name == "schakel_session" {
				_, login, err := ts.DB.SessionLogin(context.Background(), auth.HashSecret(c.Value), time.Hour)
				if err != nil {
					t.Fatal(err)
				}
				return login.Factor
			}
		}
		t.Fatal("the browser has no session")
		return ""
	}

	browserLogin(t, ctx, base, vtPrivacy)
	browsertest.Navigate(t, ctx, base+"/tweede-factor")
	look("none")
	browsertest.Fill(t, ctx, "#passkey-name", "laptop")
	browsertest.Fill(t, ctx, "#passkey-password", demoPassword)
	if st := browsertest.Submit(t, ctx, "form[action='/tweede-factor/passkeys'] button[type=submit]"); st != 200 {
		t.Fatalf("enrol a passkey: %d", st)
	}
	if h1 := browsertest.Text(t, ctx, "h1"); h1 != "Uw herstelcodes" {
		t.Fatalf("after the first passkey: h1 %q (%s)", h1, browsertest.Text(t, ctx, "main"))
	}
	if f := sessionFactor(); f != schakel.FactorPasskey {
		t.Fatalf("the enrolling session's factor: %q", f)
	}
	browsertest.Navigate(t, ctx, base+"/tweede-factor")
	if !strings.Contains(browsertest.Text(t, ctx, "ul.passkeys"), "laptop") {
		t.Fatal("the passkey is not listed")
	}
	look("listed")

	if st := browsertest.Submit(t, ctx, "form[action='/logout'] button[type=submit]"); st != 200 {
		t.Fatalf("log out: %d", st)
	}
	browsertest.Navigate(t, ctx, base+"/login")
	browsertest.Fill(t, ctx, "#email", vtPrivacy)
	browsertest.Fill(t, ctx, "#password", demoPassword)
	if st := browsertest.Submit(t, ctx, "form[action='/login'] button[type=submit]"); st != 200 || !strings.Contains(browsertest.Location(t, ctx), "/login/code") {
		t.Fatalf("password step: %d at %s", st, browsertest.Location(t, ctx))
	}
	look("login")
	if st := browsertest.Submit(t, ctx, "form[data-passkey] button[type=submit]"); st != 200 || strings.Contains(browsertest.Location(t, ctx), "/login") {
		t.Fatalf("log in with the passkey: %d at %s (%s)", st, browsertest.Location(t, ctx), browsertest.Text(t, ctx, "main"))
	}
	if f := sessionFactor(); f != schakel.FactorPasskey {
		t.Fatalf("the new session's factor: %q", f)
	}

	ts.Clock.Advance(stepUpWindowPassed)
	browsertest.Navigate(t, ctx, base+"/privacy/logboek")
	if loc := browsertest.Location(t, ctx); !strings.Contains(loc, "/bevestigen?terug=") {
		t.Fatalf("the audit trail after 5 minutes: at %s", loc)
	}
	look("step-up")
	if st := browsertest.Submit(t, ctx, "form[data-passkey] button[type=submit]"); st != 200 {
		t.Fatalf("step up with the passkey: %d", st)
	}
	if h1 := browsertest.Text(t, ctx, "h1"); h1 != "Toegangslogboek" {
		t.Fatalf("after the step-up: h1 %q", h1)
	}
	got, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (webauthn.GetCredentialsResult, error) {
		return cdp.Call(ctx, tg, webauthn.GetCredentials, webauthn.GetCredentialsParams{AuthenticatorID: authID})
	})
	creds := got.Credentials
	if err != nil || len(creds) != 1 {
		t.Fatalf("the authenticator's credentials: %d, %v", len(creds), err)
	}
	var keys []storage.Passkey
	if err := ts.DB.Update(context.Background(), func(tx *storage.Tx) (err error) { keys, err = tx.Passkeys(id); return err }); err != nil || len(keys) != 1 {
		t.Fatalf("stored passkeys: %d, %v", len(keys), err)
	}
	if float64(keys[0].SignCount) != creds[0].SignCount || keys[0].SignCount < 2 || keys[0].CloneWarning {
		t.Errorf("sign count stored %d (clone warning %v), the authenticator's %v (two uses)", keys[0].SignCount, keys[0].CloneWarning, creds[0].SignCount)
	}
}

// virtualAuthenticator adds Chromium's own authenticator to the browser:
// CTAP2, built in, with user verification that succeeds.
func virtualAuthenticator(t *testing.T, ctx context.Context) webauthn.AuthenticatorID {
	t.Helper()
	authID, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (webauthn.AuthenticatorID, error) {
		if _, err := cdp.Call(ctx, tg, webauthn.Enable, webauthn.EnableParams{}); err != nil {
			return "", err
		}
		res, err := cdp.Call(ctx, tg, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{Options: &webauthn.VirtualAuthenticatorOptions{
			Protocol: webauthn.AuthenticatorProtocolCtap2, Transport: webauthn.AuthenticatorTransportInternal,
			HasResidentKey: true, HasUserVerification: true, IsUserVerified: true, AutomaticPresenceSimulation: true,
		}})
		return res.AuthenticatorID, err
	})
	if err != nil {
		t.Fatalf("a virtual authenticator: %v", err)
	}
	return authID
}

// lookPasskey checks the page at desktop and phone width (no sideways
// scrolling, axe-core) and takes its screenshots.
func lookPasskey(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		browsertest.Viewport(t, ctx, size.width, size.height)
		if w := browsertest.ScrollWidth(t, ctx); w > size.width {
			t.Errorf("%s at %d px is %d px wide", name, size.width, w)
		}
		browsertest.Axe(t, ctx, name+" "+size.name)
		browsertest.Screenshot(t, ctx, "passkey-"+name+"-"+size.name+".png")
	}
	browsertest.Viewport(t, ctx, 1280, 900)
}

// TestBrowserPasskeyAtRequiredEnrolment: where the organisation requires a
// second factor, an account without one sets up a passkey right after the
// password, with Chromium's virtual authenticator.
func TestBrowserPasskeyAtRequiredEnrolment(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	base := strings.Replace(ts.URL, "127.0.0.1", "localhost", 1)
	ctx := browsertest.New(t)
	virtualAuthenticator(t, ctx)
	org := mustProfessional(t, ts, vtIntake).Organisation.ID
	if err := ts.DB.Update(context.Background(), func(tx *storage.Tx) error { return tx.SetSecondFactorRequired(org, true) }); err != nil {
		t.Fatal(err)
	}
	browsertest.Navigate(t, ctx, base+"/login")
	browsertest.Fill(t, ctx, "#email", vtIntake)
	browsertest.Fill(t, ctx, "#password", demoPassword)
	if st := browsertest.Submit(t, ctx, "form[action='/login'] button[type=submit]"); st != 200 || !strings.Contains(browsertest.Location(t, ctx), "/login/instellen") {
		t.Fatalf("password step: %d at %s", st, browsertest.Location(t, ctx))
	}
	lookPasskey(t, ctx, "required-enrolment")
	browsertest.Fill(t, ctx, "#passkey-name", "telefoon")
	if st := browsertest.Submit(t, ctx, "form[data-passkey] button[type=submit]"); st != 200 {
		t.Fatalf("enrol a passkey at the login: %d", st)
	}
	if h1 := browsertest.Text(t, ctx, "h1"); h1 != "Uw herstelcodes" {
		t.Fatalf("after the passkey: h1 %q (%s)", h1, browsertest.Text(t, ctx, "main"))
	}
}
