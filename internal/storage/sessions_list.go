package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/access"
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

// OrganisationSessions lists the live sessions of an organisation's
// professionals, for its administrators. Reading them (addresses and
// devices of colleagues) is audited.
func (db *DB) OrganisationSessions(ctx contextT, actor *schakel.Actor, orgID int64, currentHash string, idle time.Duration) ([]SessionInfo, error) {
	var out []SessionInfo
	err := db.Update(ctx, func(tx *Tx) error {
		d := access.Decide(access.SubjectFor(actor), access.Professionals, access.Manage, access.Context{TargetOrganisationID: orgID})
		entry := audit.Entry{Event: audit.EventRead, ResourceType: "sessions", ResourceID: fmt.Sprint(orgID)}
		if !d.Allowed {
			tx.AuditDecision(actor, d, entry)
			return tx.commitRefusal(d)
		}
		var err error
		if out, err = tx.sessions(`p.organisation_id = ?`, orgID, currentHash, idle); err != nil {
			return err
		}
		entry.Detail = fmt.Sprintf("%d sessions", len(out))
		tx.AuditDecision(actor, d, entry)
		return nil
	})
	return out, err
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

// EndSessionByID ends a session named by its handle: the actor's own, or,
// for an administrator, one of the organisation's people. Ending is
// audited; a session of someone else the actor may not end is not found
// (and that attempt audited).
func (db *DB) EndSessionByID(ctx contextT, actor *schakel.Actor, handle string) error {
	return db.Update(ctx, func(tx *Tx) error {
		var pid, orgID int64
		var method string
		err := tx.queryRow(`SELECT s.professional_id, p.organisation_id, s.login_method FROM sessions s JOIN professionals p ON p.id = s.professional_id
			WHERE s.handle = ? AND s.handle <> ''`, handle).Scan(&pid, &orgID, &method)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Sessie")
		} else if err != nil {
			return err
		}
		entry := audit.Entry{Event: audit.EventLogout, ResourceType: "session", UserID: pid, Detail: "method " + method + ", ended by its owner"}
		d := access.Decision{Allowed: true, Basis: audit.BasisSelf}
		if pid != actor.PrincipalID() || actor.Kind() != schakel.PrincipalProfessional {
			d = access.Decide(access.SubjectFor(actor), access.Professionals, access.Manage, access.Context{TargetOrganisationID: orgID})
			if !d.Allowed {
				return tx.refuseNotFound(actor, audit.EventLogout, "session", pid, "Sessie")
			}
			entry.Detail = fmt.Sprintf("method %s, session of professional %d ended by an administrator", method, pid)
		}
		if _, err := tx.exec(`DELETE FROM sessions WHERE handle = ?`, handle); err != nil {
			return err
		}
		tx.AuditDecision(actor, d, entry)
		return nil
	})
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
