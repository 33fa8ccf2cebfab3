package storage

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"schakel"
	"schakel/internal/audit"
)

// CreateSession stores a new browser session (by the hash of its id).
func (db *DB) CreateSession(ctx context.Context, actor *schakel.Actor, idHash string, maxAge time.Duration) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.CreateSession(actor, idHash, maxAge) })
}

// CreateSession stores a new browser session in this transaction, so that
// a login settles its limits and opens its session at once.
func (tx *Tx) CreateSession(actor *schakel.Actor, idHash string, maxAge time.Duration) error {
	return tx.openSession(actor, idHash, maxAge, SessionStart{Method: schakel.LoginPassword})
}

// SessionProfessional returns the professional of a live session. A session
// idle for longer than idle, past its absolute expiry, or of a disabled
// account is gone. The last-seen time is written at most once a minute so
// that browsing does not turn every page into a write.
func (db *DB) SessionProfessional(ctx context.Context, idHash string, idle time.Duration) (schakel.Professional, error) {
	p, _, err := db.SessionLogin(ctx, idHash, idle)
	return p, err
}

// SessionLogin is SessionProfessional with the strength of the session's
// login: its method, the factor last shown and when, and what the
// organisation's provider said of it (acr, amr).
func (db *DB) SessionLogin(ctx context.Context, idHash string, idle time.Duration) (schakel.Professional, schakel.LoginStrength, error) {
	var lastSeen, expires time.Time
	var ls schakel.LoginStrength
	var proved sql.NullTime
	// The session with its professional in one statement: every request
	// of a logged-in professional runs it.
	p, err := scanProfessional(db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT `+professionalColumns+`,
		s.last_seen_at, s.expires_at, s.login_method, s.second_factor, s.factor_at, s.acr, s.amr FROM sessions s
		JOIN professionals p ON p.id = s.professional_id JOIN organisations o ON o.id = p.organisation_id
		WHERE s.id_hash = ? AND s.principal_kind = 'professional' AND p.active = TRUE`), idHash),
		&lastSeen, &expires, &ls.Method, &ls.Factor, &proved, &ls.ACR, &ls.AMR)
	if errors.Is(err, sql.ErrNoRows) {
		return schakel.Professional{}, ls, schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw sessie is verlopen. Log opnieuw in.")
	} else if err != nil {
		return schakel.Professional{}, ls, err
	}
	if proved.Valid {
		ls.ProvedAt = proved.Time.UTC()
	}
	now := db.Now().UTC()
	if now.After(expires) || now.Sub(lastSeen) > idle {
		if err := db.DeleteSession(ctx, idHash); err != nil {
			return schakel.Professional{}, ls, err
		}
		return schakel.Professional{}, ls, schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw sessie is verlopen. Log opnieuw in.")
	}
	if now.Sub(lastSeen) > time.Minute {
		if _, err := db.write.ExecContext(ctx, db.dialect.rebind(`UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?`), now, idHash); err != nil {
			return schakel.Professional{}, ls, err
		}
	}
	return p, ls, nil
}

// DeleteSession ends a session (logout).
func (db *DB) DeleteSession(ctx context.Context, idHash string) error {
	_, err := db.write.ExecContext(ctx, db.dialect.rebind(`DELETE FROM sessions WHERE id_hash = ?`), idHash)
	return err
}

// APIToken is a bearer token's metadata; the secret itself is never stored.
type APIToken struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
}

// CreateToken stores the hash of a new API token for a professional. The
// command line on the server creates tokens: Schakel itself acts.
func (tx *Tx) CreateToken(professionalID int64, name, hash string) (int64, error) {
	id, err := tx.insert(`INSERT INTO api_tokens (professional_id, principal_kind, principal_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		professionalID, schakel.PrincipalProfessional, professionalID, name, hash, tx.now)
	if err != nil {
		return 0, err
	}
	tx.Audit(schakel.SystemActor("schakel token create"), audit.Entry{Event: audit.EventCreate, ResourceType: "api_token", ResourceID: itoa(id),
		UserID: professionalID, AccessBasis: audit.BasisSystem})
	return id, nil
}

// RevokeToken revokes a token by id.
func (tx *Tx) RevokeToken(id int64) error {
	res, err := tx.exec(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, tx.now, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return schakel.Errorf(schakel.ENOTFOUND, "Geen actief token met nummer %d.", id)
	}
	tx.Audit(schakel.SystemActor("schakel token revoke"), audit.Entry{Event: audit.EventUpdate, ResourceType: "api_token", ResourceID: itoa(id),
		AccessBasis: audit.BasisSystem, Detail: "revoked"})
	return nil
}

// Tokens lists a professional's tokens.
func (db *DB) Tokens(ctx context.Context, professionalID int64) ([]APIToken, error) {
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(`SELECT id, name, created_at, revoked_at, last_used_at FROM api_tokens WHERE professional_id = ? ORDER BY id`), professionalID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		var rev, used sql.NullTime
		if err := rows.Scan(&t.ID, &t.Name, &t.CreatedAt, &rev, &used); err != nil {
			return nil, err
		}
		t.CreatedAt, t.RevokedAt, t.LastUsedAt = t.CreatedAt.UTC(), nullTime(rev), nullTime(used)
		out = append(out, t)
	}
	return out, rows.Err()
}

// TokenProfessional returns the professional of a live API token, and the
// token's name for the audit trail ("on whose behalf").
func (db *DB) TokenProfessional(ctx context.Context, hash string) (schakel.Professional, string, error) {
	p, name, _, err := db.TokenLogin(ctx, hash)
	return p, name, err
}

// TokenLogin is TokenProfessional with the token's strength: an API token,
// and the second factor last shown with it (POST /api/v1/session/step-up).
func (db *DB) TokenLogin(ctx context.Context, hash string) (schakel.Professional, string, schakel.LoginStrength, error) {
	var tid int64
	var name string
	var used, proved sql.NullTime
	ls := schakel.LoginStrength{Method: schakel.LoginToken}
	// The token with its professional in one statement, as SessionLogin.
	p, err := scanProfessional(db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT `+professionalColumns+`,
		t.id, t.name, t.last_used_at, t.second_factor, t.factor_at FROM api_tokens t
		JOIN professionals p ON p.id = t.professional_id JOIN organisations o ON o.id = p.organisation_id
		WHERE t.token_hash = ? AND t.principal_kind = 'professional' AND t.revoked_at IS NULL AND p.active = TRUE`), hash),
		&tid, &name, &used, &ls.Factor, &proved)
	if errors.Is(err, sql.ErrNoRows) {
		return schakel.Professional{}, "", ls, schakel.Errorf(schakel.EUNAUTHENTICATED, "Dit token is onbekend of ingetrokken.")
	} else if err != nil {
		return schakel.Professional{}, "", ls, err
	}
	if proved.Valid {
		ls.ProvedAt = proved.Time.UTC()
	}
	now := db.Now().UTC()
	if !used.Valid || now.Sub(used.Time) > time.Minute {
		if _, err := db.write.ExecContext(ctx, db.dialect.rebind(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`), now, tid); err != nil {
			return schakel.Professional{}, "", ls, err
		}
	}
	return p, name, ls, nil
}

func itoa(v int64) string { return fmtInt(v) }
