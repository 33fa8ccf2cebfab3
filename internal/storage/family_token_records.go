package storage

// A family member's API tokens: rows of api_tokens whose principal is the
// family member (principal_kind 'family_member', no professional). SQL
// only; who may issue or revoke one is the use case's.

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"schakel"
)

// FamilyToken is one of a family member's API tokens (never the secret).
type FamilyToken struct {
	ID         int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// InsertFamilyToken stores a new token of a family account by its hash.
func (tx *Tx) InsertFamilyToken(accountID int64, name, hash string) (int64, error) {
	return tx.insert(`INSERT INTO api_tokens (professional_id, principal_kind, principal_id, name, token_hash, created_at) VALUES (NULL, ?, ?, ?, ?, ?)`,
		string(schakel.PrincipalFamilyMember), accountID, name, hash, tx.now)
}

// FamilyTokens lists an account's tokens that are not revoked, newest first.
func (tx *Tx) FamilyTokens(accountID int64) ([]FamilyToken, error) {
	rows, err := tx.query(`SELECT id, name, created_at, last_used_at FROM api_tokens WHERE principal_kind = ? AND principal_id = ? AND revoked_at IS NULL
		ORDER BY id DESC`, string(schakel.PrincipalFamilyMember), accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []FamilyToken{}
	for rows.Next() {
		var t FamilyToken
		var used sql.NullTime
		if err := rows.Scan(&t.ID, &t.Name, &t.CreatedAt, &used); err != nil {
			return nil, err
		}
		t.CreatedAt, t.LastUsedAt = t.CreatedAt.UTC(), nullTime(used)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeFamilyToken revokes one token of the account; false when the
// account has no such live token.
func (tx *Tx) RevokeFamilyToken(accountID, id int64) (bool, error) {
	res, err := tx.exec(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND principal_kind = ? AND principal_id = ? AND revoked_at IS NULL`,
		tx.now, id, string(schakel.PrincipalFamilyMember), accountID)
	return affectedOne(res, err)
}

// TokenFamilyMember returns the family member of a live family token; an
// unknown, revoked or professional's token, or an inactive account, is
// unauthenticated.
func (db *DB) TokenFamilyMember(ctx context.Context, hash string) (schakel.FamilyMember, error) {
	var tid, aid int64
	var used sql.NullTime
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT t.id, t.principal_id, t.last_used_at FROM api_tokens t JOIN family_accounts a ON a.id = t.principal_id
		WHERE t.token_hash = ? AND t.principal_kind = 'family_member' AND t.revoked_at IS NULL AND a.active = TRUE`), hash).Scan(&tid, &aid, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return schakel.FamilyMember{}, schakel.Errorf(schakel.EUNAUTHENTICATED, "Dit token is onbekend of ingetrokken.")
	} else if err != nil {
		return schakel.FamilyMember{}, err
	}
	now := db.Now().UTC()
	if !used.Valid || now.Sub(used.Time) > time.Minute {
		if _, err := db.write.ExecContext(ctx, db.dialect.rebind(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`), now, tid); err != nil {
			return schakel.FamilyMember{}, err
		}
	}
	var m schakel.FamilyMember
	err = db.View(ctx, func(tx *Tx) error {
		a, err := tx.FamilyAccountByID(aid)
		m = a.Member()
		return err
	})
	return m, err
}
