// Package web is Schakel's HTTP surface: the Dutch server-rendered screens,
// the JSON API under /api/v1, health and metrics. Routing lives in
// routes.go, error-to-status mapping in errors.go; the rules themselves live
// in the capability packages and SQL in storage.
package web

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/storage"
)

// Config holds the server's settings; cmd/schakel fills it from flags and
// SCHAKEL_* environment variables.
type Config struct {
	IdleTimeout    time.Duration // a browser session ends after this long without activity
	SessionMaxAge  time.Duration // and at the latest after this long
	MaxFailures    int           // failed logins before a lockout
	LockFor        time.Duration // how long a lockout lasts
	SecureCookies  bool          // set when served over HTTPS
	MaxBodyBytes   int64
	TrustProxy     bool // take the client address from X-Forwarded-For
	PasswordParams auth.Params
	CrisisWithin   time.Duration // red → joint consultation within this time
	Version        string
	// MetricsToken, when set, is the bearer token /metrics asks for; when
	// empty, /metrics answers only requests made on this machine directly
	// (not through a proxy).
	MetricsToken string
}

// DefaultConfig returns production defaults.
func DefaultConfig() Config {
	return Config{
		IdleTimeout:    30 * time.Minute,
		SessionMaxAge:  12 * time.Hour,
		MaxFailures:    5,
		LockFor:        15 * time.Minute,
		MaxBodyBytes:   1 << 20,
		PasswordParams: auth.DefaultParams,
		CrisisWithin:   4 * time.Hour,
		Version:        "dev",
	}
}

// Server serves Schakel over HTTP.
type Server struct {
	db      *storage.DB
	log     *slog.Logger
	cfg     Config
	pages   *pages
	metrics *metrics
	handler http.Handler
	// patterns are the routes' patterns, for the outsider walk.
	patterns []string
}

// New builds the server and its routes.
func New(db *storage.DB, log *slog.Logger, cfg Config) (*Server, error) {
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{db: db, log: log, cfg: cfg, pages: p, metrics: newMetrics()}
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "schakel_http_requests_total", Help: "HTTP requests by route and status.",
	}, []string{"route", "code"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "schakel_http_request_duration_seconds", Help: "HTTP request duration by route.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"route"})
	m.reg.MustRegister(m.requests, m.duration, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (a long export
// lifts its write deadline).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// observe logs and counts every request. Logs carry the route pattern,
// never the query string or body, so no personal data reaches them.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p) // a deliberately cut response (an export that broke off)
				}
				s.log.Error("panic", "route", r.Pattern, "panic", fmt.Sprint(p))
				if rec.status == 0 {
					s.fail(rec, r, errors.New("panic"))
				}
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			if rec.status == 0 {
				rec.status = http.StatusOK // the handler wrote nothing: net/http sends 200
			}
			d := time.Since(start)
			s.metrics.requests.WithLabelValues(route, strconv.Itoa(rec.status)).Inc()
			s.metrics.duration.WithLabelValues(route).Observe(d.Seconds())
			s.log.Debug("request", "method", r.Method, "route", route, "status", rec.status, "ms", d.Milliseconds())
		}()
		next.ServeHTTP(rec, r)
	})
}

// securityHeaders sets a strict CSP (no inline script or style needed by
// any page) and the usual hardening headers.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
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

// clientAddr returns the client's IP address for the audit trail.
func (s *Server) clientAddr(r *http.Request) string {
	if s.cfg.TrustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			return strings.TrimSpace(strings.Split(f, ",")[0])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// decodeJSON reads a JSON request body into v with clear errors for a wrong
// content type, an oversized body, malformed JSON and unknown fields.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/json" {
		return schakel.Errorf(schakel.EUNSUPPORTED, "Stuur de gegevens als application/json.")
	}
	if r.ContentLength > s.cfg.MaxBodyBytes {
		// Known too large up front: say so without reading it (the
		// decoder would otherwise stop at the first bad byte and call an
		// oversized body malformed).
		return schakel.Errorf(schakel.ETOOLARGE, "Het verzoek is groter dan %d bytes.", s.cfg.MaxBodyBytes)
	}
	body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &tooBig):
			return schakel.Errorf(schakel.ETOOLARGE, "Het verzoek is groter dan %d bytes.", s.cfg.MaxBodyBytes)
		case errors.As(err, &syntax):
			return schakel.Errorf(schakel.EMALFORMED, "Ongeldige JSON op positie %d.", syntax.Offset)
		case errors.As(err, &typ):
			return &schakel.Error{Code: schakel.EINVALID, Message: "Een veld heeft het verkeerde type.",
				Fields: []schakel.FieldError{{Field: typ.Field, Code: "type", Message: fmt.Sprintf("Verwacht: %s.", typ.Type)}}}
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return &schakel.Error{Code: schakel.EINVALID, Message: "Onbekend veld in het verzoek.",
				Fields: []schakel.FieldError{{Field: name, Code: "unknown_field", Message: "Dit veld bestaat niet."}}}
		case errors.Is(err, io.EOF):
			return schakel.Errorf(schakel.EMALFORMED, "Het verzoek is leeg.")
		default:
			return schakel.Errorf(schakel.EMALFORMED, "Het verzoek is geen geldige JSON.")
		}
	}
	if dec.More() {
		return schakel.Errorf(schakel.EMALFORMED, "Na het JSON-object volgt nog meer tekst.")
	}
	return nil
}

func writeJSON(w http.ResponseWriter, st int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(st)
	enc := json.NewEncoder(w)
	_ = enc.Encode(v)
}

// pathID parses a numeric path value.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &schakel.Error{Code: schakel.EINVALID, Message: "Ongeldig nummer in het adres.",
			Fields: []schakel.FieldError{{Field: name, Code: "format", Message: "Verwacht een positief geheel getal."}}}
	}
	return id, nil
}

// actor returns the request's actor; routes behind requireActor always have one.
func actor(r *http.Request) *schakel.Actor { return schakel.ActorFromContext(r.Context()) }

// Shutdown helpers for cmd: serve until ctx ends, then drain requests.
func (s *Server) ListenAndServe(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Finish requests in flight, then stop.
	sctx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// metricsGuard keeps /metrics (route names, counts and timings; no personal
// data, but a map of the system) from the public listener: with a metrics
// token it asks for that token, without one it answers only requests from
// this machine that did not come through a proxy.
func (s *Server) metricsGuard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tok := s.cfg.MetricsToken; tok != "" {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(tok)) != 1 {
				s.apiError(w, r, schakel.Errorf(schakel.EUNAUTHENTICATED, "De metrics vragen om het metrics-token (SCHAKEL_METRICS_TOKEN)."))
				return
			}
		} else if !directFromThisMachine(r) {
			s.apiError(w, r, schakel.Errorf(schakel.EFORBIDDEN, "De metrics zijn alleen vanaf deze machine te lezen, of met een metrics-token (SCHAKEL_METRICS_TOKEN)."))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// directFromThisMachine reports a request from a loopback address that
// carries no proxy header.
func directFromThisMachine(r *http.Request) bool {
	if r.Header.Get("X-Forwarded-For") != "" || r.Header.Get("Forwarded") != "" {
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
