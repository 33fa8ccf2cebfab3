package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"schakel/internal/app"
	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// TestBrowserMembership: Veilig Thuis's administrator confirms a colleague
// by ticking and "Alles bevestigen", marks one as gone, forgets to tick
// (a clear error), and after the deadline a paused colleague is told so at
// login and turned on again. Every state passes axe-core at desktop and
// phone width without sideways scrolling.
func TestBrowserMembership(t *testing.T) {
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
				t.Errorf("%s at %d px is %d px wide: %v", name, size.width, w, browsertest.WidestElements(t, ctx, size.width, 3))
			}
			browsertest.Axe(t, ctx, name+" "+size.name)
			browsertest.Screenshot(t, ctx, "membership-"+name+"-"+size.name+".png")
		}
		browsertest.Viewport(t, ctx, 1280, 900)
	}
	openMembershipRound(t, ts)
	sanne, ruud := ts.ProfessionalID(vtIntake), ts.ProfessionalID(demo.Email("Ruud", "vt"))
	browserLogin(t, ctx, ts.URL, vtAdmin)
	browsertest.Navigate(t, ctx, ts.URL+"/beheer/medewerkers")
	if st := browsertest.Submit(t, ctx, "a[href='/beheer/wie-werkt-hier']"); st != 200 {
		t.Fatalf("to the review: %d", st)
	}
	look("round-open")
	browsertest.Check(t, ctx, "input[name=still_here][value='"+itoa(sanne)+"']", true)
	if st := browsertest.Submit(t, ctx, "#still_here"); st != 200 || !strings.Contains(browsertest.Text(t, ctx, "main"), "Opgeslagen.") {
		t.Fatalf("confirm: %d", st)
	}
	look("confirmed")
	if st := browsertest.Submit(t, ctx, "button[name=left][value='"+itoa(ruud)+"']"); st != 200 {
		t.Fatalf("gone: %d", st)
	}
	if !strings.Contains(browsertest.Text(t, ctx, "#professional_"+itoa(ruud)), "Werkt hier niet meer") {
		t.Fatalf("Ruud's row: %q", browsertest.Text(t, ctx, "#professional_"+itoa(ruud)))
	}
	if st := browsertest.Submit(t, ctx, "#still_here"); st != 422 {
		t.Fatalf("nobody ticked: %d", st)
	}
	look("nobody-ticked")

	ts.Clock.Advance(20 * 24 * time.Hour)
	if run, err := app.New(ts.DB).ReviewMembership(context.Background()); err != nil || run.Suspended == 0 {
		t.Fatalf("close: %+v, %v", run, err)
	}
	pieter := demo.Email("Pieter", "vt")
	browsertest.Navigate(t, ctx, ts.URL+"/login")
	browsertest.Fill(t, ctx, "#email", pieter)
	browsertest.Fill(t, ctx, "#password", demo.Password)
	if st := browsertest.Submit(t, ctx, "form[action='/login'] button[type=submit]"); st != 401 ||
		!strings.Contains(browsertest.Text(t, ctx, "#login-error"), "gepauzeerd") {
		t.Fatalf("paused login: %d %q", st, browsertest.Text(t, ctx, "main"))
	}
	look("login-paused")
	browserLogin(t, ctx, ts.URL, vtAdmin)
	browsertest.Navigate(t, ctx, ts.URL+"/beheer/wie-werkt-hier")
	look("after-deadline")
	if st := browsertest.Submit(t, ctx, "button[name=activate][value='"+itoa(ts.ProfessionalID(pieter))+"']"); st != 200 {
		t.Fatalf("turn on: %d", st)
	}
	look("turned-on")
}
