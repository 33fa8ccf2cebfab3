// Package login is the login use case: limit, check, settle, open a
// session. The rules that slow an attacker are internal/loginguard's; their
// state is in the database, so every server shares it. What it answers is
// the same for an unknown address, a wrong password and a disabled account,
// in words and (as near as a password check makes it) in time, so that a
// login never tells which accounts exist or whether a password was right.
package login

import (
	"context"
	"time"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/loginguard"
	"schakel/internal/storage"
)

// Config holds the login settings.
type Config struct {
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

// Service logs professionals in. Make one with New; it is safe for
// concurrent use.
type Service struct {
	db      *storage.DB
	cfg     Config
	checks  chan struct{}
	standIn string // checked instead of a hash for unknown addresses, to spend the same time
}

// New returns a login service.
func New(db *storage.DB, cfg Config) (*Service, error) {
	if cfg.MaxChecks < 1 {
		cfg.MaxChecks = 1
	}
	standIn, err := auth.HashPassword("not-a-real-account", cfg.PasswordParams)
	if err != nil {
		return nil, err
	}
	return &Service{db: db, cfg: cfg, checks: make(chan struct{}, cfg.MaxChecks), standIn: standIn}, nil
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

// Login checks an attempt and opens a session. It returns the new session
// secret, which the caller hands to the browser and never stores.
func (s *Service) Login(ctx context.Context, a Attempt) (string, error) {
	if a.Email == "" || a.Password == "" {
		return "", ErrBadLogin // nothing to check: says nothing about any account
	}
	keys := loginguard.KeysFor(storage.NormalizeEmail(a.Email), a.ClientAddr)
	if err := s.reserve(ctx, keys); err != nil {
		return "", err
	}
	cred, ok, err := s.check(ctx, a)
	if err != nil {
		if cerr := s.cancel(keys); cerr != nil {
			return "", cerr
		}
		return "", err
	}
	if !ok {
		return "", s.refuse(ctx, a, cred)
	}
	return s.open(ctx, a, keys, cred.ProfessionalID)
}

// check runs the password check within the bound on concurrent checks. It
// reports whether the password is right and the account may log in; an
// unknown address is checked against the stand-in hash and never is.
func (s *Service) check(ctx context.Context, a Attempt) (storage.Credentials, bool, error) {
	cred, err := s.db.Credentials(ctx, a.Email)
	known := err == nil
	if err != nil && schakel.ErrorCode(err) != schakel.ENOTFOUND {
		return cred, false, err
	}
	hash := s.standIn
	if known {
		hash = cred.PasswordHash
	}
	wait, cancel := context.WithTimeout(ctx, s.cfg.QueueWait)
	defer cancel()
	select {
	case s.checks <- struct{}{}:
	case <-wait.Done():
		return cred, false, &schakel.Error{Code: schakel.EUNAVAILABLE, RetryAfter: 5 * time.Second,
			Message: "Het is nu erg druk. Probeer het over een paar seconden opnieuw."}
	}
	right := auth.CheckPassword(a.Password, hash) == nil
	<-s.checks
	return cred, known && right && cred.Active, nil
}
