package web

// What every handler asks of a request: its actor, a path id, the client's
// address; security headers and the failure of a request.

import (
	"net"
	"net/http"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/textlimit"
)

// securityHeaders sets a strict CSP (no inline script or style needed by
// any page) and the usual hardening headers. With hsts (Schakel is served
// over HTTPS: secure cookies) browsers are told to use nothing but HTTPS for
// two years, on this host and its subdomains.
func securityHeaders(next http.Handler, hsts bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if hsts {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// fail writes err for the API or as a page, depending on the route.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		s.apiError(w, r, err)
	} else {
		s.pageError(w, r, err)
	}
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// clientAddr returns the client's IP address for the audit trail and the
// login limits. Behind a reverse proxy (TrustProxy) it is the last entry of
// X-Forwarded-For: the address the proxy saw. Earlier entries are whatever
// the client sent, so trusting them would let one client pose as many.
func (s *Server) clientAddr(r *http.Request) string {
	if s.cfg.TrustProxy {
		if f := r.Header.Values("X-Forwarded-For"); len(f) > 0 {
			hops := strings.Split(f[len(f)-1], ",")
			// As the proxy passed it on: cleaned, because the audit trail keeps it.
			if last := textlimit.Cut(strings.TrimSpace(hops[len(hops)-1]), textlimit.Line); last != "" {
				return last
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// pathID parses a numeric path value.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &schakel.Error{Code: schakel.EINVALID, Key: "err.address_number", Message: "Ongeldig nummer in het adres.",
			Fields: []schakel.FieldError{{Field: name, Code: "format", Message: "Verwacht een positief geheel getal."}}}
	}
	return id, nil
}

// casePathIDs parses the case id ("id") and a second numeric path value of
// the same address, for routes on an item of a case.
func casePathIDs(r *http.Request, second string) (caseID, itemID int64, err error) {
	if caseID, err = pathID(r, "id"); err != nil {
		return 0, 0, err
	}
	if itemID, err = pathID(r, second); err != nil {
		return 0, 0, err
	}
	return caseID, itemID, nil
}

// actor returns the request's actor; routes behind requireActor always have one.
func actor(r *http.Request) *schakel.Actor { return schakel.ActorFromContext(r.Context()) }
