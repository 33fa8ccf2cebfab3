package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/mailer"
	"schakel/internal/sealed"
	"schakel/internal/storage"
	"schakel/internal/web"
)

func runServe(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("serve", "Run Schakel: the Dutch screens, the JSON API under /api/v1, /healthz and /metrics.\n"+
		"The database schema is brought up to date on start. Stop with Ctrl-C or SIGTERM: requests in flight finish first.")
	o := serveFlags(fs)
	if err := parseFlags(fs, args, out, errOut); err != nil {
		return err
	}
	if err := o.env.err(); err != nil {
		fmt.Fprintf(errOut, "schakel serve: %v\n", err)
		return errUsage
	}
	if *o.dbConns < 1 {
		fmt.Fprintf(errOut, "schakel serve: --db-conns is %d; it must be at least 1\n", *o.dbConns)
		return errUsage
	}
	tuneGC(os.Getenv)
	cfg, mail := o.cfg, o.mail
	cfg.Version = version
	log, err := newLogger(errOut, *o.logLevel, *o.logFormat)
	if err != nil {
		return err
	}
	started := time.Now()
	store, err := storage.Open(ctx, *o.db, chain.Rules{})
	if err != nil {
		return err
	}
	defer store.Close()
	store.AsyncReadAudit = *o.asyncReads
	store.SetPostgresConns(*o.dbConns)
	if err := sealSecrets(ctx, store, log); err != nil {
		return err
	}
	demoNew := false
	if *o.withDemo {
		if demoNew, err = loadServeDemo(ctx, store, log); err != nil {
			return err
		}
	}
	stopSealer := startAuditSealer(store, log)
	defer stopSealer()
	srv, err := web.New(store, log, cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *o.addr)
	if err != nil {
		return err
	}
	url := "http://" + displayAddr(ln.Addr())
	if *o.withDemo {
		printDemo(out, url, demoNew, *o.db)
	}
	log.Info("schakel is running", "url", url, "engine", store.Engine(), "version", version,
		"startup_ms", time.Since(started).Milliseconds())
	fmt.Fprintf(out, "Schakel draait op %s  (stop met Ctrl-C)\n", url)
	go srv.RunTableRelease(ctx, 5*time.Second)
	go srv.RunCaseloadHistory(ctx, *o.caseloadEvery)
	go srv.RunCareReminders(ctx, time.Minute)
	go srv.RunMembershipReviews(ctx, *o.membershipEvery)
	if mail.Addr != "" {
		mail.Password = os.Getenv("SCHAKEL_SMTP_PASSWORD")
		go mailer.Run(ctx, store, mail, log)
		log.Info("sending the outbox by SMTP", "smtp", mail.Addr)
	}
	err = srv.ListenAndServe(ctx, ln)
	log.Info("schakel stopped")
	return err
}

// serveOptions are serve's flags.
type serveOptions struct {
	addr, db, logLevel, logFormat  *string
	withDemo, asyncReads           *bool
	dbConns                        *int
	caseloadEvery, membershipEvery *time.Duration
	cfg                            web.Config
	mail                           mailer.Config
	// env holds the environment defaults that were not valid values.
	env *envReader
}

