package storage

// A family member's second factor: the app key on the account, recovery
// codes, and logins (or activations) that wait for a code. SQL only; what
// counts as a right code is internal/totp's and the family login use
// case's.

import (
	"database/sql"
	"errors"
	"time"
)

// FamilyChallenge is a family login or activation that waits for its
// second factor. An activation carries the code it will use and the chosen
// username and password hash.
type FamilyChallenge struct {
	AccountID     int64
	Purpose       string // ChallengeVerify or ChallengeEnrol
	InvitationID  int64  // 0 when no activation code waits
	Username      string
	PasswordHash  string
	PendingSecret string
	Failures      int
}

// CreateFamilyChallenge stores a waiting family login by the hash of its
// secret; expired ones of anyone are cleared on the way.
func (tx *Tx) CreateFamilyChallenge(idHash string, c FamilyChallenge, ttl time.Duration) error {
	if _, err := tx.exec(`DELETE FROM family_login_challenges WHERE expires_at < ?`, tx.now); err != nil {
		return err
	}
	var inv any
	if c.InvitationID != 0 {
		inv = c.InvitationID
	}
	pending, err := tx.db.Secrets.Seal(c.PendingSecret)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO family_login_challenges (id_hash, account_id, purpose, invitation_id, username, password_hash, pending_secret, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, idHash, c.AccountID, c.Purpose, inv, c.Username, c.PasswordHash, pending, tx.now, tx.now.Add(ttl))
	return err
}

// FamilyChallenge returns a live waiting family login, or an
// unauthenticated error when it is unknown, used or expired.
func (tx *Tx) FamilyChallenge(idHash string) (FamilyChallenge, error) {
	var c FamilyChallenge
	var inv sql.NullInt64
	var expires time.Time
	err := tx.queryRow(`SELECT account_id, purpose, invitation_id, username, password_hash, pending_secret, failures, expires_at
		FROM family_login_challenges WHERE id_hash = ?`, idHash).Scan(&c.AccountID, &c.Purpose, &inv, &c.Username, &c.PasswordHash, &c.PendingSecret, &c.Failures, &expires)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !tx.now.Before(expires)) {
		return FamilyChallenge{}, errChallengeGone
	}
	if err != nil {
		return FamilyChallenge{}, err
	}
	c.InvitationID = inv.Int64
	if c.PendingSecret, err = tx.db.Secrets.Open(c.PendingSecret); err != nil {
		return FamilyChallenge{}, err
	}
	return c, nil
}

// FamilyChallengeFailed counts a wrong code and returns the failures so far.
func (tx *Tx) FamilyChallengeFailed(idHash string) (int, error) {
	if _, err := tx.exec(`UPDATE family_login_challenges SET failures = failures + 1 WHERE id_hash = ?`, idHash); err != nil {
		return 0, err
	}
	var n int
	err := tx.queryRow(`SELECT failures FROM family_login_challenges WHERE id_hash = ?`, idHash).Scan(&n)
	return n, err
}

// EndFamilyChallenge removes a waiting login; false when another request
// used it first.
func (tx *Tx) EndFamilyChallenge(idHash string) (bool, error) {
	res, err := tx.exec(`DELETE FROM family_login_challenges WHERE id_hash = ?`, idHash)
	return affectedOne(res, err)
}

// FamilyTOTP returns an account's confirmed app key ("" when none) and the
// step of the last code accepted.
func (tx *Tx) FamilyTOTP(accountID int64) (secret string, lastStep int64, err error) {
	err = tx.queryRow(`SELECT totp_secret, totp_last_step FROM family_accounts WHERE id = ?`, accountID).Scan(&secret, &lastStep)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, notFound("Account")
	} else if err != nil {
		return "", 0, err
	}
	if secret, err = tx.db.Secrets.Open(secret); err != nil {
		return "", 0, err
	}
	return secret, lastStep, nil
}

// SetFamilyTOTP makes secret the account's app, with the step of the code
// that confirmed it as the last one used.
func (tx *Tx) SetFamilyTOTP(accountID int64, secret string, step int64) error {
	secret, err := tx.db.Secrets.Seal(secret)
	if err != nil {
		return err
	}
	_, err = tx.exec(`UPDATE family_accounts SET totp_secret = ?, totp_last_step = ? WHERE id = ?`, secret, step, accountID)
	return err
}

// AdvanceFamilyTOTPStep records that a code of step was accepted, only if
// no code of that step or later was: a compare-and-set against replay.
func (tx *Tx) AdvanceFamilyTOTPStep(accountID, step int64) (bool, error) {
	res, err := tx.exec(`UPDATE family_accounts SET totp_last_step = ? WHERE id = ? AND totp_secret <> '' AND totp_last_step < ?`, step, accountID, step)
	return affectedOne(res, err)
}

// ReplaceFamilyRecoveryCodes replaces an account's recovery codes (hashes).
func (tx *Tx) ReplaceFamilyRecoveryCodes(accountID int64, hashes []string) error {
	if _, err := tx.exec(`DELETE FROM family_recovery_codes WHERE account_id = ?`, accountID); err != nil {
		return err
	}
	for _, h := range hashes {
		if _, err := tx.exec(`INSERT INTO family_recovery_codes (account_id, code_hash, created_at) VALUES (?, ?, ?)`, accountID, h, tx.now); err != nil {
			return err
		}
	}
	return nil
}

// UseFamilyRecoveryCode marks an unused code as used; false when it is
// unknown or was used before.
func (tx *Tx) UseFamilyRecoveryCode(accountID int64, hash string) (bool, error) {
	res, err := tx.exec(`UPDATE family_recovery_codes SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at IS NULL`, tx.now, accountID, hash)
	return affectedOne(res, err)
}
