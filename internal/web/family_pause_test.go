package web_test

// A family member who must wait or log in again reads why, in their own
// language: a pause after wrong passwords (with its minutes, as
// Retry-After), a server too busy to check a password, and a session that
// ended.

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// beside starts a second Schakel server on ts's database, as a second
// `schakel serve` beside the first, with its own settings; its clients
// talk to it. It stops before the database closes.
func (ts *testServer) beside(t *testing.T, configure func(*web.Config)) *testServer {
	t.Helper()
	cfg := web.DefaultConfig()
	cfg.PasswordParams, cfg.Version, cfg.TableHold = cheapParams, "test", 0
	configure(&cfg)
	logs := &syncBuffer{}
	srv, err := web.New(ts.DB, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), cfg)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("second server stopped with error: %v", err)
		}
		checkLogs(t, logs.String())
	})
	b := *ts
	b.Srv, b.URL, b.Logs = srv, "http://"+ln.Addr().String(), logs
	return &b
}

// noCheckFree is a server with one password check and no wait for it:
// Go's select then takes the free check or the wait that is already over
// at random, so about every other login is told the server is too busy,
// as when every check is taken.
func noCheckFree(cfg *web.Config) { cfg.LoginChecks, cfg.LoginQueueWait = 1, -1 }

// TestFamilyWaitsInTheLanguage: for a family member in English and in
// Dutch, a login on a server too busy to check the password, a sixth wrong
// password in a row, and a page opened after the session ended each show
// the reason in the member's language, with Retry-After where waiting
// helps.
func TestFamilyWaitsInTheLanguage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		fam := ts.fileFamily(t, "Pauze")
		sanne := ts.Login(vtIntake)
		members := map[string]*client{"eva.pauze": fam.member(t, ts, sanne, fam.mother, "eva.pauze"),
			"mila.pauze": fam.member(t, ts, sanne, fam.child, "mila.pauze")}
		busy := ts.beside(t, noCheckFree)
		ts.Clock.Freeze() // the pause's Retry-After is exact
		for _, m := range members {
			wantStatus(t, m.Get("/gezin"), http.StatusOK)
		}
		for _, tc := range []struct {
			lang, username, busy, locked, again string
		}{
			{"en", "eva.pauze", "It is very busy right now. Try again in a few seconds.",
				"Logging in with this name went wrong too often. Try again in 3 minutes.", "You are no longer logged in. Log in again to go on."},
			{"nl", "mila.pauze", "Het is nu erg druk. Probeer het over een paar seconden opnieuw.",
				"Er is te vaak verkeerd ingelogd met deze naam. Probeer het over 3 minuten opnieuw.", "U bent niet meer ingelogd. Log opnieuw in om verder te gaan."},
		} {
			t.Run(tc.lang, func(t *testing.T) {
				lang := http.Header{"Accept-Language": {tc.lang}}
				right := url.Values{"username": {tc.username}, "password": {"blauwe fiets op de dijk"}}
				shown := func(r response, status int, text, retry string) {
					t.Helper()
					wantStatus(t, r, status)
					wantContains(t, r, `<html lang="`+tc.lang+`"`, text)
					if got := r.Header.Get("Retry-After"); got != retry {
						t.Errorf("Retry-After %q, want %q", got, retry)
					}
					if tc.lang == "en" {
						wantEnglish(t, text, r)
					}
				}

				// Too busy: the right password, polled until a login meets no free check.
				c := busy.Anonymous()
				c.Header = lang
				r := c.PostForm("/gezin/inloggen", right)
				for i := 0; i < 64 && r.StatusCode == http.StatusSeeOther; i++ {
					r = c.PostForm("/gezin/inloggen", right)
				}
				shown(r, http.StatusServiceUnavailable, tc.busy, "5")

				// Five wrong passwords, then a pause of three minutes.
				c = ts.Anonymous()
				c.Header = lang
				wrong := url.Values{"username": {tc.username}, "password": {"rode fiets op de dijk"}}
				for range 5 {
					wantStatus(t, c.PostForm("/gezin/inloggen", wrong), http.StatusUnauthorized)
				}
				shown(c.PostForm("/gezin/inloggen", wrong), http.StatusTooManyRequests, tc.locked, "180")
				shown(c.PostForm("/gezin/inloggen", right), http.StatusTooManyRequests, tc.locked, "180")

				// The session ends after the idle time: log in again.
				m := members[tc.username]
				m.Header = lang
				ts.Clock.Advance(web.DefaultConfig().IdleTimeout + time.Minute)
				r = m.Get("/gezin")
				if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/gezin/inloggen?opnieuw=1" {
					t.Fatalf("an ended session: %d to %q", r.StatusCode, r.Header.Get("Location"))
				}
				shown(m.Get(r.Header.Get("Location")), http.StatusOK, tc.again, "")
				// Logged out on purpose, or never logged in: no such notice.
				if r := ts.Anonymous().Get("/gezin"); r.Header.Get("Location") != "/gezin/inloggen" {
					t.Errorf("without a session: to %q", r.Header.Get("Location"))
				}
			})
		}
	})
}
