package web

// Prometheus metrics: what every request is counted in, and who may read them.

import (
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"schakel"
)

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

// watchPool exports the writing pool's use: connections in use, its size,
// and how often a request had to wait for a connection.
func (m *metrics) watchPool(stats func() sql.DBStats) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "schakel_db_write_connections_in_use", Help: "Connections of the writing pool in use."},
			func() float64 { return float64(stats().InUse) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "schakel_db_write_connections_max", Help: "Size of the writing pool."},
			func() float64 { return float64(stats().MaxOpenConnections) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "schakel_db_write_waits_total", Help: "Times a request waited for a connection of the writing pool."},
			func() float64 { return float64(stats().WaitCount) }),
	)
}

// watchAuditedReads exports the pool of PostgreSQL's audited reads
// without a transaction (all 0 on SQLite) and how many of them ran again
// as a transaction, each leaving a second audit entry.
func (m *metrics) watchAuditedReads(stats func() (sql.DBStats, int64)) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "schakel_db_audited_read_connections_in_use", Help: "Connections of the audited reads' pool in use."},
			func() float64 { s, _ := stats(); return float64(s.InUse) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "schakel_db_audited_read_waits_total", Help: "Times a read waited for its turn at the audited reads' connections."},
			func() float64 { s, _ := stats(); return float64(s.WaitCount) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "schakel_db_audited_read_reruns_total", Help: "Audited reads that did more than one read and ran again as a transaction."},
			func() float64 { _, n := stats(); return float64(n) }),
	)
}

// watchGroups exports what SQLite's group committer did (both stay 0 on
// PostgreSQL): commands per commit is their ratio.
func (m *metrics) watchGroups(stats func() (groups, commands int64)) {
	m.reg.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "schakel_db_group_commits_total", Help: "Commits of SQLite's group committer (one disk flush each)."},
			func() float64 { g, _ := stats(); return float64(g) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "schakel_db_group_commands_total", Help: "Writing transactions committed by SQLite's group committer."},
			func() float64 { _, c := stats(); return float64(c) }),
	)
}

// watchCheckpoints exports SQLite's checkpoints (both stay 0 on
// PostgreSQL). Failures that keep growing mean the write-ahead log is not
// being copied back: the writer then checkpoints itself past 4,000 pages.
func (m *metrics) watchCheckpoints(stats func() (runs, failures int64)) {
	m.reg.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "schakel_db_checkpoints_total", Help: "Checkpoints of SQLite's write-ahead log run by the checkpointer."},
			func() float64 { r, _ := stats(); return float64(r) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "schakel_db_checkpoint_failures_total", Help: "Checkpoints of SQLite's write-ahead log that failed (tried again at the next commit)."},
			func() float64 { _, f := stats(); return float64(f) }),
	)
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
