package app

// The second step of a family login: a code of the authenticator app or a
// recovery code, or setting up the app (at activation, or for an account
// that has none yet). The app's last accepted time step, each recovery
// code and the activation code are used with a compare-and-set in the
// transaction that opens the session, so a code counts once, also when
// two requests carry it at once. A few wrong codes end the waiting login.

import (
	"context"
	"math"
	"strings"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/storage"
	"schakel/internal/totp"
)

// FamilyStep is a family login that waits for its second factor.
type FamilyStep struct {
	Challenge string // the waiting login's secret, for the browser's cookie
	Enrol     bool   // set up the app first
}

func newFamilyStep(enrol bool) (FamilyStep, error) {
	s, err := auth.NewSecret("")
	return FamilyStep{Challenge: s, Enrol: enrol}, err
}

// errFamilyTooManyCodes ends a waiting family login.
var errFamilyTooManyCodes = schakel.Keyed(schakel.EUNAUTHENTICATED, "err.too_many_codes", "U typte te vaak een verkeerde code. Begin opnieuw met inloggen.")

// errFamilyCodeGone answers an activation code that was used, replaced or
// expired while the app was being set up.
var errFamilyCodeGone = schakel.Keyed(schakel.ECONFLICT, "err.code_gone", "Uw code werkt niet meer. Vraag uw contactpersoon om een nieuwe code.")

// askFamilyFactor stores the waiting login of a right password: a code of
// the app, or setting one up when the account has none.
func askFamilyFactor(tx *storage.Tx, actor *schakel.Actor, accountID int64) (FamilyStep, error) {
	secret, _, err := tx.FamilyTOTP(accountID)
	if err != nil {
		return FamilyStep{}, err
	}
	step, err := newFamilyStep(secret == "")
	if err != nil {
		return FamilyStep{}, err
	}
	c := storage.FamilyChallenge{AccountID: accountID, Purpose: storage.ChallengeVerify}
	detail := "password right; second factor asked"
	if step.Enrol {
		c.Purpose, c.PendingSecret = storage.ChallengeEnrol, totp.Encode(totp.NewSecret())
		detail = "password right; no authenticator app yet: set-up asked"
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventLogin, ResourceType: "family_login_challenge", AccessBasis: audit.BasisSelf,
		Persons: []int64{actor.FamilyMember.PersonID}, Detail: detail})
	return step, tx.CreateFamilyChallenge(auth.HashSecret(step.Challenge), c, challengeTTL)
}

// FamilyWaitingLogin is what the second step's screen shows.
type FamilyWaitingLogin struct {
	Enrol bool
	Key   AppKey // the key to type into the app, when Enrol
}

// FamilyWaitingLoginOf returns the waiting login a challenge secret names.
func (app *App) FamilyWaitingLoginOf(ctx context.Context, challenge string) (FamilyWaitingLogin, error) {
	var w FamilyWaitingLogin
	err := app.db.View(ctx, func(tx *storage.Tx) error {
		c, err := tx.FamilyChallenge(auth.HashSecret(challenge))
		if err != nil || c.Purpose != storage.ChallengeEnrol {
			return err
		}
		raw, err := totp.Decode(c.PendingSecret)
		if err != nil {
			return err
		}
		label := c.Username
		if label == "" {
			acc, err := tx.FamilyAccountByID(c.AccountID)
			if err != nil {
				return err
			}
			label = acc.Username
		}
		w = FamilyWaitingLogin{Enrol: true, Key: AppKey{Secret: c.PendingSecret, Grouped: totp.Grouped(c.PendingSecret), URI: totp.URI(Issuer, label, raw)}}
		return nil
	})
	return w, err
}

// FamilyLoggedIn is a completed family login: the session's secret and,
// after setting up the app, the recovery codes (shown once).
type FamilyLoggedIn struct {
	Session       string
	RecoveryCodes []string
}

