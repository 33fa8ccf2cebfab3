package web

// The QR code of a new authenticator-app key, drawn on the server as a PNG
// (github.com/skip2/go-qrcode), so that the setup page works without
// JavaScript; the key stays beside it to type in by hand.

import (
	"net/http"

	qrcode "github.com/skip2/go-qrcode"

	"schakel"
)

// qrSize is the image's width and height in pixels.
const qrSize = 256

// pageFactorQR is the QR code of the key /tweede-factor/app shows.
func (s *Server) pageFactorQR(w http.ResponseWriter, r *http.Request) {
	s.writeKeyQR(w, r, actor(r))
}

// pageLoginEnrolQR is the QR code of the key /login/instellen shows, for a
// login that waits for its app.
func (s *Server) pageLoginEnrolQR(w http.ResponseWriter, r *http.Request) {
	_, wl, ok := s.waitingLogin(w, r)
	if !ok {
		return
	}
	s.writeKeyQR(w, r, wl.Actor)
}

// writeKeyQR draws the key StartApp gives (the one the page beside it
// shows: the same for 30 minutes) as an otpauth:// QR code.
func (s *Server) writeKeyQR(w http.ResponseWriter, r *http.Request, a *schakel.Actor) {
	key, err := s.app.StartApp(r.Context(), a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	png, err := qrcode.Encode(key.URI, qrcode.Medium, qrSize)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	// A key is a secret: never kept by a browser or a proxy.
	w.Header().Set("Cache-Control", "no-store")
	if _, err := w.Write(png); err != nil {
		s.logFailure(r, "write the QR code", err)
	}
}