// serveFlags defines serve's flags on fs; each has an environment default.
func serveFlags(fs *flag.FlagSet) *serveOptions {
	o := &serveOptions{env: &envReader{}}
	e := o.env
	o.addr = fs.String("addr", env("addr", "127.0.0.1:8080"), "address to listen on (env SCHAKEL_ADDR)")
	o.db = dbFlag(fs)
	o.withDemo = fs.Bool("demo", e.bool("demo"), "load the demo region into an empty database and print its accounts (env SCHAKEL_DEMO)")
	o.asyncReads = fs.Bool("audit-reads-async", e.bool("audit-reads-async"), "PostgreSQL: commit audited reads without waiting for the WAL flush;\n"+
		"a database crash can then lose the audit entries of the last ~0.6 s of reads (env SCHAKEL_AUDIT_READS_ASYNC)")
	o.dbConns = fs.Int("db-conns", e.int("db-conns", storage.DefaultPostgresConns()), "PostgreSQL: the most connections this process opens (default: three per core, 6 to 20); several serve processes share the server's\n"+
		"max_connections, and on a server with few cores fewer connections answer sooner (env SCHAKEL_DB_CONNS)")
	o.logLevel = fs.String("log-level", env("log-level", "info"), "debug, info, warn or error (env SCHAKEL_LOG_LEVEL)")
	o.logFormat = fs.String("log-format", env("log-format", "text"), "text or json (env SCHAKEL_LOG_FORMAT)")
	o.cfg = web.DefaultConfig()
	fs.DurationVar(&o.cfg.IdleTimeout, "idle-timeout", e.duration("idle-timeout", o.cfg.IdleTimeout), "end a browser session after this long without activity (env SCHAKEL_IDLE_TIMEOUT)")
	fs.DurationVar(&o.cfg.SessionMaxAge, "session-max-age", e.duration("session-max-age", o.cfg.SessionMaxAge), "end a browser session after this long in any case")
	fs.IntVar(&o.cfg.MaxFailures, "max-login-failures", e.int("max-login-failures", o.cfg.MaxFailures), "wrong passwords in a row for one e-mail address from one client address; then one more every lockout/max-login-failures (one client address may have six times as many, then one more every 20s)")
	fs.DurationVar(&o.cfg.LockFor, "lockout", e.duration("lockout", o.cfg.LockFor), "after this long without failures an e-mail address may have max-login-failures wrong passwords in a row again")
	fs.IntVar(&o.cfg.LoginChecks, "login-checks", e.int("login-checks", o.cfg.LoginChecks), "password checks running at once (each holds 19 MiB while it runs); more logins wait their turn")
	fs.BoolVar(&o.cfg.SecureCookies, "secure-cookies", e.bool("secure-cookies"), "mark cookies Secure (set when served over HTTPS)")
	fs.BoolVar(&o.cfg.TrustProxy, "trust-proxy", e.bool("trust-proxy"), "take the client address from X-Forwarded-For (only behind a reverse proxy)")
	fs.DurationVar(&o.cfg.CrisisWithin, "crisis-within", e.duration("crisis-within", o.cfg.CrisisWithin), "a red report gets a joint crisis consultation within this time")
	fs.DurationVar(&o.cfg.TableHold, "table-hold", e.duration("table-hold", o.cfg.TableHold), "hold a red report's crisis table invitations this long so the intake worker can shape the table (0: send at once; never past halfway to the table)")
	o.membershipEvery = fs.Duration("membership-every", e.duration("membership-every", time.Hour), "open the membership rounds that are due (administrators confirm who still works there) and suspend the accounts not confirmed by a round's deadline this often; every serve process may, each round opens and closes once")
	o.caseloadEvery = fs.Duration("caseload-every", e.duration("caseload-every", time.Hour), "record every worker's and team's caseload of this ISO week this often (the team board's trend); every serve process may, each run rewrites the same rows")
	fs.StringVar(&o.cfg.PublicURL, "public-url", env("public-url", ""), "the address people reach Schakel at (https://…), for identity providers' redirect addresses; empty: taken from each request")
	fs.DurationVar(&o.cfg.OIDCTimeout, "oidc-timeout", e.duration("oidc-timeout", o.cfg.OIDCTimeout), "every request to an organisation's identity provider ends after this long")
	fs.StringVar(&o.cfg.OIDCSecrets.Dir, "oidc-secrets-dir", env("oidc-secrets-dir", os.Getenv("CREDENTIALS_DIRECTORY")), "directory of identity providers' client secrets named file:<name> (default $CREDENTIALS_DIRECTORY); others come from SCHAKEL_OIDC_SECRET_* variables")
	// A secret: from the environment only, never a flag (flags show in ps).
	o.cfg.MetricsToken = os.Getenv("SCHAKEL_METRICS_TOKEN")
	fs.StringVar(&o.mail.Addr, "smtp-addr", env("smtp-addr", ""), "SMTP server host:port for the outbox (invitations); empty keeps mail in the outbox (env SCHAKEL_SMTP_ADDR)")
	fs.StringVar(&o.mail.From, "smtp-from", env("smtp-from", storage.FromAddress), "sender address of Schakel's e-mail")
	fs.StringVar(&o.mail.Username, "smtp-username", env("smtp-username", ""), "SMTP user name; the password is read from SCHAKEL_SMTP_PASSWORD")
	fs.DurationVar(&o.mail.Interval, "smtp-interval", e.duration("smtp-interval", 10*time.Second), "how often the outbox is sent; several serve processes on one database may each send it, every message once")
	return o
}

