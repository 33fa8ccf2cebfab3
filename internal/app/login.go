package app

// Logging in: limit, check, settle, open a session. The rules that slow an
// attacker are internal/loginguard's; their state is in the database, so
// every server shares it. What a login answers is the same for an unknown
// address, a wrong password and a disabled account, in words and (as near
// as a password check makes it) in time, so that it never tells which
// accounts exist or whether a password was right.

import (
	"context"
	"runtime"
	"sync"
	"time"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/loginguard"
	"schakel/internal/storage"
)

// LoginConfig holds the login settings.
type LoginConfig struct {
	Policy         loginguard.Policy
	SessionMaxAge  time.Duration
	PasswordParams auth.Params // of the stand-in hash checked for unknown addresses
	// MaxChecks bounds the password checks running at once: each argon2id
	// check holds its memory (19 MiB by default) while it runs, so a flood
	// of attempts waits here instead of filling the server's memory.
	MaxChecks int
	// QueueWait is how long an attempt waits for a free check before the
	// server answers that it is busy.
	QueueWait time.Duration
}

// DefaultLoginConfig returns the production settings: five wrong passwords
// in a row for one e-mail address from one client address, all back after
// 15 minutes; as many password checks at once as there are processors.
func DefaultLoginConfig() LoginConfig {
	return LoginConfig{Policy: loginguard.NewPolicy(5, 15*time.Minute), SessionMaxAge: 12 * time.Hour,
		PasswordParams: auth.DefaultParams, MaxChecks: max(2, runtime.GOMAXPROCS(0)), QueueWait: 10 * time.Second}
}

// WithLogin sets the login settings.
func WithLogin(c LoginConfig) Option { return func(a *App) { a.login = newLogins(c) } }

// logins is the login use case's state: its settings and the slots of the
// password checks. It belongs to one App, never to the package.
type logins struct {
	cfg    LoginConfig
	checks chan struct{}
	// standIn is checked instead of a hash for unknown addresses, to spend
	// the same time; made on first use.
	standIn func() (string, error)
}

func newLogins(c LoginConfig) *logins {
	c.MaxChecks = max(c.MaxChecks, 1)
	return &logins{cfg: c, checks: make(chan struct{}, c.MaxChecks), standIn: sync.OnceValues(func() (string, error) {
		return auth.HashPassword("not-a-real-account", c.PasswordParams)
	})}
}

// Attempt is one login attempt as typed, with where it came from.
type Attempt struct {
	Email       string
	Password    string
	ClientAddr  string
	Workstation string
}

// ErrBadLogin is the one answer for an unknown address, a wrong password
// and a disabled account.
var ErrBadLogin = schakel.Errorf(schakel.EUNAUTHENTICATED, "Het e-mailadres of wachtwoord klopt niet.")

// ErrSuspended answers the right password of an account that a membership
// round suspended (nobody re-confirmed that its owner still works there).
var ErrSuspended = schakel.Errorf(schakel.EUNAUTHENTICATED,
	"Uw account is gepauzeerd, omdat uw beheerder niet op tijd heeft bevestigd dat u nog bij uw organisatie werkt. Vraag uw beheerder om uw account weer aan te zetten.")

// LoginResult is what a right password opens: a session, or a login that
// waits for its second factor. Either secret goes to the browser and is
// never stored.
type LoginResult struct {
	Session   string // the session secret, when the login is complete
	Challenge string // the secret of a login that waits for a second factor
	Enrol     bool   // the challenge waits for enrolment: the organisation requires a factor
}

// Login checks an attempt and opens a session, or, for an account with a
// second factor (or of an organisation that requires one), a challenge.
func (app *App) Login(ctx context.Context, a Attempt) (LoginResult, error) {
	if a.Email == "" || a.Password == "" {
		return LoginResult{}, ErrBadLogin // nothing to check: says nothing about any account
	}
	keys := loginguard.KeysFor(storage.NormalizeEmail(a.Email), a.ClientAddr)
	if err := app.reserveLogin(ctx, keys, loginLimited); err != nil {
		return LoginResult{}, err
	}
	cred, ok, err := app.checkPassword(ctx, a)
	if err != nil {
		if cerr := app.cancelLogin(keys); cerr != nil {
			return LoginResult{}, cerr
		}
		return LoginResult{}, err
	}
	if !ok {
		return LoginResult{}, app.refuseLogin(ctx, a, cred)
	}
	return app.openSession(ctx, a, keys, cred.ProfessionalID)
}

// check runs the password check within the bound on concurrent checks. It
// reports whether the password is right and the account may log in; an
// unknown address is checked against the stand-in hash and never is.
func (app *App) checkPassword(ctx context.Context, a Attempt) (storage.Credentials, bool, error) {
	l := app.login
	cred, err := app.db.Credentials(ctx, a.Email)
	known := err == nil
	if err != nil && schakel.ErrorCode(err) != schakel.ENOTFOUND {
		return cred, false, err
	}
	hash, err := l.standIn()
	if err != nil {
		return cred, false, err
	}
	if known {
		hash = cred.PasswordHash
	}
	wait, cancel := context.WithTimeout(ctx, l.cfg.QueueWait)
	defer cancel()
	select {
	case l.checks <- struct{}{}:
	case <-wait.Done():
		return cred, false, &schakel.Error{Code: schakel.EUNAVAILABLE, RetryAfter: 5 * time.Second,
			Message: "Het is nu erg druk. Probeer het over een paar seconden opnieuw."}
	}
	right := auth.CheckPassword(a.Password, hash) == nil
	<-l.checks
	// That an account is suspended is said only to whoever knows its
	// password: to anyone else it answers as any refused login.
	cred.Suspended = cred.Suspended && known && right && !cred.Active
	return cred, known && right && cred.Active, nil
}
