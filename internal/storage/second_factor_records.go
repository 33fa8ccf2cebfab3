package storage

// Second factors: the authenticator app (TOTP), recovery codes, logins
// waiting for their second factor, and the organisation's requirement.
// SQL only; what counts as a right code is internal/totp's and the login
// use case's.

import (
	"database/sql"
	"errors"
	"time"

	"schakel/internal/sealed"
)

// TOTPFactor is a professional's authenticator app.
type TOTPFactor struct {
	Secret        string // base32; empty while only a pending key exists
	ConfirmedAt   *time.Time
	LastStep      int64
	PendingSecret string
	PendingAt     *time.Time
}

// Confirmed reports whether the app was confirmed with a code.
func (f TOTPFactor) Confirmed() bool { return f.Secret != "" && f.ConfirmedAt != nil }

// TOTPFactor returns a professional's app; ok is false when there is none.
func (tx *Tx) TOTPFactor(professionalID int64) (f TOTPFactor, ok bool, err error) {
	var conf, pend sql.NullTime
	err = tx.queryRow(`SELECT secret, confirmed_at, last_step, pending_secret, pending_at FROM totp_factors WHERE professional_id = ?`,
		professionalID).Scan(&f.Secret, &conf, &f.LastStep, &f.PendingSecret, &pend)
	if errors.Is(err, sql.ErrNoRows) {
		return TOTPFactor{}, false, nil
	} else if err != nil {
		return TOTPFactor{}, false, err
	}
	f.ConfirmedAt, f.PendingAt = nullTime(conf), nullTime(pend)
	if f.Secret, err = tx.db.Secrets.Open(f.Secret); err != nil {
		return TOTPFactor{}, false, err
	}
	if f.PendingSecret, err = tx.db.Secrets.Open(f.PendingSecret); err != nil {
		return TOTPFactor{}, false, err
	}
	return f, true, nil
}

// SetPendingTOTP stores a new key to be confirmed, next to a confirmed one.
func (tx *Tx) SetPendingTOTP(professionalID int64, secret string) error {
	secret, err := tx.db.Secrets.Seal(secret)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO totp_factors (professional_id, pending_secret, pending_at) VALUES (?, ?, ?)
		ON CONFLICT (professional_id) DO UPDATE SET pending_secret = excluded.pending_secret, pending_at = excluded.pending_at`,
		professionalID, secret, tx.now)
	return err
}

// ConfirmTOTP makes the pending key the app, with the step of the code that
// confirmed it as the last one used. It reports false when the pending key
// changed in the meantime (another screen made a new one).
func (tx *Tx) ConfirmTOTP(professionalID int64, pending string, step int64) (bool, error) {
	// The stored value is sealed with a fresh nonce: compare the opened
	// key, then set only that very stored value (a compare-and-set).
	var stored string
	err := tx.queryRow(`SELECT pending_secret FROM totp_factors WHERE professional_id = ?`, professionalID).Scan(&stored)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if plain, err := tx.db.Secrets.Open(stored); err != nil || plain != pending || pending == "" {
		return false, err
	}
	res, err := tx.exec(`UPDATE totp_factors SET secret = pending_secret, confirmed_at = ?, last_step = ?, pending_secret = '', pending_at = NULL
		WHERE professional_id = ? AND pending_secret = ? AND pending_secret <> ''`, tx.now, step, professionalID, stored)
	return affectedOne(res, err)
}

// SealTOTPSecrets seals every app key (professionals' and family
// members') written before encryption was turned on (or without a key),
// and returns how many it sealed. Run by serve at
// start; a second run finds nothing to do.
func (db *DB) SealTOTPSecrets(ctx contextT) (int, error) {
	if db.Secrets == nil {
		return 0, nil
	}
	n := 0
	err := db.Update(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT professional_id, secret, pending_secret FROM totp_factors`)
		if err != nil {
			return err
		}
		type row struct {
			id              int64
			secret, pending string
		}
		var todo []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.secret, &r.pending); err != nil {
				rows.Close()
				return err
			}
			if (r.secret != "" && !sealed.IsSealed(r.secret)) || (r.pending != "" && !sealed.IsSealed(r.pending)) {
				todo = append(todo, r)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range todo {
			if err := tx.sealRow(r.id, r.secret, r.pending); err != nil {
				return err
			}
			n++
		}
		families, err := tx.sealFamilyTOTP()
		n += families
		return err
	})
	return n, err
}

