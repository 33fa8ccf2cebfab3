package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/audit"
)

// OIDCFlow is a login at a provider in progress, kept by the hash of its
// state and used once.
type OIDCFlow struct {
	StateHash  string
	NonceHash  string
	ProviderID int64
	Next       string
	// StepUpSession is the hash of the session this login steps up
	// (a fresh authentication before a risky act); "" opens a session.
	StepUpSession string
	StartedAt     time.Time
}

// StartOIDCFlow stores a flow that ends after ttl, and clears flows that
// ended unused.
func (db *DB) StartOIDCFlow(ctx contextT, f OIDCFlow, ttl time.Duration) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM oidc_flows WHERE expires_at < ?`, tx.now); err != nil {
			return err
		}
		_, err := tx.exec(`INSERT INTO oidc_flows (state_hash, provider_id, nonce_hash, next_path, created_at, expires_at, step_up_session) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			f.StateHash, f.ProviderID, f.NonceHash, f.Next, tx.now, tx.now.Add(ttl), f.StepUpSession)
		return err
	})
}

// TakeOIDCFlow removes and returns the live flow with this state hash: a
// state is good for one callback only. Not found when it is unknown, used
// or expired.
func (db *DB) TakeOIDCFlow(ctx contextT, stateHash string) (OIDCFlow, error) {
	f := OIDCFlow{StateHash: stateHash}
	err := db.Update(ctx, func(tx *Tx) error {
		var expires time.Time
		err := tx.queryRow(`DELETE FROM oidc_flows WHERE state_hash = ? RETURNING provider_id, nonce_hash, next_path, expires_at, step_up_session, created_at`, stateHash).
			Scan(&f.ProviderID, &f.NonceHash, &f.Next, &expires, &f.StepUpSession, &f.StartedAt)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && tx.now.After(expires)) {
			return notFound("Inlogpoging")
		}
		return err
	})
	return f, err
}

// OIDCLogin is what a verified ID token says, for opening a session.
type OIDCLogin struct {
	ProviderID  int64
	Subject     string
	Claim       string // the value of the provider's configured claim
	SessionHash string
	MaxAge      time.Duration
	// What the provider said of the authentication, for the strength of
	// the session: when it happened, its context class and methods.
	AuthTime time.Time
	ACR, AMR string
}

// IdentityProvider returns the identity provider with this id.
func (tx *Tx) IdentityProvider(id int64) (schakel.IdentityProvider, error) {
	return tx.identityProvider(`id = ?`, id)
}

// LinkIdentity links a provider's subject to a professional for good, at
// the first login by the claim, and audits it.
func (tx *Tx) LinkIdentity(actor *schakel.Actor, prov schakel.IdentityProvider, subject string, professionalID int64) error {
	if _, err := tx.exec(`INSERT INTO professional_identities (provider_id, subject, professional_id, linked_at) VALUES (?, ?, ?, ?)`,
		prov.ID, subject, professionalID, tx.now); err != nil {
		return err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "professional_identity", ResourceID: fmt.Sprint(professionalID),
		AccessBasis: audit.BasisSelf, Detail: fmt.Sprintf("linked to %s at first login by %s", prov.Issuer, prov.MatchOn)})
	return nil
}

// OpenOIDCSession opens the session of a login at provider prov.
func (tx *Tx) OpenOIDCSession(actor *schakel.Actor, prov schakel.IdentityProvider, in OIDCLogin) error {
	return tx.openSession(actor, in.SessionHash, in.MaxAge, SessionStart{Method: schakel.LoginOIDC, ProviderID: prov.ID,
		ACR: in.ACR, AMR: in.AMR, ProvedAt: in.AuthTime})
}

