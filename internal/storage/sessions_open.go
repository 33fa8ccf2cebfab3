package storage

import (
	"crypto/rand"
	"time"

	"schakel"
	"schakel/internal/audit"
)

// SessionStart says how and from where a session begins: shown to its
// owner, and needed to end it at the provider too.
type SessionStart struct {
	Method     string // schakel.LoginPassword or schakel.LoginOIDC
	ProviderID int64  // the identity provider of an OIDC login
}

// openSession stores a new browser session (by the hash of its id) for a
// professional and audits the login with its method.
func (tx *Tx) openSession(actor *schakel.Actor, idHash string, maxAge time.Duration, start SessionStart) error {
	id := actor.Professional.ID
	if _, err := tx.exec(`DELETE FROM sessions WHERE expires_at < ?`, tx.now); err != nil {
		return err
	}
	// The handle names the session on the screens that list sessions; it
	// opens nothing.
	if _, err := tx.exec(`INSERT INTO sessions (id_hash, professional_id, principal_kind, principal_id, created_at, last_seen_at, expires_at,
		login_method, identity_provider_id, client_addr, user_agent, handle) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		idHash, id, schakel.PrincipalProfessional, id, tx.now, tx.now, tx.now.Add(maxAge),
		start.Method, nullInt(start.ProviderID), truncateText(actor.ClientAddr, 100), truncateText(actor.Workstation, 200), rand.Text()); err != nil {
		return err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventLogin, ResourceType: "session", AccessBasis: audit.BasisSelf, Detail: "method " + start.Method})
	return nil
}
