package app

import (
	"context"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/storage"
)

// WaitingLogin is a login whose password was right, as its screens need it.
type WaitingLogin struct {
	Actor *schakel.Actor
	Enrol bool // the organisation requires a factor the account has not set up yet
	// The factors the account has, so that the screen offers what works.
	App, Passkey bool
}

// WaitingLoginOf returns the login a challenge secret belongs to.
func (app *App) WaitingLoginOf(ctx context.Context, challenge, clientAddr, workstation string) (WaitingLogin, error) {
	var w WaitingLogin
	err := app.db.View(ctx, func(tx *storage.Tx) error {
		ch, err := tx.LoginChallenge(auth.HashSecret(challenge))
		if err != nil {
			return err
		}
		p, err := tx.ProfessionalRecord(ch.ProfessionalID)
		if err != nil {
			return err
		}
		w = WaitingLogin{Actor: &schakel.Actor{Professional: &p, ClientAddr: clientAddr, Workstation: workstation}, Enrol: ch.Purpose == storage.ChallengeEnrol}
		f, ok, err := tx.TOTPFactor(p.ID)
		if err != nil {
			return err
		}
		keys, err := tx.Passkeys(p.ID)
		w.App, w.Passkey = ok && f.Confirmed(), len(keys) > 0
		return err
	})
	return w, err
}

// EnrolAtLogin completes a login that waited for enrolment: a code of the
// new app confirms it and opens the session. It returns the session secret
// and the recovery codes, shown once.
func (app *App) EnrolAtLogin(ctx context.Context, c CodeAttempt) (string, []string, error) {
	secret, err := auth.NewSecret("")
	if err != nil {
		return "", nil, err
	}
	hash := auth.HashSecret(c.Challenge)
	var codes []string
	err = app.db.Update(ctx, func(tx *storage.Tx) error {
		ch, err := tx.LoginChallenge(hash)
		if err != nil {
			return err
		}
		if ch.Purpose != storage.ChallengeEnrol {
			return schakel.Errorf(schakel.ECONFLICT, "Deze inlogpoging vraagt om een code, niet om een nieuwe app.")
		}
		p, err := tx.ProfessionalRecord(ch.ProfessionalID)
		if err != nil {
			return err
		}
		actor := &schakel.Actor{Professional: &p, ClientAddr: c.ClientAddr, Workstation: c.Workstation}
		// The password was checked a moment ago, by this very login.
		if codes, err = confirmApp(tx, actor, c.Code, firstAppProof{}); err != nil {
			return err
		}
		if used, err := tx.EndLoginChallenge(hash); err != nil || !used {
			return orGone(err)
		}
		return tx.OpenSessionAfterFactor(actor, auth.HashSecret(secret), app.login.cfg.SessionMaxAge, schakel.FactorTOTP)
	})
	if err != nil {
		return "", nil, err
	}
	return secret, codes, nil
}
