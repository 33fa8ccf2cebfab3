package app

import (
	"context"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/familytext"
	"schakel/internal/loginguard"
	"schakel/internal/storage"
)

// pruneLoginsAfter is how long a bucket stays full before its row is removed.
const pruneLoginsAfter = time.Hour

// reserve takes the attempt's tokens before its password is checked, in
// one transaction that holds the client address's row: attempts from one
// address, also on other servers, take their turn, so no more are checked
// than the limits allow. A refusal is not audited: a flood would otherwise
// write the trail full; the request log counts the 429s. limited words
// the refusal (loginLimited, familyLimited).
func (app *App) reserveLogin(ctx context.Context, keys loginguard.Keys, limited func(loginguard.Decision) error) error {
	var d loginguard.Decision
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		st, err := loadState(tx, keys)
		if err != nil {
			return err
		}
		d, st = app.login.cfg.Policy.Reserve(tx.Now(), st)
		if !d.Allowed {
			return nil
		}
		return saveState(tx, keys, st)
	})
	if err != nil || d.Allowed {
		return err
	}
	return limited(d)
}

// cancel gives the tokens of an attempt that could not be checked back.
func (app *App) cancelLogin(keys loginguard.Keys) error {
	// The request's context may be what ended the check; giving back must
	// still happen.
	ctx, done := context.WithTimeout(context.Background(), 10*time.Second)
	defer done()
	return app.db.Update(ctx, func(tx *storage.Tx) error {
		st, err := loadState(tx, keys)
		if err != nil {
			return err
		}
		now := tx.Now()
		st = loginguard.State{Address: app.login.cfg.Policy.Address.Give(now, st.Address), Pair: app.login.cfg.Policy.Pair.Give(now, st.Pair)}
		return saveState(tx, keys, st)
	})
}

// refuse records a checked attempt that failed and answers it. Its tokens
// stay spent. Every kind of failure writes one audit entry, so that an
// unknown address costs the same as a known one.
func (app *App) refuseLogin(ctx context.Context, a Attempt, cred storage.Credentials) error {
	detail, answer := "unknown account", ErrBadLogin
	switch {
	case cred.Suspended:
		detail, answer = "account suspended: membership not re-confirmed", ErrSuspended
	case cred.ProfessionalID != 0 && !cred.Active:
		detail = "account disabled"
	case cred.ProfessionalID != 0:
		detail = "wrong password"
	}
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		return tx.AuditLoginRefused(a.ClientAddr, a.Workstation, cred.ProfessionalID, detail)
	})
	if err != nil {
		return err
	}
	return answer
}

// open settles a successful attempt and opens its session in one
// transaction: the address gets its token back, the account and address
// start afresh, and the login is audited. An account with a second factor,
// or of an organisation that requires one, gets a challenge instead.
func (app *App) openSession(ctx context.Context, a Attempt, keys loginguard.Keys, id int64) (LoginResult, error) {
	p, err := app.db.Professional(ctx, id)
	if err != nil {
		return LoginResult{}, err
	}
	secret, err := auth.NewSecret("")
	if err != nil {
		return LoginResult{}, err
	}
	var res LoginResult
	actor := &schakel.Actor{Professional: &p, ClientAddr: a.ClientAddr, Workstation: a.Workstation}
	err = app.db.Update(ctx, func(tx *storage.Tx) error {
		st, err := loadState(tx, keys)
		if err != nil {
			return err
		}
		if err := saveState(tx, keys, app.login.cfg.Policy.Succeeded(tx.Now(), st)); err != nil {
			return err
		}
		if err := tx.PruneLoginBuckets(tx.Now().Add(-pruneLoginsAfter)); err != nil {
			return err
		}
		purpose, err := secondFactorAsked(tx, p)
		if err != nil {
			return err
		}
		if purpose != "" {
			res = LoginResult{Challenge: secret, Enrol: purpose == storage.ChallengeEnrol}
			return askSecondFactor(tx, actor, auth.HashSecret(secret), purpose)
		}
		res = LoginResult{Session: secret}
		return tx.CreateSession(actor, auth.HashSecret(secret), app.login.cfg.SessionMaxAge)
	})
	if err != nil {
		return LoginResult{}, err
	}
	return res, nil
}

// loadState locks the client address's bucket and reads the account's
// under that lock (its key includes the address, so the one lock covers
// both).
func loadState(tx *storage.Tx, keys loginguard.Keys) (loginguard.State, error) {
	addr, err := tx.LockLoginBucket(keys.Address)
	if err != nil {
		return loginguard.State{}, err
	}
	pair, err := tx.LoginBucket(keys.Pair)
	return loginguard.State{Address: addr, Pair: pair}, err
}

func saveState(tx *storage.Tx, keys loginguard.Keys, st loginguard.State) error {
	if err := tx.SetLoginBucket(keys.Address, st.Address); err != nil {
		return err
	}
	return tx.SetLoginBucket(keys.Pair, st.Pair)
}

// loginLimited answers a professional's attempt a limit refused. Neither
// message depends on whether the typed address has an account: the limits
// count what was typed.
func loginLimited(d loginguard.Decision) error {
	wait := inMinutes(d.RetryAfter)
	msg := fmt.Sprintf("Te veel mislukte inlogpogingen vanaf deze internetverbinding. Probeer het %s opnieuw.", wait)
	if d.Refused == loginguard.ScopePair {
		msg = fmt.Sprintf("Te veel mislukte inlogpogingen met dit e-mailadres. Probeer het %s opnieuw, of vraag de beheerder om hulp.", wait)
	}
	return &schakel.Error{Code: schakel.ELOCKED, Message: msg, RetryAfter: d.RetryAfter}
}

// familyLimited answers a family login (or activation) a limit refused,
// in the family's words (a username, no administrator), with the wait in
// whole minutes in the catalogue's text: its key and count for the
// member's language, its Dutch as the message. An activation's limits
// count per client address alone (no name is typed that it could count),
// so its refusal says "from here".
func familyLimited(activation bool) func(loginguard.Decision) error {
	return func(d loginguard.Decision) error {
		key := "err.locked.address"
		if d.Refused == loginguard.ScopePair && !activation {
			key = "err.locked.pair"
		}
		n := waitMinutes(d.RetryAfter)
		return &schakel.Error{Code: schakel.ELOCKED, Key: key, Args: []any{"n", n}, Message: familytext.Get(familytext.Dutch).N(key, n),
			RetryAfter: d.RetryAfter}
	}
}

// waitMinutes is a wait in whole minutes, rounded up, at least one.
func waitMinutes(d time.Duration) int { return max(1, int((d+time.Minute-1)/time.Minute)) }

// inMinutes says a wait in whole minutes, rounded up.
func inMinutes(d time.Duration) string {
	if n := waitMinutes(d); n > 1 {
		return fmt.Sprintf("over %d minuten", n)
	}
	return "over een minuut"
}
