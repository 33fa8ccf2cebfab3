package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// TestStepUpAtProvider: someone who logs in through the organisation's
// provider counts as proven from that login for 5 minutes; then Schakel
// sends them to the provider again with max_age=0 and prompt=login, and
// a fresh login there by the same person (and only by them) steps up the
// session.
func TestStepUpAtProvider(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		f := startSSO(t, e, func(*web.Config) {})
		ts := f.ts
		ts.Clock.Freeze()
		f.op.SetClock(ts.Clock.Now)
		f.op.SetIDTokenLifetime(time.Hour) // the test clock runs ahead of the provider's tokens
		caseID := itoa(ts.fileReport(t, vtIntake, true).CaseID)
		c, res := f.login(t, ssoWorker)
		wantStatus(t, res, http.StatusSeeOther)
		emergency := func() response {
			c.Header.Set("Schakel-Emergency-Reason", "Politie belt: het kind is alleen thuis, ouders onbereikbaar.")
			defer func() { c.Header = http.Header{} }()
			return c.Get("/api/v1/cases/" + caseID)
		}
		wantStatus(t, emergency(), http.StatusOK)
		wantLoginRecorded(t, ts, "fleur@"+jbDomain, "login oidc")

		ts.Clock.Advance(stepUpWindowPassed)
		wantStepUp(t, emergency())
		back := "/casussen/" + caseID
		wantContains(t, c.Get("/bevestigen?terug="+url.QueryEscape(back)), "Opnieuw inloggen bij mijn organisatie", `action="/bevestigen/inlogdienst?terug=`)
		again := func() *url.URL {
			out := outLink(t, c.PostForm("/bevestigen/inlogdienst?terug="+url.QueryEscape(back), nil))
			if q := out.Query(); q.Get("max_age") != "0" || q.Get("prompt") != "login" {
				t.Fatalf("the provider is not asked for a fresh login: %v", out)
			}
			return out
		}

		t.Run("someone else at the provider", func(t *testing.T) {
			r := c.Get(f.authorize(t, again(), ssoUnknown))
			wantStatus(t, r, http.StatusForbidden)
			wantContains(t, r, "Bevestigen is niet gelukt")
			wantStepUp(t, emergency())
		})
		t.Run("the same person, fresh", func(t *testing.T) {
			r := c.Get(f.authorize(t, again(), ssoWorker))
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); loc != back {
				t.Fatalf("after the provider: to %q, want %q", loc, back)
			}
			wantStatus(t, emergency(), http.StatusOK)
		})
		t.Run("a login the provider did not renew", func(t *testing.T) {
			ts.Clock.Advance(stepUpWindowPassed)
			out := again()
			f.op.SetClock(func() time.Time { return ts.Clock.Now().Add(-time.Hour) })
			defer f.op.SetClock(ts.Clock.Now)
			wantStatus(t, c.Get(f.authorize(t, out, ssoWorker)), http.StatusForbidden)
			wantStepUp(t, emergency())
		})
	})
}