// CompleteFamilyLogin checks the second factor of a waiting family login
// and opens its session; a set-up also activates the account with its
// activation code.
func (app *App) CompleteFamilyLogin(ctx context.Context, c CodeAttempt) (FamilyLoggedIn, error) {
	session, err := auth.NewSecret("")
	if err != nil {
		return FamilyLoggedIn{}, err
	}
	hash := auth.HashSecret(c.Challenge)
	var out FamilyLoggedIn
	var answer error
	err = app.db.Update(ctx, func(tx *storage.Tx) error {
		ch, err := tx.FamilyChallenge(hash)
		if err != nil {
			return err
		}
		acc, err := tx.FamilyAccountByID(ch.AccountID)
		if err != nil {
			return err
		}
		if !acc.Active && ch.InvitationID == 0 {
			return orGone(nil)
		}
		m := acc.Member()
		actor := &schakel.Actor{FamilyMember: &m, ClientAddr: c.ClientAddr, Workstation: c.Workstation}
		factor, step, detail, err := checkFamilyCode(tx, ch, c.Code)
		if err != nil {
			return err
		}
		if factor == "" {
			answer, err = countWrongFamilyCode(tx, hash, c, acc.PersonID, ch.Purpose, detail)
			return err
		}
		if used, err := tx.EndFamilyChallenge(hash); err != nil || !used {
			return orGone(err)
		}
		if ch.Purpose == storage.ChallengeEnrol {
			if out.RecoveryCodes, err = enrolFamily(tx, actor, ch, acc, step); err != nil {
				return err
			}
		}
		return tx.OpenFamilySession(actor, auth.HashSecret(session), app.login.cfg.SessionMaxAge, factor)
	})
	if err != nil {
		return FamilyLoggedIn{}, err
	}
	if answer != nil {
		return FamilyLoggedIn{}, answer
	}
	out.Session = session
	return out, nil
}

// checkFamilyCode checks a typed code against the waiting login: the new
// key when setting up, else the app (used up) or a recovery code (used
// up). It returns the factor that passed, or "" and why not.
func checkFamilyCode(tx *storage.Tx, ch storage.FamilyChallenge, typed string) (factor string, step int64, detail string, err error) {
	code := totp.Normalize(typed)
	isApp := len(code) == totp.Digits && strings.Trim(code, "0123456789") == ""
	if ch.Purpose == storage.ChallengeEnrol {
		raw, err := totp.Decode(ch.PendingSecret)
		if err != nil {
			return "", 0, "", err
		}
		if step, ok := totp.Match(raw, code, tx.Now(), math.MinInt64); isApp && ok {
			return schakel.FactorTOTP, step, "", nil
		}
		return "", 0, "authenticator app not set up: wrong code", nil
	}
	if !isApp {
		rc := auth.NormalizeActivationCode(typed)
		if rc == "" {
			return "", 0, "no code typed", nil
		}
		ok, err := tx.UseFamilyRecoveryCode(ch.AccountID, auth.HashSecret(rc))
		if err != nil || !ok {
			return "", 0, "recovery code unknown or already used", err
		}
		return schakel.FactorRecovery, 0, "", nil
	}
	secret, last, err := tx.FamilyTOTP(ch.AccountID)
	if err != nil || secret == "" {
		return "", 0, "no authenticator app", err
	}
	raw, err := totp.Decode(secret)
	if err != nil {
		return "", 0, "", err
	}
	step, ok := totp.Match(raw, code, tx.Now(), last)
	if !ok {
		if _, old := totp.Match(raw, code, tx.Now(), math.MinInt64); old {
			return "", 0, "app code already used", nil
		}
		return "", 0, "wrong app code", nil
	}
	if advanced, err := tx.AdvanceFamilyTOTPStep(ch.AccountID, step); err != nil || !advanced {
		return "", 0, "app code already used", err
	}
	return schakel.FactorTOTP, step, "", nil
}

// countWrongFamilyCode audits a wrong code and ends the waiting login
// after too many. It returns the answer for the family member.
func countWrongFamilyCode(tx *storage.Tx, hash string, c CodeAttempt, personID int64, purpose, detail string) (error, error) {
	n, err := tx.FamilyChallengeFailed(hash)
	if err != nil {
		return nil, err
	}
	var answer error = ErrBadCode
	if purpose == storage.ChallengeEnrol {
		answer = errWrongSetupCode
	}
	if n >= maxChallengeFailures {
		if _, err := tx.EndFamilyChallenge(hash); err != nil {
			return nil, err
		}
		detail += "; login ended after too many wrong codes"
		answer = errFamilyTooManyCodes
	}
	tx.Audit(&schakel.Actor{ClientAddr: c.ClientAddr, Workstation: c.Workstation}, audit.Entry{Event: audit.EventLogin, Outcome: audit.Refused,
		ResourceType: "family_login_challenge", AccessBasis: audit.BasisNone, Persons: []int64{personID}, Detail: "second factor: " + detail})
	return answer, nil
}
