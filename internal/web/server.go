// Package web is Schakel's HTTP surface: the Dutch server-rendered screens,
// the JSON API under /api/v1, health and metrics. Routing lives in
// routes.go, error-to-status mapping in errors.go; the rules themselves live
// in the capability packages and SQL in storage.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"time"

	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/intake"
	"schakel/internal/loginguard"
	"schakel/internal/oidclogin"
	"schakel/internal/storage"
)

// Config holds the server's settings; cmd/schakel fills it from flags and
// SCHAKEL_* environment variables.
type Config struct {
	IdleTimeout    time.Duration // a browser session ends after this long without activity
	SessionMaxAge  time.Duration // and at the latest after this long
	MaxFailures    int           // failed logins in a row for one e-mail address from one client address
	LockFor        time.Duration // after which all of them are allowed again (one more every LockFor/MaxFailures)
	LoginChecks    int           // password checks (argon2id) running at once
	LoginQueueWait time.Duration // how long a login waits for a free check before "busy"
	SecureCookies  bool          // set when served over HTTPS
	MaxBodyBytes   int64
	TrustProxy     bool // take the client address from X-Forwarded-For
	PasswordParams auth.Params
	CrisisWithin   time.Duration // red → joint consultation within this time
	// TableHold is how long a red report's crisis table invitations are
	// held so that the intake worker can still shape the table (0: at once).
	TableHold time.Duration
	Version   string
	// MetricsToken, when set, is the bearer token /metrics asks for; when
	// empty, /metrics answers only requests made on this machine directly
	// (not through a proxy).
	MetricsToken string
	// PublicURL is the address people reach Schakel at (https://…), for
	// the addresses identity providers send them back to; when empty, it
	// follows from each request.
	PublicURL string
	// OIDCTimeout bounds every request to an organisation's identity
	// provider; OIDCSecrets reads their client secrets.
	OIDCTimeout time.Duration
	OIDCSecrets oidclogin.Secrets
}

// DefaultConfig returns production defaults.
func DefaultConfig() Config {
	return Config{
		IdleTimeout:    30 * time.Minute,
		SessionMaxAge:  12 * time.Hour,
		MaxFailures:    5,
		LockFor:        15 * time.Minute,
		LoginChecks:    max(2, runtime.GOMAXPROCS(0)),
		LoginQueueWait: 10 * time.Second,
		MaxBodyBytes:   1 << 20,
		PasswordParams: auth.DefaultParams,
		CrisisWithin:   4 * time.Hour,
		TableHold:      10 * time.Minute,
		Version:        "dev",
		OIDCTimeout:    10 * time.Second,
	}
}

// Server serves Schakel over HTTP.
type Server struct {
	// app holds the use cases: handlers call them and never storage, so
	// the server keeps no handle on the database of its own.
	app     *app.App
	log     *slog.Logger
	cfg     Config
	pages   *pages
	metrics *metrics
	handler http.Handler

	// Caches of this server (two servers in one process share nothing).
	reportResults *resultCache
	// oidc talks to the organisations' identity providers and keeps their
	// discovery documents and keys.
	oidc *oidclogin.Client
	// patterns are the routes' patterns, for the outsider walk.
	patterns []string
}

// New builds the server and its routes.
func New(db *storage.DB, log *slog.Logger, cfg Config) (*Server, error) {
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	uc := app.New(db, app.WithIntakePolicy(intake.Policy{CrisisWithin: cfg.CrisisWithin}), app.WithTableHold(cfg.TableHold),
		app.WithLogin(app.LoginConfig{Policy: loginguard.NewPolicy(cfg.MaxFailures, cfg.LockFor), SessionMaxAge: cfg.SessionMaxAge,
			PasswordParams: cfg.PasswordParams, MaxChecks: cfg.LoginChecks, QueueWait: cfg.LoginQueueWait}))
	s := &Server{app: uc, log: log, cfg: cfg, pages: p, metrics: newMetrics(),
		reportResults: newResultCache(),
		oidc:          oidclogin.NewClient(cfg.OIDCTimeout, func() time.Time { return db.Now() })}
	s.metrics.watchPool(db.WriteStats)
	s.metrics.watchAuditedReads(db.AuditedReadStats)
	s.metrics.watchGroups(db.GroupCommitStats)
	s.metrics.watchCheckpoints(db.CheckpointStats)
	s.handler = s.routes()
	return s, nil
}

// RunTableRelease sends the invitations of proposed crisis tables whose
// hold has ended, every interval until ctx ends. Every serve process on a
// database runs it; each table's invitations go out once
// (app.ReleaseDueTables).
func (s *Server) RunTableRelease(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.app.ReleaseDueTables(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("send held crisis table invitations", "err", err)
		} else if n > 0 {
			s.log.Info("held crisis table invitations sent", "tables", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunCaseloadHistory records this week's caseload of every worker and
// team every interval until ctx ends (app.RecordCaseloadWeek: the same
// rows from any number of serve processes).
func (s *Server) RunCaseloadHistory(ctx context.Context, every time.Duration) {
	s.app.RunCaseloadHistory(ctx, every, func(err error) { s.log.Warn("record the caseload of this week", "err", err) })
}

// RunCareReminders e-mails the providers that have not answered a care
// request by three quarters of its time, every interval until ctx ends.
// Every serve process runs it; each provider is reminded once per request
// (app.RemindCareProviders).
func (s *Server) RunCareReminders(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.app.RemindCareProviders(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("remind care providers", "err", err)
		} else if n > 0 {
			s.log.Info("care providers reminded", "providers", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunMembershipReviews opens the membership rounds that are due and
// closes those past their deadline, every interval until ctx ends. Every
// serve process runs it; each round opens and closes once
// (app.ReviewMembership).
func (s *Server) RunMembershipReviews(ctx context.Context, every time.Duration) {
	s.app.RunMembershipReviews(ctx, every, func(run app.MembershipRun, err error) {
		switch {
		case err != nil:
			s.log.Warn("review membership", "err", err)
		case run != app.MembershipRun{}:
			s.log.Info("membership reviewed", "rounds_opened", run.Opened, "rounds_closed", run.Closed, "accounts_suspended", run.Suspended)
		}
	})
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

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
