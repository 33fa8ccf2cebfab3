package app

// Who is behind a request, and the steps of a login at an identity
// provider. The handlers ask these use cases; storage holds the sessions,
// tokens and flows, and the decisions on them (idle time, expiry, a flow
// used once) are made in its transaction.

import (
	"context"
	"time"

	"schakel"
	"schakel/internal/storage"
)

// TokenLogin returns the professional of an API token (by its hash), the
// token's name and how strongly its holder logged in.
func (a *App) TokenLogin(ctx context.Context, hash string) (schakel.Professional, string, schakel.LoginStrength, error) {
	return a.db.TokenLogin(ctx, hash)
}

// SessionLogin returns the professional of a live browser session (idle
// for less than idle) and the strength of its login.
func (a *App) SessionLogin(ctx context.Context, idHash string, idle time.Duration) (schakel.Professional, schakel.LoginStrength, error) {
	return a.db.SessionLogin(ctx, idHash, idle)
}

// SessionProfessional returns the professional of a live browser session.
func (a *App) SessionProfessional(ctx context.Context, idHash string, idle time.Duration) (schakel.Professional, error) {
	return a.db.SessionProfessional(ctx, idHash, idle)
}

// SessionFamilyMember returns the family member of a live family session.
func (a *App) SessionFamilyMember(ctx context.Context, idHash string, idle time.Duration) (schakel.FamilyMember, error) {
	return a.db.SessionFamilyMember(ctx, idHash, idle)
}

// EndSession ends a professional's browser session (logout), audited; it
// returns the identity provider the session began at (0 for none).
func (a *App) EndSession(ctx context.Context, actor *schakel.Actor, idHash string) (int64, error) {
	return a.db.EndSession(ctx, actor, idHash)
}

// EndFamilySession ends a family member's session (logout), audited.
func (a *App) EndFamilySession(ctx context.Context, actor *schakel.Actor, idHash string) error {
	return a.db.EndFamilySession(ctx, actor, idHash)
}

// HasIdentityProviders reports whether any organisation logs in at a
// provider (the login page then offers it).
func (a *App) HasIdentityProviders(ctx context.Context) (bool, error) {
	return a.db.HasIdentityProviders(ctx)
}

// IdentityProviderForDomain returns the provider an e-mail domain routes to.
func (a *App) IdentityProviderForDomain(ctx context.Context, domain string) (schakel.IdentityProvider, error) {
	return a.db.IdentityProviderForDomain(ctx, domain)
}

// IdentityProviderByID returns one identity provider.
func (a *App) IdentityProviderByID(ctx context.Context, id int64) (schakel.IdentityProvider, error) {
	return a.db.IdentityProviderByID(ctx, id)
}

// SessionIdentityProvider returns the provider a session began at (0 for a
// password login or an unknown session).
func (a *App) SessionIdentityProvider(ctx context.Context, idHash string) (int64, error) {
	return a.db.SessionIdentityProvider(ctx, idHash)
}

// StartOIDCFlow keeps a login at a provider in progress for ttl.
func (a *App) StartOIDCFlow(ctx context.Context, f storage.OIDCFlow, ttl time.Duration) error {
	return a.db.StartOIDCFlow(ctx, f, ttl)
}

// TakeOIDCFlow takes the live flow of a state: good for one callback only.
func (a *App) TakeOIDCFlow(ctx context.Context, stateHash string) (storage.OIDCFlow, error) {
	return a.db.TakeOIDCFlow(ctx, stateHash)
}

// RecordOIDCFailure audits a login at a provider that failed before an
// identity was known.
func (a *App) RecordOIDCFailure(ctx context.Context, actor *schakel.Actor, providerID int64, reason string) error {
	return a.db.RecordOIDCFailure(ctx, actor, providerID, reason)
}

// StepUpAtProvider records a fresh authentication at the session's provider.
func (a *App) StepUpAtProvider(ctx context.Context, actor *schakel.Actor, in storage.ProviderStepUp) error {
	return a.db.StepUpAtProvider(ctx, actor, in)
}

// TokenFamilyMember returns the family member of a family API token.
func (a *App) TokenFamilyMember(ctx context.Context, hash string) (schakel.FamilyMember, error) {
	return a.db.TokenFamilyMember(ctx, hash)
}

// MySessions lists the actor's own live sessions, the current one marked.
func (a *App) MySessions(ctx context.Context, actor *schakel.Actor, currentHash string, idle time.Duration) ([]storage.SessionInfo, error) {
	return a.db.MySessions(ctx, actor, currentHash, idle)
}

// EndOtherSessions ends every session of the actor but the current one,
// audited, and returns how many ended.
func (a *App) EndOtherSessions(ctx context.Context, actor *schakel.Actor, currentHash string) (int64, error) {
	return a.db.EndOtherSessions(ctx, actor, currentHash)
}
