package storage

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"schakel"
)

// FamilyAccount is a family member's account as stored.
type FamilyAccount struct {
	ID           int64
	PersonID     int64
	CaseID       int64
	FamilyID     int64
	Name         string // the person's given names and family name
	Username     string // empty until activated
	PasswordHash string
	Active       bool
	BirthDate    *time.Time
}

// Member returns the account as the principal of an actor.
func (a FamilyAccount) Member() schakel.FamilyMember {
	return schakel.FamilyMember{ID: a.ID, PersonID: a.PersonID, FamilyID: a.FamilyID, Name: a.Name}
}

const familyAccountColumns = `a.id, a.person_id, a.case_id, p.family_id, p.given_names, p.family_name, COALESCE(a.username, ''), a.password_hash, a.active, p.birth_date`

func scanFamilyAccount(row oneRow) (FamilyAccount, error) {
	var a FamilyAccount
	var given, family string
	var birth sql.NullTime
	err := row.Scan(&a.ID, &a.PersonID, &a.CaseID, &a.FamilyID, &given, &family, &a.Username, &a.PasswordHash, &a.Active, &birth)
	if errors.Is(err, sql.ErrNoRows) {
		return a, notFound("Account")
	}
	a.Name, a.BirthDate = strings.TrimSpace(given+" "+family), nullTime(birth)
	return a, err
}

// FamilyAccountOf returns the account of a person; not found when the
// person has none.
func (tx *Tx) FamilyAccountOf(personID int64) (FamilyAccount, error) {
	return scanFamilyAccount(tx.queryRow(`SELECT `+familyAccountColumns+` FROM family_accounts a JOIN persons p ON p.id = a.person_id WHERE a.person_id = ?`, personID))
}

// FamilyAccountByID returns an account by its id.
func (tx *Tx) FamilyAccountByID(id int64) (FamilyAccount, error) {
	return scanFamilyAccount(tx.queryRow(`SELECT `+familyAccountColumns+` FROM family_accounts a JOIN persons p ON p.id = a.person_id WHERE a.id = ?`, id))
}

// FamilyAccountByUsername returns an activated account by its username
// (normalized by the caller).
func (tx *Tx) FamilyAccountByUsername(username string) (FamilyAccount, error) {
	return scanFamilyAccount(tx.queryRow(`SELECT `+familyAccountColumns+` FROM family_accounts a JOIN persons p ON p.id = a.person_id WHERE a.username = ?`, username))
}

// InsertFamilyAccount creates the not yet activated account of a person.
func (tx *Tx) InsertFamilyAccount(personID, caseID, by int64) (int64, error) {
	return tx.insert(`INSERT INTO family_accounts (person_id, case_id, created_by, created_at) VALUES (?, ?, ?, ?)`, personID, caseID, by, tx.now)
}

// UsernameTaken reports whether another account has this username.
func (tx *Tx) UsernameTaken(username string, except int64) (bool, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM family_accounts WHERE username = ? AND id <> ?`, username, except).Scan(&n)
	return n > 0, err
}

// ActivateFamilyAccount sets the chosen username and password hash.
func (tx *Tx) ActivateFamilyAccount(id int64, username, hash string) error {
	_, err := tx.exec(`UPDATE family_accounts SET username = ?, password_hash = ?, active = TRUE, activated_at = ? WHERE id = ?`, username, hash, tx.now, id)
	return err
}

// FamilyInvitation is one activation code as stored (never the code).
type FamilyInvitation struct {
	ID        int64
	AccountID int64
	PersonID  int64
	CreatedBy schakel.Contact
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
}

// InsertFamilyInvitation stores a new code's hash and revokes the
// account's earlier codes that were not used: one code is valid at a time.
func (tx *Tx) InsertFamilyInvitation(accountID int64, codeHash string, by int64, expires time.Time) (int64, error) {
	if _, err := tx.exec(`UPDATE family_invitations SET revoked_at = ? WHERE account_id = ? AND used_at IS NULL AND revoked_at IS NULL`, tx.now, accountID); err != nil {
		return 0, err
	}
	return tx.insert(`INSERT INTO family_invitations (account_id, code_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		accountID, codeHash, by, tx.now, expires)
}

const familyInvitationColumns = `i.id, i.account_id, a.person_id, b.id, b.name, i.created_at, i.expires_at, i.used_at, i.revoked_at`

func scanFamilyInvitations(rows rowSet, err error) ([]FamilyInvitation, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []FamilyInvitation{}
	for rows.Next() {
		var i FamilyInvitation
		var used, revoked sql.NullTime
		if err := rows.Scan(&i.ID, &i.AccountID, &i.PersonID, &i.CreatedBy.ID, &i.CreatedBy.Name, &i.CreatedAt, &i.ExpiresAt, &used, &revoked); err != nil {
			return nil, err
		}
		i.CreatedAt, i.ExpiresAt, i.UsedAt, i.RevokedAt = i.CreatedAt.UTC(), i.ExpiresAt.UTC(), nullTime(used), nullTime(revoked)
		out = append(out, i)
	}
	return out, rows.Err()
}

// FamilyInvitationByCode returns the invitation with this code hash.
func (tx *Tx) FamilyInvitationByCode(codeHash string) (FamilyInvitation, error) {
	is, err := scanFamilyInvitations(tx.query(`SELECT `+familyInvitationColumns+` FROM family_invitations i
		JOIN family_accounts a ON a.id = i.account_id JOIN professionals b ON b.id = i.created_by WHERE i.code_hash = ?`, codeHash))
	if err != nil {
		return FamilyInvitation{}, err
	}
	if len(is) == 0 {
		return FamilyInvitation{}, notFound("Activatiecode")
	}
	return is[0], nil
}

// FamilyInvitations lists the invitations of a case's family members,
// newest first.
func (tx *Tx) FamilyInvitations(caseID int64) ([]FamilyInvitation, error) {
	return scanFamilyInvitations(tx.query(`SELECT `+familyInvitationColumns+` FROM family_invitations i
		JOIN family_accounts a ON a.id = i.account_id JOIN professionals b ON b.id = i.created_by WHERE a.case_id = ? ORDER BY i.id DESC`, caseID))
}

// UseFamilyInvitation marks a code used, once: false when it already was,
// or was replaced or expired meanwhile.
func (tx *Tx) UseFamilyInvitation(id int64) (bool, error) {
	res, err := tx.exec(`UPDATE family_invitations SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?`, tx.now, id, tx.now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
