package app

// Using a passkey: as the second step of a password login, and for a
// step-up before a risky act. The challenge is kept on the server, bound
// to the waiting login (its cookie's hash) or to the session or token, and
// taken by the first answer; the library checks the answer and the sign
// counter. A counter that went back is kept as a clone warning, audited,
// and shown to the owner; the use itself passes (the WebAuthn
// specification leaves that to the relying party, and refusing would lock
// the owner out of a key they may still hold).

import (
	"context"
	"encoding/json"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/passkey"
	"schakel/internal/storage"
)

// errNoPasskey answers a passkey asked of an account that has none.
var errNoPasskey = schakel.Errorf(schakel.ECONFLICT, "U heeft nog geen passkey. Gebruik de code uit uw app of een herstelcode.")

// ErrBadPasskey answers a passkey that did not pass at login.
var ErrBadPasskey = schakel.Errorf(schakel.EUNAUTHENTICATED, "De passkey is niet geaccepteerd, of de poging was verlopen. Probeer het opnieuw, of typ de code uit uw app.")

// beginAssertion keeps a new challenge for owner and returns its options.
func beginAssertion(tx *storage.Tx, p schakel.Professional, owner, purpose string, rp passkey.RP) ([]byte, error) {
	o, keys, err := passkeyOwner(tx, p)
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, errNoPasskey
	}
	options, state, err := passkey.BeginAssertion(rp, o)
	if err != nil {
		return nil, err
	}
	return options, tx.BeginCeremony(owner, purpose, p.ID, state, passkey.CeremonyLife)
}

// usePasskey takes the owner's ceremony and checks the answer with it. It
// returns the factor that passed, or "" and why not (for the audit trail).
func usePasskey(tx *storage.Tx, p schakel.Professional, owner, purpose string, rp passkey.RP, answer []byte) (factor, detail string, err error) {
	ceremonyOf, state, ok, err := tx.TakeCeremony(owner, purpose)
	if err != nil {
		return "", "", err
	}
	if !ok {
		return "", "passkey: challenge unknown, used or expired", nil
	}
	if ceremonyOf != p.ID {
		return "", "passkey: the challenge belongs to another account", nil
	}
	o, keys, err := passkeyOwner(tx, p)
	if err != nil {
		return "", "", err
	}
	c, err := passkey.FinishAssertion(rp, o, state, answer)
	if err != nil {
		return "", "passkey: answer refused: " + cut(err.Error()), nil
	}
	id := passkey.EncodeID(c.ID)
	for _, k := range keys {
		if k.CredentialID != id {
			continue
		}
		record, err := json.Marshal(c)
		if err != nil {
			return "", "", err
		}
		if err := tx.PasskeyUsed(k.ID, record, int64(c.Authenticator.SignCount), c.Authenticator.CloneWarning); err != nil {
			return "", "", err
		}
		switch {
		case c.Authenticator.CloneWarning && !k.CloneWarning:
			return schakel.FactorPasskey, "passkey '" + k.Name + "' used; its sign counter went back: it may have been copied", nil
		case k.CloneWarning:
			return schakel.FactorPasskey, "passkey '" + k.Name + "' used; it has carried a clone warning since an earlier use", nil
		}
		return schakel.FactorPasskey, "", nil
	}
	return "", "passkey: not one of the account's", nil
}

// BeginPasskeyLogin returns the options for navigator.credentials.get for
// a login that waits for its second factor (challenge: the login's secret).
func (app *App) BeginPasskeyLogin(ctx context.Context, challenge string, rpErr error, rp passkey.RP) (json.RawMessage, error) {
	if rpErr != nil {
		return nil, errNoRP
	}
	hash := auth.HashSecret(challenge)
	var options []byte
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		p, err := loginAwaiting(tx, hash, storage.ChallengeVerify, "Stel eerst een tweede factor in.")
		if err != nil {
			return err
		}
		options, err = beginAssertion(tx, p, hash, storage.CeremonyLogin, rp)
		return err
	})
	return options, err
}

// PasskeyAttempt is a passkey's answer for a waiting login.
type PasskeyAttempt struct {
	Challenge   string
	Answer      []byte
	ClientAddr  string
	Workstation string
}

