package storage

import (
	"database/sql"
	"errors"
	"fmt"

	"schakel"
	"schakel/internal/audit"
)

// ErrNotSessionOwner refuses a fresh login at the provider by someone
// other than the session's own professional.
var ErrNotSessionOwner = errors.New("step-up: the identity is not the session's professional")

// ProviderStepUp is a fresh authentication at the organisation's provider
// for a session that asked for it.
type ProviderStepUp struct {
	SessionHash string
	ProviderID  int64
	Subject     string
	ACR, AMR    string
}

// StepUpAtProvider records a fresh authentication at the provider on the
// session that asked for it, when the identity is linked to that session's
// own professional at the same provider; else it audits the refusal and
// returns ErrNotSessionOwner.
func (db *DB) StepUpAtProvider(ctx contextT, actor *schakel.Actor, in ProviderStepUp) error {
	var refused bool
	err := db.Update(ctx, func(tx *Tx) error {
		var owner int64
		var provider sql.NullInt64
		err := tx.queryRow(`SELECT professional_id, identity_provider_id FROM sessions WHERE id_hash = ? AND principal_kind = 'professional'`, in.SessionHash).
			Scan(&owner, &provider)
		if errors.Is(err, sql.ErrNoRows) {
			return schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw sessie is verlopen. Log opnieuw in.")
		} else if err != nil {
			return err
		}
		var linked int64
		err = tx.queryRow(`SELECT professional_id FROM professional_identities WHERE provider_id = ? AND subject = ?`, in.ProviderID, in.Subject).Scan(&linked)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		p, err := tx.professional(`p.id = ?`, owner)
		if err != nil {
			return err
		}
		a := *actor
		a.Professional = &p
		entry := audit.Entry{Event: audit.EventLogin, ResourceType: "step_up", AccessBasis: audit.BasisSelf, UserID: owner}
		if linked != owner || provider.Int64 != in.ProviderID {
			refused = true
			entry.Outcome, entry.AccessBasis = audit.Refused, audit.BasisNone
			entry.Detail = fmt.Sprintf("step-up refused: the provider authenticated another identity (provider %d)", in.ProviderID)
			tx.Audit(&a, entry)
			return nil
		}
		if _, err := tx.SteppedUpAtProvider(in.SessionHash, in.ACR, in.AMR); err != nil {
			return err
		}
		entry.Detail = "fresh authentication at the organisation's provider"
		a.Login = schakel.LoginStrength{Method: schakel.LoginOIDC, ACR: in.ACR, AMR: in.AMR}
		entry.Detail += "; login " + a.Login.String()
		tx.Audit(&a, entry)
		return nil
	})
	if err == nil && refused {
		err = ErrNotSessionOwner
	}
	return err
}
