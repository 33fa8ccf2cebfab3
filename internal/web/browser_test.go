package web_test

import (
	"context"
	"strings"
	"testing"

	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// browserLogin logs in through the real login form.
func browserLogin(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	browsertest.Navigate(t, ctx, base+"/logout-page-does-not-exist")
	browsertest.Navigate(t, ctx, base+"/login")
	browsertest.Fill(t, ctx, "#email", email)
	browsertest.Fill(t, ctx, "#password", demo.Password)
	if st := browsertest.Submit(t, ctx, "form[action='/login'] button[type=submit]"); st != 200 {
		t.Fatalf("login as %s: status %d", email, st)
	}
}

// browserStepUp gives the account the test's app (EnrolApp), confirms with
// its code on the confirm page, so that risky screens open for the next 5
// minutes, and takes the app away again, so that browserLogin still logs
// the account in with its password alone.
func browserStepUp(t *testing.T, ctx context.Context, ts *testServer, email string) {
	t.Helper()
	ts.EnrolApp(email)
	browsertest.Navigate(t, ctx, ts.URL+"/bevestigen?terug=%2F")
	browsertest.Fill(t, ctx, "#stap_code", ts.AppCode())
	if st := browsertest.Submit(t, ctx, "form[action^='/bevestigen'] button[type=submit]"); st != 200 {
		t.Fatalf("step-up as %s: status %d", email, st)
	}
	id := ts.ProfessionalID(email)
	if err := ts.DB.Update(context.Background(), func(tx *storage.Tx) error { return tx.RemoveSecondFactors(id) }); err != nil {
		t.Fatalf("remove the test's app: %v", err)
	}
}

func browserLogout(t *testing.T, ctx context.Context) {
	t.Helper()
	if st := browsertest.Submit(t, ctx, "form[action='/logout'] button"); st != 200 {
		t.Fatalf("logout: status %d", st)
	}
}

// TestBrowserFoundation drives Chromium through the foundation screens as
// people of several organisations, runs axe-core on every page, and looks
// at a refused page.
func TestBrowserFoundation(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	ctx := browsertest.New(t)

	// The login page, then a wrong password.
	if st := browsertest.Navigate(t, ctx, ts.URL+"/"); st != 200 || !strings.Contains(browsertest.Location(t, ctx), "/login") {
		t.Fatalf("an anonymous visit must land on the login page, got %d %s", st, browsertest.Location(t, ctx))
	}
	browsertest.Axe(t, ctx, "login")
	browsertest.Screenshot(t, ctx, "login.png")
	browsertest.Fill(t, ctx, "#email", demo.Email("Sanne", "vt"))
	browsertest.Fill(t, ctx, "#password", "verkeerd-wachtwoord")
	if st := browsertest.Submit(t, ctx, "form[action='/login'] button[type=submit]"); st != 401 {
		t.Fatalf("wrong password: status %d", st)
	}
	if got := browsertest.Text(t, ctx, "[role=alert]"); !strings.Contains(got, "klopt niet") {
		t.Fatalf("wrong-password message %q", got)
	}
	browsertest.Axe(t, ctx, "login with error")

	pages := []struct {
		email string
		paths []string
	}{
		{demo.Email("Sanne", "vt"), []string{"/", "/piket"}},
		{demo.Email("Joost", "vt"), []string{"/beheer/medewerkers", "/beheer/medewerkers/nieuw", "/beheer/organisaties"}},
		{demo.Email("Karin", "vt"), []string{"/privacy/logboek"}},
		{demo.Email("Erik", "jb"), []string{"/", "/piket"}},
	}
	for _, p := range pages {
		browserLogin(t, ctx, ts.URL, p.email)
		browserStepUp(t, ctx, ts, p.email)
		for _, path := range p.paths {
			if st := browsertest.Navigate(t, ctx, ts.URL+path); st != 200 {
				t.Errorf("%s as %s: status %d", path, p.email, st)
				continue
			}
			if h1 := browsertest.Text(t, ctx, "h1"); h1 == "" {
				t.Errorf("%s has no h1", path)
			}
			browsertest.Axe(t, ctx, path+" as "+p.email)
			browsertest.Screenshot(t, ctx, strings.NewReplacer("/", "_", "@", "_").Replace(p.email+path)+".png")
		}
		browserLogout(t, ctx)
	}

	// A case worker may not manage accounts: a Dutch refusal page.
	browserLogin(t, ctx, ts.URL, demo.Email("Mohamed", "vt"))
	if st := browsertest.Navigate(t, ctx, ts.URL+"/beheer/medewerkers"); st != 403 {
		t.Fatalf("refused page: status %d", st)
	}
	if h1 := browsertest.Text(t, ctx, "h1"); h1 != "Geen toegang" {
		t.Fatalf("refused page h1 %q", h1)
	}
	browsertest.Axe(t, ctx, "refused page")
	browsertest.Screenshot(t, ctx, "refused.png")
}
