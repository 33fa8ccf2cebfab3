package web_test

import (
	"bytes"
	"html"
	"image/png"
	"net/http"
	"regexp"
	"testing"

	qrcode "github.com/skip2/go-qrcode"

	"schakel/internal/storage/storagetest"
)

var shownURI = regexp.MustCompile(`<code class="wrap">(otpauth://[^<]+)</code>`)

// TestFactorQRCode: the setup page shows the key as a QR code beside the
// key typed by hand; the image is the QR code of exactly the otpauth link
// the page shows (drawn again here with the same library), never cached,
// and only for the logged-in person.
func TestFactorQRCode(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		me := ts.Login(vtCaseWorker)
		page := me.Get("/tweede-factor/app")
		wantContains(t, page, `src="/tweede-factor/app/qr.png"`, `alt="QR-code met de sleutel voor Schakel`, `id="key"`)
		m := shownURI.FindStringSubmatch(page.Body)
		if m == nil {
			t.Fatalf("no otpauth link on the page")
		}
		img := me.Get("/tweede-factor/app/qr.png")
		wantStatus(t, img, http.StatusOK)
		if ct, cc := img.Header.Get("Content-Type"), img.Header.Get("Cache-Control"); ct != "image/png" || cc != "no-store" {
			t.Errorf("Content-Type %q, Cache-Control %q", ct, cc)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader([]byte(img.Body)))
		if err != nil || cfg.Width != 256 || cfg.Height != 256 {
			t.Fatalf("not a 256 px PNG: %v %+v", err, cfg)
		}
		want, err := qrcode.Encode(html.UnescapeString(m[1]), qrcode.Medium, 256)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, []byte(img.Body)) {
			t.Errorf("the QR code is not the link the page shows")
		}
		if other := ts.Login(vtIntake).Get("/tweede-factor/app/qr.png"); other.Body == img.Body {
			t.Errorf("another person got the same key")
		}
		if r := ts.Anonymous().Get("/tweede-factor/app/qr.png"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("anonymous: %d, want the login", r.StatusCode)
		}
		if r := ts.Anonymous().Get("/login/instellen/qr.png"); r.StatusCode == http.StatusOK {
			t.Errorf("a QR code without a waiting login")
		}
	})
}
