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
	// SecondFactor is the factor that completed a password login
	// (schakel.FactorTOTP, FactorRecovery); empty for none.
	SecondFactor string
	// ACR and AMR are what the organisation's provider said of an OIDC
	// login; ProvedAt when the user authenticated there (zero: now).
	ACR, AMR string
	ProvedAt time.Time
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
		login_method, identity_provider_id, client_addr, user_agent, handle, second_factor, factor_at, acr, amr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		idHash, id, schakel.PrincipalProfessional, id, tx.now, tx.now, tx.now.Add(maxAge),
		start.Method, nullInt(start.ProviderID), truncateText(actor.ClientAddr, 100), truncateText(actor.Workstation, 200), rand.Text(),
		start.SecondFactor, factorAt(start, tx.now), truncateText(start.ACR, 200), truncateText(start.AMR, 200)); err != nil {
		return err
	}
	detail := "method " + start.Method
	if start.SecondFactor != "" {
		detail += "+" + start.SecondFactor
	}
	if start.ACR != "" {
		detail += " acr=" + start.ACR
	}
	if start.AMR != "" {
		detail += " amr=" + start.AMR
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventLogin, ResourceType: "session", AccessBasis: audit.BasisSelf, Detail: detail})
	return nil
}

// factorAt is when a session's second factor was shown: at its start, if
// it had one. A login at the organisation's provider counts from when the
// user authenticated there (never later than now).
func factorAt(start SessionStart, now time.Time) any {
	switch {
	case start.Method == schakel.LoginOIDC && !start.ProvedAt.IsZero() && start.ProvedAt.Before(now):
		return start.ProvedAt.UTC()
	case start.Method == schakel.LoginOIDC || start.SecondFactor != "":
		return now
	}
	return nil
}
