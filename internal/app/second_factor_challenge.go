package app

import (
	"context"
	"encoding/json"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/passkey"
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
		p, err := loginAwaiting(tx, hash, storage.ChallengeEnrol, "Deze inlogpoging vraagt om een code, niet om een nieuwe app.")
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

// BeginPasskeyAtLogin returns the options for enrolling a passkey at a
// login that waits for enrolment (the organisation requires a factor the
// account lacks): the passkey may be that factor, as the app may.
func (app *App) BeginPasskeyAtLogin(ctx context.Context, challenge string, rpErr error, rp passkey.RP) (json.RawMessage, error) {
	if rpErr != nil {
		return nil, errNoRP
	}
	hash := auth.HashSecret(challenge)
	var options []byte
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		p, err := loginAwaiting(tx, hash, storage.ChallengeEnrol, "Deze inlogpoging vraagt om uw tweede stap, niet om een nieuwe.")
		if err != nil {
			return err
		}
		o, _, err := passkeyOwner(tx, p)
		if err != nil {
			return err
		}
		var state []byte
		if options, state, err = passkey.BeginRegistration(rp, o); err != nil {
			return err
		}
		return tx.BeginCeremony(hash, storage.CeremonyRegister, p.ID, state, passkey.CeremonyLife)
	})
	return options, err
}

// EnrolPasskeyAtLogin completes a login that waited for enrolment with a
// new passkey (the password was checked by this very login) and opens
// its session; it returns the session secret and the recovery codes.
func (app *App) EnrolPasskeyAtLogin(ctx context.Context, c PasskeyAttempt, name string, rpErr error, rp passkey.RP) (string, []string, error) {
	if rpErr != nil {
		return "", nil, errNoRP
	}
	name, err := checkPasskeyName(name)
	if err != nil {
		return "", nil, err
	}
	secret, err := auth.NewSecret("")
	if err != nil {
		return "", nil, err
	}
	hash := auth.HashSecret(c.Challenge)
	var out PasskeyEnrolled
	var answer error
	err = app.db.Update(ctx, func(tx *storage.Tx) error {
		p, err := loginAwaiting(tx, hash, storage.ChallengeEnrol, "Deze inlogpoging vraagt om uw tweede stap, niet om een nieuwe.")
		if err != nil {
			return err
		}
		actor := &schakel.Actor{Professional: &p, ClientAddr: c.ClientAddr, Workstation: c.Workstation}
		// The ceremony is the waiting login's; no session exists yet.
		if out, answer, err = enrolPasskey(tx, actor, storage.Credential{Hash: hash}, rp, name, firstAppProof{}, c.Answer); err != nil || answer != nil {
			return err
		}
		if used, err := tx.EndLoginChallenge(hash); err != nil || !used {
			return orGone(err)
		}
		return tx.OpenSessionAfterFactor(actor, auth.HashSecret(secret), app.login.cfg.SessionMaxAge, schakel.FactorPasskey)
	})
	if err == nil {
		err = answer
	}
	if err != nil {
		return "", nil, err
	}
	return secret, out.RecoveryCodes, nil
}

// loginAwaiting reads the professional of a login that waits for its
// second step (hash: of the login's secret). A login that waits for
// another step than purpose is refused as a conflict, with wrong as the
// message.
func loginAwaiting(tx *storage.Tx, hash, purpose, wrong string) (schakel.Professional, error) {
	ch, err := tx.LoginChallenge(hash)
	if err != nil {
		return schakel.Professional{}, err
	}
	if ch.Purpose != purpose {
		return schakel.Professional{}, &schakel.Error{Code: schakel.ECONFLICT, Message: wrong}
	}
	return tx.ProfessionalRecord(ch.ProfessionalID)
}
