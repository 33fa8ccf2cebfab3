package web_test

import (
	"strings"
	"testing"

	"schakel/internal/browsertest"
	"schakel/internal/storage/storagetest"
	"schakel/internal/totp"
)

// TestBrowserStepUp: a privacy officer without an app opens the audit
// trail, is asked to set one up, does so in Chromium and lands on the
// trail; five minutes later the trail asks for a code (a wrong one first).
// Each state of the confirm page passes axe-core at desktop and phone size.
func TestBrowserStepUp(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	ctx := browsertest.New(t)
	look := func(name string) {
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
			browsertest.Screenshot(t, ctx, "step-up-"+name+"-"+size.name+".png")
		}
		browsertest.Viewport(t, ctx, 1280, 900)
	}
	browserLogin(t, ctx, ts.URL, vtPrivacy)
	browsertest.Navigate(t, ctx, ts.URL+"/privacy/logboek")
	if loc := browsertest.Location(t, ctx); !strings.Contains(loc, "/bevestigen?terug=") {
		t.Fatalf("the audit trail without a second factor: at %s", loc)
	}
	look("no-app")
	if st := browsertest.Submit(t, ctx, "a[href^='/tweede-factor/app']"); st != 200 {
		t.Fatalf("to the app's setup: %d", st)
	}
	look("app-setup-with-qr")
	raw, err := totp.Decode(strings.ReplaceAll(browsertest.Text(t, ctx, "#key"), " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Fill(t, ctx, "#code", totp.Code(raw, totp.Step(ts.Clock.Now())))
	browsertest.Fill(t, ctx, "#password", demoPassword)
	if st := browsertest.Submit(t, ctx, "form[action='/tweede-factor/app'] button[type=submit]"); st != 200 {
		t.Fatalf("set up the app: %d", st)
	}
	if st := browsertest.Submit(t, ctx, "main a.button"); st != 200 || browsertest.Text(t, ctx, "h1") != "Toegangslogboek" {
		t.Fatalf("back to the audit trail: %d %q", st, browsertest.Text(t, ctx, "h1"))
	}

	ts.Clock.Advance(stepUpWindowPassed)
	browsertest.Navigate(t, ctx, ts.URL+"/privacy/logboek")
	look("code")
	browsertest.Fill(t, ctx, "#stap_code", "12345")
	if st := browsertest.Submit(t, ctx, "form[action^='/bevestigen'] button[type=submit]"); st != 422 {
		t.Fatalf("a wrong code: %d", st)
	}
	look("wrong-code")
	browsertest.Fill(t, ctx, "#stap_code", totp.Code(raw, totp.Step(ts.Clock.Now())))
	if st := browsertest.Submit(t, ctx, "form[action^='/bevestigen'] button[type=submit]"); st != 200 {
		t.Fatalf("the right code: %d", st)
	}
	if h1 := browsertest.Text(t, ctx, "h1"); h1 != "Toegangslogboek" {
		t.Fatalf("after the code: h1 %q", h1)
	}
}
