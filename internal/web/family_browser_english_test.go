package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"schakel/internal/browsertest"
	"schakel/internal/storage/storagetest"
)

// TestBrowserFamilyEnglish walks the family's own Schakel in Chromium in
// English, chosen with the switch on the login page: activation with an
// error, the app and a wrong code, the recovery codes, the page with an
// agreement, the request form with an error, the access log, and the
// login after logging out. Every page fits 390 px and 1280 px, passes
// axe-core and shows no Dutch fixed text.
func TestBrowserFamilyEnglish(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	fam := familyWithAgreement(t, ts, "Engels", "Sanne-Mila-Eva.")
	ctx := browsertest.New(t)
	check := func(name string, width int64) {
		t.Helper()
		if w := browsertest.ScrollWidth(t, ctx); w > width {
			t.Errorf("%s at %d px is %d px wide: %v", name, width, w, browsertest.WidestElements(t, ctx, width, 3))
		}
		browsertest.Axe(t, ctx, name)
		browsertest.Screenshot(t, ctx, "family-en-"+name+".png")
		noDutch(t, ctx, name)
	}
	browserLogin(t, ctx, ts.URL, vtIntake)
	browsertest.Navigate(t, ctx, ts.URL+"/casussen/"+itoa(fam.caseID)+"/gezinsleden")
	if st := browsertest.Submit(t, ctx, "form[action$='/gezinsleden/"+itoa(fam.mother)+"/uitnodigen'] button"); st != 200 {
		t.Fatalf("invite: %d", st)
	}
	code := strings.TrimSpace(browsertest.Text(t, ctx, ".activation-code"))
	browserLogout(t, ctx)

	browsertest.Viewport(t, ctx, 390, 844)
	browsertest.Navigate(t, ctx, ts.URL+"/gezin/activeren")
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/taal'] button[value='en']"); st != 200 {
		t.Fatalf("switch to English: %d", st)
	}
	check("activate-phone", 390)
	browsertest.Fill(t, ctx, "#code", code)
	browsertest.Fill(t, ctx, "#birth_date", fam.birth[fam.mother])
	browsertest.Fill(t, ctx, "#username", "eva.engels@voorbeeld.nl")
	browsertest.Fill(t, ctx, "#password", "kort")
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/activeren'] button"); st != 422 {
		t.Fatalf("a short password: %d, want 422", st)
	}
	if !strings.Contains(browsertest.Text(t, ctx, "#password-error"), "12 characters") {
		t.Error("no English error beside the password")
	}
	check("activate-error-phone", 390)
	browsertest.Fill(t, ctx, "#password", "groene appels in de mand")
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/activeren'] button"); st != 200 {
		t.Fatalf("activate: %d", st)
	}
	check("app-phone", 390)
	key := strings.ReplaceAll(strings.TrimSpace(browsertest.Text(t, ctx, "#key")), " ", "")
	browsertest.Fill(t, ctx, "#code", "000000")
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/tweede-stap'] button"); st != 422 {
		t.Fatalf("a wrong app code: %d, want 422", st)
	}
	check("app-error-phone", 390)
	browsertest.Fill(t, ctx, "#code", appCode(t, key, time.Now()))
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/tweede-stap'] button"); st != 200 {
		t.Fatalf("set up the app: %d", st)
	}
	check("recovery-phone", 390)
	browsertest.Navigate(t, ctx, ts.URL+"/gezin?welkom=1")
	main := browsertest.Text(t, ctx, "main")
	for _, want := range []string{"Welcome, Eva Engels", "Sanne-Mila-Eva.", "On or before ", "Keeps the overview."} {
		if !strings.Contains(main, want) {
			t.Errorf("the English family page lacks %q", want)
		}
	}
	check("home-phone", 390)
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/verzoeken'] button"); st != 422 {
		t.Fatalf("an empty request: %d, want 422", st)
	}
	check("request-error-phone", 390)
	browsertest.Navigate(t, ctx, ts.URL+"/gezin/logboek/"+itoa(fam.mother))
	check("log-phone", 390)
	browsertest.Navigate(t, ctx, ts.URL+"/gezin/logboek/999999")
	check("refused-phone", 390)
	browsertest.Viewport(t, ctx, 1280, 900)
	check("refused-desktop", 1280)
	browsertest.Navigate(t, ctx, ts.URL+"/gezin/logboek/"+itoa(fam.mother))
	check("log-desktop", 1280)
	browsertest.Navigate(t, ctx, ts.URL+"/gezin")
	check("home-desktop", 1280)
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/uitloggen'] button"); st != 200 {
		t.Fatalf("logout: %d", st)
	}
	check("login-desktop", 1280)

	// A pause after wrong passwords, and the login after a session ended
	// (TestFamilyWaitsInTheLanguage makes that happen), at phone width.
	browsertest.Viewport(t, ctx, 390, 844)
	st := 0
	for i := 0; i < 6 && st != 429; i++ {
		browsertest.Fill(t, ctx, "#username", "eva.engels@voorbeeld.nl")
		browsertest.Fill(t, ctx, "#password", "rode fiets op de dijk")
		st = browsertest.Submit(t, ctx, "form[action='/gezin/inloggen'] button")
	}
	if msg := browsertest.Text(t, ctx, "#login-error"); st != 429 || !strings.Contains(msg, "Try again in ") || !strings.Contains(msg, " minute") {
		t.Errorf("the sixth wrong password: %d %q, want 429 with the minutes", st, msg)
	}
	check("locked-phone", 390)
	browsertest.Navigate(t, ctx, ts.URL+"/gezin/inloggen?opnieuw=1")
	if msg := browsertest.Text(t, ctx, "main .alert"); msg != "You are no longer logged in. Log in again to go on." {
		t.Errorf("after a session ended: %q", msg)
	}
	check("login-again-phone", 390)
}

// noDutch fails when the page's visible text holds a Dutch fixed word.
func noDutch(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	text := shownAppKey.ReplaceAllString(strings.Join(strings.Fields(browsertest.Text(t, ctx, "body")), " "), " ")
	text = " " + strings.ToLower(strings.Join(strings.Fields(text), " ")) + " "
	for _, dutch := range dutchFixedWords {
		if i := strings.Index(text, dutch); i >= 0 {
			t.Errorf("%s: Dutch %q in %q", name, dutch, text[max(0, i-60):min(len(text), i+60)])
		}
	}
}
