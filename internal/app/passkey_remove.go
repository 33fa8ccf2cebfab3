package app

import (
	"context"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// RemovePasskeyRequest asks to remove one passkey of a professional.
// Password and RecoveryCode are needed only when it is the professional's
// own last factor; an administrator of their organisation needs neither.
type RemovePasskeyRequest struct {
	ProfessionalID int64
	PasskeyID      int64
	Password       string
	RecoveryCode   string
}

// RemovePasskey removes one passkey. Beside another factor (the app or a
// second passkey) the professional steps up first; the last factor takes
// the password and a recovery code, as removing the app does, and the
// recovery codes go with it. An administrator's removal ends the
// professional's sessions.
func (app *App) RemovePasskey(ctx context.Context, actor *schakel.Actor, r RemovePasskeyRequest) error {
	target, err := app.db.Professional(ctx, r.ProfessionalID)
	if err != nil {
		return err
	}
	d := access.DecideFactors(access.SubjectFor(actor), target.ID, target.Organisation.ID)
	passwordOK := false
	if d.Allowed && d.Basis == audit.BasisSelf && r.Password != "" {
		if passwordOK, err = app.passwordMatches(ctx, target.Email, r.Password); err != nil {
			return err
		}
	}
	return app.db.Update(ctx, func(tx *storage.Tx) error {
		entry := audit.Entry{Event: audit.EventDelete, ResourceType: "passkey", ResourceID: itoa(r.PasskeyID)}
		if !d.Allowed {
			tx.AuditDecision(actor, d, entry)
			return tx.Refuse(d)
		}
		keys, err := tx.Passkeys(target.ID)
		if err != nil {
			return err
		}
		name, found := "", false
		for _, k := range keys {
			if k.ID == r.PasskeyID {
				name, found = k.Name, true
			}
		}
		if !found {
			return schakel.Errorf(schakel.ENOTFOUND, "Deze passkey bestaat niet (meer).")
		}
		f, _, err := tx.TOTPFactor(target.ID)
		if err != nil {
			return err
		}
		last := len(keys) == 1 && !f.Confirmed()
		if d.Basis == audit.BasisSelf {
			if err := proveAway(tx, actor, target.ID, last, passwordOK, r.RecoveryCode, entry); err != nil {
				return err
			}
		}
		if _, err := tx.RemovePasskey(target.ID, r.PasskeyID); err != nil {
			return err
		}
		entry.Detail = "passkey removed by the professional: " + name
		if last {
			entry.Detail = "last second factor (passkey " + name + ") removed by the professional (password and recovery code); recovery codes removed"
			if err := tx.ReplaceRecoveryCodes(target.ID, nil); err != nil {
				return err
			}
		}
		if d.Basis != audit.BasisSelf {
			entry.Detail = "passkey " + name + " removed by an administrator; sessions ended"
			if err := tx.EndSessionsOf(target.ID); err != nil {
				return err
			}
		}
		tx.AuditDecision(actor, d, entry)
		return nil
	})
}

// proveAway checks the professional's own proof for removing a passkey:
// a step-up beside another factor, the password and a recovery code for
// the last one.
func proveAway(tx *storage.Tx, actor *schakel.Actor, id int64, last, passwordOK bool, code string, entry audit.Entry) error {
	if !last {
		return refuseWithoutStepUp(tx, actor, entry)
	}
	return proveRemoval(tx, actor, id, passwordOK, code, entry)
}
