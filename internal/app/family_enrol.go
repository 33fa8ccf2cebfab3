package app

import (
	"schakel"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/storage"
)

// enrolFamily makes the confirmed key the account's app and gives it ten
// recovery codes (returned once). A waiting activation uses its code now
// and sets the chosen username and password: only an activation code plus
// an app make an account.
func enrolFamily(tx *storage.Tx, actor *schakel.Actor, ch storage.FamilyChallenge, acc storage.FamilyAccount, step int64) ([]string, error) {
	persons := []int64{acc.PersonID}
	if ch.InvitationID != 0 {
		if ok, err := tx.UseFamilyInvitation(ch.InvitationID); err != nil || !ok {
			return nil, firstErr(err, errFamilyCodeGone)
		}
		if taken, err := tx.UsernameTaken(ch.Username, acc.ID); err != nil || taken {
			return nil, firstErr(err, errUsernameTaken)
		}
		if err := tx.ActivateFamilyAccount(acc.ID, ch.Username, ch.PasswordHash); err != nil {
			return nil, err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "family_account", ResourceID: itoa(acc.ID),
			AccessBasis: audit.BasisSelf, Persons: persons, Detail: "activated with a one-time code and an authenticator app"})
	}
	if err := tx.SetFamilyTOTP(acc.ID, ch.PendingSecret, step); err != nil {
		return nil, err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "family_totp", ResourceID: itoa(acc.ID),
		AccessBasis: audit.BasisSelf, Persons: persons, Detail: "authenticator app set up"})
	codes := make([]string, RecoveryCodeCount)
	hashes := make([]string, RecoveryCodeCount)
	for i := range codes {
		c, err := auth.NewActivationCode()
		if err != nil {
			return nil, err
		}
		codes[i], hashes[i] = c, auth.HashSecret(auth.NormalizeActivationCode(c))
	}
	if err := tx.ReplaceFamilyRecoveryCodes(acc.ID, hashes); err != nil {
		return nil, err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "family_recovery_codes", ResourceID: itoa(acc.ID),
		AccessBasis: audit.BasisSelf, Persons: persons, Detail: "ten new recovery codes"})
	return codes, nil
}