// IdentityOwner finds the professional of an identity: by its subject,
// or else by the claim's value (as sso.MatchValue gives it) within the
// provider's organisation. linked is 1 when the subject was linked before,
// 0 when the claim matched a professional not linked yet, and -1 when it
// matched one linked to another subject; id is 0 when nobody matched.
func (tx *Tx) IdentityOwner(prov schakel.IdentityProvider, subject, matchValue string) (id int64, linked int, err error) {
	err = tx.queryRow(`SELECT professional_id FROM professional_identities WHERE provider_id = ? AND subject = ?`, prov.ID, subject).Scan(&id)
	if err == nil {
		return id, 1, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return 0, 0, err
	}
	column := map[schakel.IdentityMatch]string{schakel.MatchEmail: "email", schakel.MatchEmployeeNumber: "employee_number"}[prov.MatchOn]
	if column == "" {
		return 0, 0, fmt.Errorf("identity provider %d matches on %q", prov.ID, prov.MatchOn)
	}
	err = tx.queryRow(`SELECT id FROM professionals WHERE organisation_id = ? AND `+column+` = ? AND `+column+` <> ''`,
		prov.OrganisationID, matchValue).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	} else if err != nil {
		return 0, 0, err
	}
	var other int
	if err := tx.queryRow(`SELECT COUNT(*) FROM professional_identities WHERE provider_id = ? AND professional_id = ?`, prov.ID, id).Scan(&other); err != nil {
		return 0, 0, err
	}
	if other > 0 {
		return id, -1, nil
	}
	return id, 0, nil
}

// AuditOIDCRefusal audits a login at a provider that opened no session.
func (tx *Tx) AuditOIDCRefusal(actor *schakel.Actor, orgID, professionalID int64, reason string) {
	tx.Audit(&schakel.Actor{ClientAddr: actor.ClientAddr, Workstation: actor.Workstation}, audit.Entry{Event: audit.EventLogin, Outcome: audit.Refused,
		UserID: professionalID, OrganisationID: orgID, ResourceType: "session", AccessBasis: audit.BasisNone, Detail: "method oidc: " + reason})
}

// RecordOIDCFailure audits a login at a provider that failed before an
// identity was known (a wrong state, a refused code, a bad token, a
// provider that is down). The provider's organisation is recorded so that
// its privacy officer sees the attempts.
func (db *DB) RecordOIDCFailure(ctx contextT, actor *schakel.Actor, providerID int64, reason string) error {
	return db.Update(ctx, func(tx *Tx) error {
		var orgID int64
		if providerID != 0 {
			err := tx.queryRow(`SELECT organisation_id FROM identity_providers WHERE id = ?`, providerID).Scan(&orgID)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		tx.AuditOIDCRefusal(actor, orgID, 0, reason)
		return nil
	})
}

// TellAdminsUnknown puts text (about an identity the provider vouched
// for that has no account) in the work list of every active
// administrator of the organisation, unless an unread one with the same
// text is there already.
func (tx *Tx) TellAdminsUnknown(organisationID int64, text string) error {
	rows, err := tx.query(`SELECT p.id FROM professionals p JOIN professional_roles r ON r.professional_id = p.id AND r.role = ?
		WHERE p.organisation_id = ? AND p.active = TRUE AND NOT EXISTS (SELECT 1 FROM notifications n
		WHERE n.professional_id = p.id AND n.kind = 'sso_unknown' AND n.text = ? AND n.read_at IS NULL) ORDER BY p.id`,
		string(schakel.RoleAdmin), organisationID, text)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if err := tx.notify(id, "sso_unknown", 0, 0, text); err != nil {
			return err
		}
	}
	return nil
}

// SessionIdentityProvider returns the provider a session began at, or 0
// for a password login or an unknown session.
func (db *DB) SessionIdentityProvider(ctx contextT, idHash string) (int64, error) {
	var id sql.NullInt64
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT identity_provider_id FROM sessions WHERE id_hash = ?`), idHash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id.Int64, err
}

// EndSession ends a browser session (logout) and audits it with how it
// began. It returns the identity provider of a session that began there
// (0 otherwise), for logging out at the provider too. An unknown session
// ends quietly.
func (db *DB) EndSession(ctx contextT, actor *schakel.Actor, idHash string) (int64, error) {
	var provider sql.NullInt64
	err := db.Update(ctx, func(tx *Tx) error {
		var pid sql.NullInt64
		var method string
		err := tx.queryRow(`DELETE FROM sessions WHERE id_hash = ? RETURNING professional_id, login_method, identity_provider_id`, idHash).
			Scan(&pid, &method, &provider)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !pid.Valid) {
			return nil // unknown, or not a professional's: nothing to record here
		} else if err != nil {
			return err
		}
		p, err := tx.professional(`p.id = ?`, pid.Int64)
		if err != nil {
			return err
		}
		a := *actor
		a.Professional = &p
		tx.Audit(&a, audit.Entry{Event: audit.EventLogout, ResourceType: "session", AccessBasis: audit.BasisSelf, Detail: "method " + method})
		return nil
	})
	return provider.Int64, err
}
