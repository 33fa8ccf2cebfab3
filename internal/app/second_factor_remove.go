package app

import (
	"context"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/storage"
)

// RemoveFactor is a request to remove a professional's second factor.
// The professional themself proves it is them with their password and a
// recovery code; an administrator of their organisation needs neither.
type RemoveFactor struct {
	ProfessionalID int64
	Password       string
	RecoveryCode   string
}

// errRemoveProof answers a removal by the professional without the proof.
func errRemoveProof(password bool) error {
	f := schakel.FieldError{Field: "recovery_code", Code: "wrong_code", Message: "Deze herstelcode klopt niet of is al gebruikt."}
	if password {
		f = schakel.FieldError{Field: "password", Code: "wrong_password", Message: "Dit wachtwoord klopt niet."}
	}
	return &schakel.Error{Code: schakel.EINVALID, Message: "De tweede factor is niet verwijderd.", Fields: []schakel.FieldError{f}}
}

// RemoveSecondFactor removes the app and the recovery codes (the app
// alone when the professional keeps passkeys); an administrator removes
// every factor. An
// administrator's removal also ends the professional's sessions: the phone
// may be in someone else's hands.
func (app *App) RemoveSecondFactor(ctx context.Context, actor *schakel.Actor, r RemoveFactor) error {
	target, err := app.db.Professional(ctx, r.ProfessionalID)
	if err != nil {
		return err
	}
	d := access.DecideFactors(access.SubjectFor(actor), target.ID, target.Organisation.ID)
	passwordOK := false
	if d.Allowed && d.Basis == audit.BasisSelf {
		if passwordOK, err = app.passwordMatches(ctx, target.Email, r.Password); err != nil {
			return err
		}
	}
	return app.db.Update(ctx, func(tx *storage.Tx) error {
		entry := audit.Entry{Event: audit.EventDelete, ResourceType: "totp_factor", ResourceID: itoa(target.ID)}
		if !d.Allowed {
			tx.AuditDecision(actor, d, entry)
			return tx.Refuse(d)
		}
		if d.Basis == audit.BasisSelf {
			if err := proveRemoval(tx, actor, target.ID, passwordOK, r.RecoveryCode, entry); err != nil {
				return err
			}
		}
		f, ok, err := tx.TOTPFactor(target.ID)
		if err != nil {
			return err
		}
		keys, err := tx.Passkeys(target.ID)
		if err != nil {
			return err
		}
		hasApp := ok && f.Confirmed()
		if !hasApp && (d.Basis == audit.BasisSelf || len(keys) == 0) {
			return schakel.Errorf(schakel.ENOTFOUND, "Er is geen tweede factor om te verwijderen.")
		}
		entry.Detail = "second factor removed by the professional (password and recovery code)"
		if d.Basis == audit.BasisSelf && len(keys) > 0 {
			// The passkeys stay, and the recovery codes with them.
			entry.Detail = "authenticator app removed by the professional (password and recovery code); passkeys kept"
			err = tx.RemoveTOTP(target.ID)
		} else {
			err = tx.RemoveSecondFactors(target.ID)
		}
		if err != nil {
			return err
		}
		if d.Basis != audit.BasisSelf {
			entry.Detail = "second factors (app, passkeys, recovery codes) removed by an administrator; sessions ended"
			if err := tx.EndSessionsOf(target.ID); err != nil {
				return err
			}
		}
		tx.AuditDecision(actor, d, entry)
		return nil
	})
}

// proveRemoval checks the professional's own proof; a failure keeps only
// its audit entry (a used recovery code stays unused).
func proveRemoval(tx *storage.Tx, actor *schakel.Actor, id int64, passwordOK bool, code string, entry audit.Entry) error {
	if !passwordOK {
		return refuseRemoval(tx, actor, entry, "wrong password", errRemoveProof(true))
	}
	used, err := tx.UseRecoveryCode(id, auth.HashSecret(auth.NormalizeActivationCode(code)))
	if err != nil {
		return err
	}
	if !used {
		return refuseRemoval(tx, actor, entry, "recovery code unknown or already used", errRemoveProof(false))
	}
	return nil
}

func refuseRemoval(tx *storage.Tx, actor *schakel.Actor, entry audit.Entry, why string, answer error) error {
	d := access.Decision{Basis: audit.BasisNone, Reason: why}
	entry.Detail = "second factor not removed: " + why
	tx.AuditDecision(actor, d, entry)
	return tx.RefuseWith(d, answer)
}

// passwordMatches checks a password within the bound on concurrent checks.
func (app *App) passwordMatches(ctx context.Context, email, password string) (bool, error) {
	_, ok, err := app.checkPassword(ctx, Attempt{Email: email, Password: password})
	return ok && password != "", err
}

// SetSecondFactorRequired sets whether an organisation requires a second
// factor of its local accounts: its administrator's choice.
func (app *App) SetSecondFactorRequired(ctx context.Context, actor *schakel.Actor, organisationID int64, required bool) error {
	return app.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.Decide(access.SubjectFor(actor), access.IdentityProviders, access.Write, access.Context{TargetOrganisationID: organisationID})
		entry := audit.Entry{Event: audit.EventUpdate, ResourceType: "organisation", ResourceID: itoa(organisationID),
			Detail: "second factor required: " + map[bool]string{true: "yes", false: "no"}[required]}
		if !d.Allowed {
			tx.AuditDecision(actor, d, entry)
			return tx.Refuse(d)
		}
		if _, err := tx.SecondFactorRequired(organisationID); err != nil {
			return err
		}
		if err := tx.SetSecondFactorRequired(organisationID, required); err != nil {
			return err
		}
		tx.AuditDecision(actor, d, entry)
		return nil
	})
}
