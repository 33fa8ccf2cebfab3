package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"schakel/internal/storage/storagetest"
)

// TestFamilyLoginNeedsApp: after the activation code and the app, a family
// login opens nothing until a code of the app (or a recovery code, once)
// is typed; a wrong code is answered beside the field.
func TestFamilyLoginNeedsApp(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		fam := ts.fileFamily(t, "Tweestap")
		c := fam.activateOnly(t, ts, ts.Login(vtIntake), fam.mother, "eva.tweestap")
		wantStatus(t, c.Get("/gezin"), http.StatusSeeOther) // not before the app
		key, codes := enrolApp(t, c, "/gezin/tweede-stap")
		wantStatus(t, c.Get("/gezin"), http.StatusOK)
		// The app's key was stored sealed: nothing is left for serve's
		// start-up sealing to do.
		if n, err := ts.DB.SealTOTPSecrets(context.Background()); err != nil || n != 0 {
			t.Fatalf("family app key not sealed at rest: %d left, %v", n, err)
		}
		wantStatus(t, c.PostForm("/gezin/uitloggen", url.Values{}), http.StatusSeeOther)

		login := func(t *testing.T) *client {
			t.Helper()
			b := ts.Anonymous()
			r := b.PostForm("/gezin/inloggen", url.Values{"username": {"eva.tweestap"}, "password": {"blauwe fiets op de dijk"}})
			if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/gezin/tweede-stap" {
				t.Fatalf("password step: %d %s", r.StatusCode, r.Header.Get("Location"))
			}
			if got := b.Get("/gezin"); got.StatusCode != http.StatusSeeOther || got.Header.Get("Location") != "/gezin/inloggen" {
				t.Fatalf("the password alone opened the family view: %d", got.StatusCode)
			}
			wantContains(t, b.Get("/gezin/tweede-stap"), "<h1>Code uit de app</h1>")
			return b
		}
		t.Run("wrong code", func(t *testing.T) {
			r := login(t).PostForm("/gezin/tweede-stap", url.Values{"code": {"000000"}})
			wantStatus(t, r, http.StatusUnauthorized)
			wantContains(t, r, `id="code-error"`, `aria-invalid="true"`)
		})
		t.Run("app code", func(t *testing.T) {
			ts.Clock.Advance(time.Minute) // the set-up used the code of its own step
			b := login(t)
			r := b.PostForm("/gezin/tweede-stap", url.Values{"code": {appCode(t, key, ts.Clock.Now())}})
			if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/gezin" {
				t.Fatalf("app code: %d %s", r.StatusCode, r.Header.Get("Location"))
			}
			wantStatus(t, b.Get("/gezin"), http.StatusOK)
		})
		t.Run("recovery code once", func(t *testing.T) {
			b := login(t)
			wantStatus(t, b.PostForm("/gezin/tweede-stap", url.Values{"code": {codes[3]}}), http.StatusSeeOther)
			wantStatus(t, login(t).PostForm("/gezin/tweede-stap", url.Values{"code": {codes[3]}}), http.StatusUnauthorized)
		})
		t.Run("no waiting login", func(t *testing.T) {
			wantContains(t, ts.Anonymous().Get("/gezin/tweede-stap"), "Het inloggen duurde te lang.")
		})
	})
}
