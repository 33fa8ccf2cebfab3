package app

// Setting up, replacing and removing a second factor, and recovery codes.
// Every change is audited; removing the factor needs the password and a
// recovery code, or an administrator of the organisation.

import (
	"context"
	"fmt"
	"math"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/storage"
	"schakel/internal/totp"
)

// RecoveryCodeCount is how many recovery codes a professional gets.
const RecoveryCodeCount = 10

// pendingKeyLife is how long a key shown for enrolment stays the same when
// the screen is opened again.
const pendingKeyLife = 30 * time.Minute

// Issuer names Schakel in the authenticator app.
const Issuer = "Schakel"

// FactorStatus is what a professional's second factor looks like.
type FactorStatus struct {
	App          bool          `json:"app"`
	AppSince     *time.Time    `json:"app_since,omitempty"`
	Passkeys     []PasskeyInfo `json:"passkeys"`
	RecoveryLeft int           `json:"recovery_codes_left"`
	Required     bool          `json:"required_by_organisation"`
}

// AppKey is a new key to type into (or scan with) an authenticator app.
type AppKey struct {
	Secret  string `json:"secret"`  // base32
	Grouped string `json:"-"`       // in groups of four, for reading
	URI     string `json:"otpauth"` // otpauth://totp/…
}

// SecondFactors returns the actor's own second factor.
func (app *App) SecondFactors(ctx context.Context, actor *schakel.Actor) (FactorStatus, error) {
	var st FactorStatus
	p := actor.Professional
	if p == nil {
		return st, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers hebben hier een tweede factor.")
	}
	err := app.db.View(ctx, func(tx *storage.Tx) error {
		f, ok, err := tx.TOTPFactor(p.ID)
		if err != nil {
			return err
		}
		st.App, st.AppSince = ok && f.Confirmed(), f.ConfirmedAt
		keys, err := tx.Passkeys(p.ID)
		if err != nil {
			return err
		}
		st.Passkeys = passkeyInfos(keys)
		if st.RecoveryLeft, err = tx.RecoveryCodesLeft(p.ID); err != nil {
			return err
		}
		st.Required, err = tx.SecondFactorRequired(p.Organisation.ID)
		return err
	})
	return st, err
}

// StartApp returns the key the actor confirms next: the one shown before,
// if it is recent, or a new one.
func (app *App) StartApp(ctx context.Context, actor *schakel.Actor) (AppKey, error) {
	var key AppKey
	p := actor.Professional
	if p == nil {
		return key, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers stellen hier een tweede factor in.")
	}
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		f, ok, err := tx.TOTPFactor(p.ID)
		if err != nil {
			return err
		}
		if ok && f.PendingSecret != "" && f.PendingAt != nil && tx.Now().Sub(*f.PendingAt) < pendingKeyLife {
			key.Secret = f.PendingSecret
			return nil
		}
		key.Secret = totp.Encode(totp.NewSecret())
		return tx.SetPendingTOTP(p.ID, key.Secret)
	})
	if err != nil {
		return AppKey{}, err
	}
	raw, err := totp.Decode(key.Secret)
	if err != nil {
		return AppKey{}, fmt.Errorf("pending authenticator key of professional %d: %w", p.ID, err)
	}
	key.Grouped, key.URI = totp.Grouped(key.Secret), totp.URI(Issuer, p.Email, raw)
	return key, nil
}

// errWrongSetupCode answers a code that does not fit the new key.
var errWrongSetupCode = &schakel.Error{Code: schakel.EINVALID, Message: "De code klopt niet.", Fields: []schakel.FieldError{{
	Field: "code", Code: "wrong_code", Message: "Deze code hoort niet bij de sleutel hierboven. Typ de code die de app nu laat zien."}}}

// ConfirmApp makes the pending key the actor's app once a code of it is
// typed. The first app comes with recovery codes, returned once. The code
// proves the factor as well as a step-up would: the session or token it
// came with (cred, when set) counts as stepped up.
//
// That is why the first app also takes the account's password (or a fresh
// login at the organisation's provider): otherwise whoever stole a
// password-only session could set up their own app and pass every step-up
// with it.
func (app *App) ConfirmApp(ctx context.Context, actor *schakel.Actor, cred storage.Credential, code, password string) ([]string, error) {
	if actor.Professional == nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers stellen hier een tweede factor in.")
	}
	proof := firstAppProof{asked: true}
	if password != "" {
		ok, err := app.passwordMatches(ctx, actor.Professional.Email, password)
		if err != nil {
			return nil, err
		}
		proof.passwordOK, proof.passwordTyped = ok, true
	}
	var codes []string
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		var err error
		if codes, err = confirmApp(tx, actor, code, proof); err != nil || cred.Hash == "" {
			return err
		}
		_, err = tx.SteppedUp(cred, schakel.FactorTOTP)
		return err
	})
	return codes, err
}

// firstAppProof is what shows that the person setting up a first app is
// the account's owner. asked is false where the password was just checked
// (setting up the app while logging in).
type firstAppProof struct {
	asked                     bool
	passwordTyped, passwordOK bool
}