// sealSecrets sets the key that seals authenticator-app keys at rest (from
// the environment or a file, never a flag) and seals those written before.
func sealSecrets(ctx context.Context, store *storage.DB, log *slog.Logger) error {
	var err error
	if store.Secrets, err = sealed.FromEnv(os.Getenv); err != nil {
		return err
	}
	if store.Secrets == nil {
		log.Warn("authenticator-app keys are stored unsealed: set " + sealed.Env + " or " + sealed.EnvFile)
	} else if n, err := store.SealTOTPSecrets(ctx); err != nil {
		return fmt.Errorf("seal authenticator-app keys: %w", err)
	} else if n > 0 {
		log.Info("sealed authenticator-app keys written before encryption", "count", n)
	}
	return nil
}

// loadServeDemo loads the demo region and its families into an empty
// database; loaded is false when the database held data already.
func loadServeDemo(ctx context.Context, store *storage.DB, log *slog.Logger) (loaded bool, err error) {
	loaded, err = demo.Load(ctx, store, time.Now())
	if err != nil {
		return false, fmt.Errorf("load demo: %w", err)
	}
	if loaded {
		if err := demo.LoadCases(ctx, store, time.Now()); err != nil {
			return false, fmt.Errorf("load demo families: %w", err)
		}
		log.Info("demo region loaded", "region", demo.RegionName)
	}
	return loaded, nil
}

// startAuditSealer chains the audit entries that requests write, every
// quarter second, until the returned function is called; that function
// seals what is left and returns once the sealer has stopped, before the
// store closes. Several serve processes on one database each run one: one
// seals at a time.
func startAuditSealer(store *storage.DB, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		store.NewAuditSealer().Run(ctx, time.Second/4, log)
	}()
	return func() {
		cancel()
		<-done
	}
}

func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// printDemo prints the demo accounts. fresh says whether the families
// were just loaded; on a restart they are what the last run left, and the
// text says so rather than promise them new.
func printDemo(w io.Writer, url string, fresh bool, db string) {
	fmt.Fprintf(w, "\nDemoregio %q. Alle namen zijn verzonnen.\nWachtwoord van elk demo-account: %s\n\n", demo.RegionName, demo.Password)
	org := ""
	for _, a := range demo.Accounts() {
		if a.Organisation != org {
			org = a.Organisation
			fmt.Fprintf(w, "  %s\n", org)
		}
		roles := ""
		for i, r := range a.Roles {
			if i > 0 {
				roles += ", "
			}
			roles += string(r)
		}
		fmt.Fprintf(w, "    %-36s %-22s %s\n", a.Email, a.Name, roles)
	}
	if fresh {
		fmt.Fprintf(w, "\nDrie verzonnen gezinnen staan klaar: Bakker (rood, crisisoverleg gepland), De Vries (rood, plan vastgesteld)\nen Smit (groen, kleur bevestigen).\n")
	} else {
		again := "Begin opnieuw met een leeg databasebestand: verwijder " + db + "."
		if strings.HasPrefix(db, "postgres") {
			again = "Begin opnieuw met een lege database."
		}
		fmt.Fprintf(w, "\nDe demoregio was al geladen: de gezinnen staan er zoals u ze de vorige keer achterliet.\n%s\n", again)
	}
	fmt.Fprintf(w, "\nOpen %s en log in, bijvoorbeeld als %s.\n\n", url, demo.Email("Sanne", "vt"))
}

var _ = errors.New
