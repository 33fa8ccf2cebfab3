package storage

// Passkeys (WebAuthn) of professionals, and the ceremonies under way. SQL
// only; what counts as a right answer is internal/passkey's (the WebAuthn
// library's) and the use cases' in internal/app.

import (
	"database/sql"
	"errors"
	"time"
)

// Ceremony purposes: enrolling a passkey, the second step of a login, and
// a step-up.
const (
	CeremonyRegister = "register"
	CeremonyLogin    = "login"
	CeremonyStepUp   = "step_up"
)

// Passkey is one of a professional's passkeys.
type Passkey struct {
	ID             int64
	ProfessionalID int64
	CredentialID   string // base64url, as authenticators name it
	Name           string
	Credential     []byte // the WebAuthn library's record (JSON)
	SignCount      int64
	CloneWarning   bool
	CreatedAt      time.Time
	LastUsedAt     *time.Time
}

// Passkeys lists a professional's passkeys, oldest first.
func (tx *Tx) Passkeys(professionalID int64) ([]Passkey, error) {
	out := []Passkey{}
	err := tx.eachRow(`SELECT id, professional_id, credential_id, name, credential, sign_count, clone_warning, created_at, last_used_at
		FROM passkeys WHERE professional_id = ? ORDER BY id`, []any{professionalID}, func(rs rowScanner) error {
		var p Passkey
		var cred string
		var used sql.NullTime
		if err := rs.Scan(&p.ID, &p.ProfessionalID, &p.CredentialID, &p.Name, &cred, &p.SignCount, &p.CloneWarning, &p.CreatedAt, &used); err != nil {
			return err
		}
		p.Credential, p.CreatedAt, p.LastUsedAt = []byte(cred), p.CreatedAt.UTC(), nullTime(used)
		out = append(out, p)
		return nil
	})
	return out, err
}

// InsertPasskey stores a new passkey and returns its id. A credential id
// that exists already (of anyone) fails on the unique constraint.
func (tx *Tx) InsertPasskey(p Passkey) (int64, error) {
	return tx.insert(`INSERT INTO passkeys (professional_id, credential_id, name, credential, sign_count, clone_warning, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ProfessionalID, p.CredentialID, p.Name, string(p.Credential), p.SignCount, p.CloneWarning, tx.now)
}

// PasskeyCredentialTaken reports whether a credential id is stored already.
func (tx *Tx) PasskeyCredentialTaken(credentialID string) (bool, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM passkeys WHERE credential_id = ?`, credentialID).Scan(&n)
	return n > 0, err
}

// PasskeyUsed records a use: the updated record, its counter, a clone
// warning (which stays once set) and the time.
func (tx *Tx) PasskeyUsed(id int64, credential []byte, signCount int64, cloneWarning bool) error {
	_, err := tx.exec(`UPDATE passkeys SET credential = ?, sign_count = ?, clone_warning = (clone_warning OR ?), last_used_at = ? WHERE id = ?`,
		string(credential), signCount, cloneWarning, tx.now, id)
	return err
}

// RenamePasskey renames one of a professional's passkeys; false when they
// have no such passkey.
func (tx *Tx) RenamePasskey(professionalID, id int64, name string) (bool, error) {
	res, err := tx.exec(`UPDATE passkeys SET name = ? WHERE id = ? AND professional_id = ?`, name, id, professionalID)
	return affectedOne(res, err)
}

// RemovePasskey removes one of a professional's passkeys; false when they
// have no such passkey.
func (tx *Tx) RemovePasskey(professionalID, id int64) (bool, error) {
	res, err := tx.exec(`DELETE FROM passkeys WHERE id = ? AND professional_id = ?`, id, professionalID)
	return affectedOne(res, err)
}

// BeginCeremony keeps a ceremony's state for its owner (the hash of a
// session's, token's or waiting login's secret) and purpose, replacing one
// begun before; expired ones of anyone are cleared on the way.
func (tx *Tx) BeginCeremony(owner, purpose string, professionalID int64, state []byte, ttl time.Duration) error {
	if _, err := tx.exec(`DELETE FROM passkey_ceremonies WHERE expires_at < ?`, tx.now); err != nil {
		return err
	}
	_, err := tx.exec(`INSERT INTO passkey_ceremonies (owner_hash, purpose, professional_id, session_data, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (owner_hash, purpose) DO UPDATE SET professional_id = excluded.professional_id, session_data = excluded.session_data,
		created_at = excluded.created_at, expires_at = excluded.expires_at`, owner, purpose, professionalID, string(state), tx.now, tx.now.Add(ttl))
	return err
}

// TakeCeremony removes the owner's live ceremony of purpose and returns
// it: a ceremony is answered once. ok is false when there is none, it
// expired (it stays until the next BeginCeremony clears it), or another
// request took it first.
func (tx *Tx) TakeCeremony(owner, purpose string) (professionalID int64, state []byte, ok bool, err error) {
	var s string
	err = tx.queryRow(`SELECT professional_id, session_data FROM passkey_ceremonies WHERE owner_hash = ? AND purpose = ? AND expires_at > ?`,
		owner, purpose, tx.now).Scan(&professionalID, &s)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, false, nil
	} else if err != nil {
		return 0, nil, false, err
	}
	res, err := tx.exec(`DELETE FROM passkey_ceremonies WHERE owner_hash = ? AND purpose = ?`, owner, purpose)
	if taken, err := affectedOne(res, err); err != nil || !taken {
		return 0, nil, false, err
	}
	return professionalID, []byte(s), true, nil
}