// errFirstAppPassword asks for the password with the first app.
func errFirstAppPassword(typed bool) error {
	f := schakel.FieldError{Field: "password", Code: "password_required", Message: "Typ uw wachtwoord voor Schakel: zo weten we dat u het bent."}
	if typed {
		f = schakel.FieldError{Field: "password", Code: "wrong_password", Message: "Dit wachtwoord klopt niet."}
	}
	return &schakel.Error{Code: schakel.EINVALID, Message: "Bevestig de app met uw wachtwoord.", Fields: []schakel.FieldError{f}}
}

func confirmApp(tx *storage.Tx, actor *schakel.Actor, code string, proof firstAppProof) ([]string, error) {
	p := actor.Professional
	d := access.DecideFactors(access.SubjectFor(actor), p.ID, p.Organisation.ID)
	f, ok, err := tx.TOTPFactor(p.ID)
	if err != nil {
		return nil, err
	}
	entry := audit.Entry{Event: audit.EventCreate, ResourceType: "totp_factor", ResourceID: itoa(p.ID), UserID: p.ID}
	if f.Confirmed() {
		entry.Event = audit.EventUpdate
	}
	if !ok || f.PendingSecret == "" {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Open het scherm om de app in te stellen opnieuw: er is geen nieuwe sleutel.")
	}
	if f.Confirmed() {
		// Replacing the app takes the current one (or a recovery code).
		if err := refuseWithoutStepUp(tx, actor, entry); err != nil {
			return nil, err
		}
	} else if proof.asked && !proof.passwordOK && access.NeedsStepUp(access.ActSecondFactor, actor.Login, tx.Now()) {
		entry.Detail = "authenticator app not set up: password missing"
		if proof.passwordTyped {
			entry.Detail = "authenticator app not set up: wrong password"
		}
		dd := access.Decision{Basis: d.Basis, Reason: entry.Detail}
		tx.AuditDecision(actor, dd, entry)
		return nil, tx.RefuseWith(dd, errFirstAppPassword(proof.passwordTyped))
	}
	raw, err := totp.Decode(f.PendingSecret)
	if err != nil {
		return nil, err
	}
	step, match := totp.Match(raw, code, tx.Now(), math.MinInt64)
	if !match {
		entry.Detail = "authenticator app not set up: wrong code"
		tx.AuditDecision(actor, access.Decision{Basis: d.Basis, Reason: entry.Detail}, entry)
		return nil, tx.RefuseWith(access.Decision{Basis: d.Basis, Reason: entry.Detail}, errWrongSetupCode)
	}
	if done, err := tx.ConfirmTOTP(p.ID, f.PendingSecret, step); err != nil || !done {
		return nil, orConflict(err)
	}
	entry.Detail = "authenticator app set up"
	if entry.Event == audit.EventUpdate {
		entry.Detail = "authenticator app replaced"
	}
	tx.AuditDecision(actor, d, entry)
	left, err := tx.RecoveryCodesLeft(p.ID)
	if err != nil || left > 0 {
		return nil, err
	}
	return newRecoveryCodes(tx, actor, d)
}

func orConflict(err error) error {
	if err != nil {
		return err
	}
	return schakel.Errorf(schakel.ECONFLICT, "Er is intussen een nieuwe sleutel gemaakt. Open het scherm opnieuw.")
}

// NewRecoveryCodes replaces the actor's recovery codes by ten new ones,
// returned once. Only with an app or a passkey: codes alone are no second
// factor.
func (app *App) NewRecoveryCodes(ctx context.Context, actor *schakel.Actor) ([]string, error) {
	var codes []string
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		p := actor.Professional
		d := access.DecideFactors(access.SubjectFor(actor), p.ID, p.Organisation.ID)
		has, err := hasFactor(tx, p.ID)
		if err != nil {
			return err
		}
		if !has {
			return schakel.Errorf(schakel.ECONFLICT, "Stel eerst een app of een passkey in; herstelcodes horen daarbij.")
		}
		if err := refuseWithoutStepUp(tx, actor, audit.Entry{Event: audit.EventCreate, ResourceType: "recovery_codes", ResourceID: itoa(p.ID)}); err != nil {
			return err
		}
		codes, err = newRecoveryCodes(tx, actor, d)
		return err
	})
	return codes, err
}

func newRecoveryCodes(tx *storage.Tx, actor *schakel.Actor, d access.Decision) ([]string, error) {
	codes := make([]string, RecoveryCodeCount)
	hashes := make([]string, RecoveryCodeCount)
	for i := range codes {
		c, err := auth.NewActivationCode()
		if err != nil {
			return nil, err
		}
		codes[i], hashes[i] = c, auth.HashSecret(auth.NormalizeActivationCode(c))
	}
	p := actor.Professional
	if err := tx.ReplaceRecoveryCodes(p.ID, hashes); err != nil {
		return nil, err
	}
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "recovery_codes", ResourceID: itoa(p.ID), UserID: p.ID,
		Detail: "ten new recovery codes; the old ones no longer work"})
	return codes, nil
}