// sealFamilyTOTP seals the family members' app keys written unsealed. (A
// waiting family login's pending key lives ten minutes: not worth it.)
func (tx *Tx) sealFamilyTOTP() (int, error) {
	type row struct {
		id     int64
		secret string
	}
	var todo []row
	err := tx.eachRow(`SELECT id, totp_secret FROM family_accounts WHERE totp_secret <> ''`, nil, func(rs rowScanner) error {
		var r row
		if err := rs.Scan(&r.id, &r.secret); err != nil {
			return err
		}
		if !sealed.IsSealed(r.secret) {
			todo = append(todo, r)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, r := range todo {
		s, err := tx.db.Secrets.Seal(r.secret)
		if err != nil {
			return 0, err
		}
		if _, err := tx.exec(`UPDATE family_accounts SET totp_secret = ? WHERE id = ?`, s, r.id); err != nil {
			return 0, err
		}
	}
	return len(todo), nil
}

func (tx *Tx) sealRow(id int64, secret, pending string) error {
	var err error
	if !sealed.IsSealed(secret) {
		if secret, err = tx.db.Secrets.Seal(secret); err != nil {
			return err
		}
	}
	if !sealed.IsSealed(pending) {
		if pending, err = tx.db.Secrets.Seal(pending); err != nil {
			return err
		}
	}
	_, err = tx.exec(`UPDATE totp_factors SET secret = ?, pending_secret = ? WHERE professional_id = ?`, secret, pending, id)
	return err
}

// AdvanceTOTPStep records that a code of step was accepted, only if no
// code of that step or a later one was accepted before: a compare-and-set,
// so that of two requests with one code (also at once, on two servers)
// exactly one passes.
func (tx *Tx) AdvanceTOTPStep(professionalID, step int64) (bool, error) {
	res, err := tx.exec(`UPDATE totp_factors SET last_step = ? WHERE professional_id = ? AND secret <> '' AND last_step < ?`,
		step, professionalID, step)
	return affectedOne(res, err)
}

// RemoveSecondFactors removes the app, every passkey and the recovery codes.
func (tx *Tx) RemoveSecondFactors(professionalID int64) error {
	for _, q := range []string{`DELETE FROM totp_factors WHERE professional_id = ?`, `DELETE FROM passkeys WHERE professional_id = ?`,
		`DELETE FROM recovery_codes WHERE professional_id = ?`} {
		if _, err := tx.exec(q, professionalID); err != nil {
			return err
		}
	}
	return nil
}

// RemoveTOTP removes the app alone (passkeys and recovery codes stay).
func (tx *Tx) RemoveTOTP(professionalID int64) error {
	_, err := tx.exec(`DELETE FROM totp_factors WHERE professional_id = ?`, professionalID)
	return err
}

// ReplaceRecoveryCodes replaces every recovery code by new ones (hashes).
func (tx *Tx) ReplaceRecoveryCodes(professionalID int64, hashes []string) error {
	if _, err := tx.exec(`DELETE FROM recovery_codes WHERE professional_id = ?`, professionalID); err != nil {
		return err
	}
	for _, h := range hashes {
		if _, err := tx.exec(`INSERT INTO recovery_codes (professional_id, code_hash, created_at) VALUES (?, ?, ?)`, professionalID, h, tx.now); err != nil {
			return err
		}
	}
	return nil
}

// UseRecoveryCode marks an unused code as used; false when it is unknown
// or was used before (a compare-and-set, like AdvanceTOTPStep).
func (tx *Tx) UseRecoveryCode(professionalID int64, hash string) (bool, error) {
	res, err := tx.exec(`UPDATE recovery_codes SET used_at = ? WHERE professional_id = ? AND code_hash = ? AND used_at IS NULL`,
		tx.now, professionalID, hash)
	return affectedOne(res, err)
}

// RecoveryCodesLeft counts a professional's unused recovery codes.
func (tx *Tx) RecoveryCodesLeft(professionalID int64) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM recovery_codes WHERE professional_id = ? AND used_at IS NULL`, professionalID).Scan(&n)
	return n, err
}

// SecondFactorRequired reports whether an organisation requires a second
// factor of its local accounts.
func (tx *Tx) SecondFactorRequired(organisationID int64) (bool, error) {
	var req bool
	err := tx.queryRow(`SELECT second_factor_required FROM organisations WHERE id = ?`, organisationID).Scan(&req)
	if errors.Is(err, sql.ErrNoRows) {
		return false, notFound("Organisatie")
	}
	return req, err
}

// SetSecondFactorRequired sets the organisation's requirement.
func (tx *Tx) SetSecondFactorRequired(organisationID int64, required bool) error {
	_, err := tx.exec(`UPDATE organisations SET second_factor_required = ? WHERE id = ?`, required, organisationID)
	return err
}

func affectedOne(res sql.Result, err error) (bool, error) {
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// HasSecondFactor reports whether a professional has a confirmed app or a
// passkey.
func (db *DB) HasSecondFactor(ctx contextT, professionalID int64) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(hasFactorSQL), professionalID, professionalID).Scan(&n)
	return n > 0, err
}

// HasSecondFactor is DB.HasSecondFactor in the transaction.
func (tx *Tx) HasSecondFactor(professionalID int64) (bool, error) {
	var n int
	err := tx.queryRow(hasFactorSQL, professionalID, professionalID).Scan(&n)
	return n > 0, err
}

const hasFactorSQL = `SELECT (SELECT COUNT(*) FROM totp_factors WHERE professional_id = ? AND secret <> '' AND confirmed_at IS NOT NULL)
		+ (SELECT COUNT(*) FROM passkeys WHERE professional_id = ?)`
