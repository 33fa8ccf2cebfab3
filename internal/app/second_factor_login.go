package app

// The second step of a password login: a code of the authenticator app or
// a recovery code. A code counts once: the app's last accepted time step
// and every recovery code are moved on with a compare-and-set in the same
// transaction that opens the session, so that of two requests with one
// code (also at once) one passes. A few wrong codes end the login: the
// password must be typed again, and the login limits count that.

import (
	"context"
	"math"
	"strings"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/storage"
	"schakel/internal/totp"
)

// Challenge settings: how long a login waits for its second factor, and
// how many wrong codes end it.
const (
	challengeTTL         = 10 * time.Minute
	maxChallengeFailures = 5
)

// ErrBadCode answers a wrong, old or used code.
var ErrBadCode = schakel.Keyed(schakel.EUNAUTHENTICATED, "err.bad_code", "Deze code klopt niet of is al gebruikt. Typ de code die de app nu laat zien, of een herstelcode.")

// errTooManyCodes ends a login after too many wrong codes.
var errTooManyCodes = schakel.Errorf(schakel.EUNAUTHENTICATED, "Te vaak een verkeerde code. Log opnieuw in met uw e-mailadres en wachtwoord.")

// secondFactorAsked says what a right password leads to for p: a challenge
// for the code (the account has an app or a passkey), one for enrolment (the
// organisation requires a factor and the account has none), or nothing.
func secondFactorAsked(tx *storage.Tx, p schakel.Professional) (string, error) {
	has, err := hasFactor(tx, p.ID)
	if err != nil || has {
		return storage.ChallengeVerify, err
	}
	req, err := tx.SecondFactorRequired(p.Organisation.ID)
	if err != nil || !req {
		return "", err
	}
	return storage.ChallengeEnrol, nil
}

// askSecondFactor stores the challenge and audits the password step.
func askSecondFactor(tx *storage.Tx, actor *schakel.Actor, hash, purpose string) error {
	if err := tx.CreateLoginChallenge(hash, actor.Professional.ID, purpose, challengeTTL); err != nil {
		return err
	}
	detail := "password right; second factor asked"
	if purpose == storage.ChallengeEnrol {
		detail = "password right; the organisation requires a second factor: enrolment asked"
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventLogin, Outcome: audit.Allowed, ResourceType: "login_challenge", AccessBasis: audit.BasisSelf, Detail: detail})
	return nil
}

// CodeAttempt is a typed second factor for a waiting login.
type CodeAttempt struct {
	Challenge   string
	Code        string
	ClientAddr  string
	Workstation string
}

// CompleteLogin checks the second factor of a waiting login and opens its
// session. It returns the session secret.
func (app *App) CompleteLogin(ctx context.Context, c CodeAttempt) (string, error) {
	secret, err := auth.NewSecret("")
	if err != nil {
		return "", err
	}
	hash := auth.HashSecret(c.Challenge)
	var answer error
	err = app.db.Update(ctx, func(tx *storage.Tx) error {
		ch, err := tx.LoginChallenge(hash)
		if err != nil {
			return err
		}
		if ch.Purpose != storage.ChallengeVerify {
			return schakel.Errorf(schakel.ECONFLICT, "Stel eerst een tweede factor in.")
		}
		factor, detail, err := useSecondFactor(tx, ch.ProfessionalID, c.Code)
		if err != nil {
			return err
		}
		if factor == "" {
			ended, err := countWrongCode(tx, hash, c, ch.ProfessionalID, detail)
			answer = ErrBadCode
			if ended {
				answer = errTooManyCodes
			}
			return err
		}
		if used, err := tx.EndLoginChallenge(hash); err != nil || !used {
			return orGone(err)
		}
		p, err := tx.ProfessionalRecord(ch.ProfessionalID)
		if err != nil {
			return err
		}
		actor := &schakel.Actor{Professional: &p, ClientAddr: c.ClientAddr, Workstation: c.Workstation}
		return tx.OpenSessionAfterFactor(actor, auth.HashSecret(secret), app.login.cfg.SessionMaxAge, factor)
	})
	if err != nil {
		return "", err
	}
	if answer != nil {
		return "", answer
	}
	return secret, nil
}

// countWrongCode audits a wrong code and ends the login after too many; it
// reports whether it ended it.
func countWrongCode(tx *storage.Tx, hash string, c CodeAttempt, professionalID int64, detail string) (bool, error) {
	n, err := tx.ChallengeFailed(hash)
	if err != nil {
		return false, err
	}
	ended := n >= maxChallengeFailures
	if ended {
		if _, err := tx.EndLoginChallenge(hash); err != nil {
			return false, err
		}
		detail += "; login ended after too many wrong codes"
	}
	return ended, tx.AuditLoginRefused(c.ClientAddr, c.Workstation, professionalID, "second factor: "+detail)
}

// useSecondFactor checks a typed code and uses it up. It returns the factor
// that passed, or "" and why not (for the audit trail).
func useSecondFactor(tx *storage.Tx, professionalID int64, typed string) (factor, detail string, err error) {
	if code := totp.Normalize(typed); len(code) == totp.Digits && strings.Trim(code, "0123456789") == "" {
		return useAppCode(tx, professionalID, code)
	}
	code := auth.NormalizeActivationCode(typed)
	if code == "" {
		return "", "no code typed", nil
	}
	ok, err := tx.UseRecoveryCode(professionalID, auth.HashSecret(code))
	if err != nil || !ok {
		return "", "recovery code unknown or already used", err
	}
	return schakel.FactorRecovery, "", nil
}

func useAppCode(tx *storage.Tx, professionalID int64, code string) (string, string, error) {
	f, ok, err := tx.TOTPFactor(professionalID)
	if err != nil || !ok || !f.Confirmed() {
		return "", "no authenticator app", err
	}
	secret, err := totp.Decode(f.Secret)
	if err != nil {
		return "", "", err
	}
	step, ok := totp.Match(secret, code, tx.Now(), f.LastStep)
	if !ok {
		if _, old := totp.Match(secret, code, tx.Now(), math.MinInt64); old {
			return "", "app code already used", nil
		}
		return "", "wrong app code", nil
	}
	advanced, err := tx.AdvanceTOTPStep(professionalID, step)
	if err != nil || !advanced {
		return "", "app code already used", err
	}
	return schakel.FactorTOTP, "", nil
}

// orGone answers a challenge another request used first.
func orGone(err error) error {
	if err != nil {
		return err
	}
	return schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw inlogpoging is verlopen. Log opnieuw in met uw e-mailadres en wachtwoord.")
}