// CompletePasskeyLogin checks a passkey for a waiting login and opens its
// session; it returns the session secret. A refused answer counts as a
// wrong code.
func (app *App) CompletePasskeyLogin(ctx context.Context, c PasskeyAttempt, rpErr error, rp passkey.RP) (string, error) {
	if rpErr != nil {
		return "", errNoRP
	}
	secret, err := auth.NewSecret("")
	if err != nil {
		return "", err
	}
	hash := auth.HashSecret(c.Challenge)
	var answer error
	err = app.db.Update(ctx, func(tx *storage.Tx) error {
		p, err := loginAwaiting(tx, hash, storage.ChallengeVerify, "Stel eerst een tweede factor in.")
		if err != nil {
			return err
		}
		actor := &schakel.Actor{Professional: &p, ClientAddr: c.ClientAddr, Workstation: c.Workstation}
		factor, detail, err := usePasskey(tx, p, hash, storage.CeremonyLogin, rp, c.Answer)
		if err != nil {
			return err
		}
		if factor == "" {
			ended, err := countWrongCode(tx, hash, CodeAttempt{Challenge: c.Challenge, ClientAddr: c.ClientAddr, Workstation: c.Workstation}, p.ID, detail)
			answer = ErrBadPasskey
			if ended {
				answer = errTooManyCodes
			}
			return err
		}
		if detail != "" {
			tx.Audit(actor, audit.Entry{Event: audit.EventLogin, ResourceType: "passkey", AccessBasis: audit.BasisSelf, UserID: p.ID, Detail: detail})
		}
		if used, err := tx.EndLoginChallenge(hash); err != nil || !used {
			return orGone(err)
		}
		return tx.OpenSessionAfterFactor(actor, auth.HashSecret(secret), app.login.cfg.SessionMaxAge, factor)
	})
	if err == nil && answer != nil {
		err = answer
	}
	if err != nil {
		return "", err
	}
	return secret, nil
}

// BeginPasskeyStepUp returns the options for a step-up with a passkey,
// its challenge bound to the session or token (cred).
func (app *App) BeginPasskeyStepUp(ctx context.Context, actor *schakel.Actor, cred storage.Credential, rpErr error, rp passkey.RP) (json.RawMessage, error) {
	p := actor.Professional
	if p == nil || cred.Hash == "" {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers bevestigen hier met een tweede factor.")
	}
	if rpErr != nil {
		return nil, errNoRP
	}
	var options []byte
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		var err error
		options, err = beginAssertion(tx, *p, cred.Hash, storage.CeremonyStepUp, rp)
		return err
	})
	return options, err
}

// StepUpPasskey checks a passkey's answer to the step-up begun on the same
// session or token, and marks it as proven now. Refusals count as wrong
// codes do (StepUp).
func (app *App) StepUpPasskey(ctx context.Context, actor *schakel.Actor, cred storage.Credential, rpErr error, rp passkey.RP, answer []byte) (SteppedUp, error) {
	var out SteppedUp
	p := actor.Professional
	if p == nil || cred.Hash == "" {
		return out, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers bevestigen hier met een tweede factor.")
	}
	if rpErr != nil {
		return out, errNoRP
	}
	var refused error
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		entry := audit.Entry{Event: audit.EventLogin, ResourceType: "step_up", AccessBasis: audit.BasisSelf, UserID: p.ID}
		if n, err := tx.StepUpFailures(cred); err != nil || n >= maxStepUpFailures {
			refused = errStepUpTooMany
			return err
		}
		factor, why, err := usePasskey(tx, *p, cred.Hash, storage.CeremonyStepUp, rp, answer)
		if err != nil {
			return err
		}
		if factor == "" {
			var answer error
			answer, err = stepUpRefused(tx, actor, cred, entry, why)
			if answer == stepUpBadCode {
				answer = errPasskeyAnswer("passkey_refused", "De passkey is niet geaccepteerd, of de poging was verlopen. Probeer het opnieuw.")
			}
			refused = answer
			return err
		}
		if ok, err := tx.SteppedUp(cred, factor); err != nil || !ok {
			return orGone(err)
		}
		out = SteppedUp{Factor: factor, ValidUntil: tx.Now().Add(access.StepUpWindow).UTC()}
		entry.Detail = "second factor shown again: " + factor
		if why != "" {
			entry.Detail += "; " + why
		}
		tx.Audit(actor, entry)
		return nil
	})
	if err == nil && refused != nil {
		err = refused
	}
	return out, err
}
