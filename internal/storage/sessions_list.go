package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/audit"
)

// SessionInfo is a live browser session as its owner or an administrator
// of the owner's organisation sees it. ID is the session's handle, never
// its secret.
type SessionInfo struct {
	ID             string    `json:"id"`
	ProfessionalID int64     `json:"professional_id"`
	Name           string    `json:"name"`
	LoginMethod    string    `json:"login_method"`
	Issuer         string    `json:"issuer,omitempty"` // the identity provider of an OIDC login
	ClientAddr     string    `json:"client_addr"`
	UserAgent      string    `json:"user_agent"`
	CreatedAt      time.Time `json:"created_at"`
	LastSeenAt     time.Time `json:"last_seen_at"`
	ExpiresAt      time.Time `json:"expires_at"`
	Current        bool      `json:"current"` // the session this request came with
}

// MySessions lists the actor's own live sessions (idle for less than idle),
// newest activity first. currentHash marks the session of the request.
func (db *DB) MySessions(ctx contextT, actor *schakel.Actor, currentHash string, idle time.Duration) ([]SessionInfo, error) {
	var out []SessionInfo
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.sessions(`s.professional_id = ?`, actor.Professional.ID, currentHash, idle)
		return err
	})
	return out, err
}

// OrganisationSessions lists the live sessions (idle for less than idle)
// of an organisation's professionals, newest activity first.
func (tx *Tx) OrganisationSessions(orgID int64, currentHash string, idle time.Duration) ([]SessionInfo, error) {
	return tx.sessions(`p.organisation_id = ?`, orgID, currentHash, idle)
}

func (tx *Tx) sessions(where string, arg any, currentHash string, idle time.Duration) ([]SessionInfo, error) {
	rows, err := tx.query(`SELECT s.handle, s.id_hash, p.id, p.name, s.login_method, COALESCE(ip.issuer, ''), s.client_addr, s.user_agent,
		s.created_at, s.last_seen_at, s.expires_at FROM sessions s JOIN professionals p ON p.id = s.professional_id
		LEFT JOIN identity_providers ip ON ip.id = s.identity_provider_id
		WHERE `+where+` AND p.active = TRUE AND s.expires_at > ? AND s.last_seen_at > ? ORDER BY s.last_seen_at DESC, s.created_at DESC`,
		arg, tx.now, tx.now.Add(-idle))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []SessionInfo{}
	for rows.Next() {
		var s SessionInfo
		var hash string
		if err := rows.Scan(&s.ID, &hash, &s.ProfessionalID, &s.Name, &s.LoginMethod, &s.Issuer, &s.ClientAddr, &s.UserAgent,
			&s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt); err != nil {
			return nil, err
		}
		s.CreatedAt, s.LastSeenAt, s.ExpiresAt = s.CreatedAt.UTC(), s.LastSeenAt.UTC(), s.ExpiresAt.UTC()
		s.Current = currentHash != "" && hash == currentHash
		out = append(out, s)
	}
	return out, rows.Err()
}

// SessionOwner returns who holds the session named by its handle, their
// organisation and how they logged in; not found for an unknown handle.
func (tx *Tx) SessionOwner(handle string) (professionalID, orgID int64, method string, err error) {
	err = tx.queryRow(`SELECT s.professional_id, p.organisation_id, s.login_method FROM sessions s JOIN professionals p ON p.id = s.professional_id
		WHERE s.handle = ? AND s.handle <> ''`, handle).Scan(&professionalID, &orgID, &method)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, "", notFound("Sessie")
	}
	return professionalID, orgID, method, err
}

// DeleteSessionByHandle ends the session named by its handle.
func (tx *Tx) DeleteSessionByHandle(handle string) error {
	_, err := tx.exec(`DELETE FROM sessions WHERE handle = ?`, handle)
	return err
}

// EndOtherSessions ends every session of the actor except the current
// one, and returns how many ended.
func (db *DB) EndOtherSessions(ctx contextT, actor *schakel.Actor, currentHash string) (int64, error) {
	var n int64
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.exec(`DELETE FROM sessions WHERE professional_id = ? AND id_hash <> ?`, actor.Professional.ID, currentHash)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventLogout, ResourceType: "session", AccessBasis: audit.BasisSelf,
			Detail: fmt.Sprintf("%d other sessions ended by their owner", n)})
		return nil
	})
	return n, err
}
