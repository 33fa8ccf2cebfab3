package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/sso"
	"schakel/internal/storage"
)

// SetIdentityProvider registers or replaces an organisation's identity
// provider and the e-mail domains that route to it, for its administrator
// (or the system: nil actor).
func (a *App) SetIdentityProvider(ctx context.Context, actor *schakel.Actor, p *schakel.IdentityProvider) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error { return SetIdentityProviderIn(tx, actor, p) })
}

// SetIdentityProviderIn is SetIdentityProvider in the caller's
// transaction. A new issuer is another provider: the links of the old
// one's subjects are removed and its sessions end.
func SetIdentityProviderIn(tx *storage.Tx, actor *schakel.Actor, p *schakel.IdentityProvider) error {
	actor = orSystem(actor)
	old, err := tx.IdentityProviderOfOrganisation(p.OrganisationID)
	exists := err == nil
	if err != nil && schakel.ErrorCode(err) != schakel.ENOTFOUND {
		return err
	}
	event := map[bool]string{true: audit.EventUpdate, false: audit.EventCreate}[exists]
	d := access.Decide(access.SubjectFor(actor), access.IdentityProviders, access.Write, access.Context{TargetOrganisationID: p.OrganisationID})
	entry := audit.Entry{Event: event, ResourceType: "identity_provider", ResourceID: fmt.Sprint(p.OrganisationID)}
	if !d.Allowed {
		tx.AuditDecision(actor, d, entry)
		return tx.Refuse(d)
	}
	sso.Normalize(p)
	if err := sso.Validate(*p); err != nil {
		return err
	}
	if err := tx.CheckOrganisation(p.OrganisationID); err != nil {
		return err
	}
	var prev *schakel.IdentityProvider
	if exists {
		prev = &old
	}
	if err := tx.SaveIdentityProvider(p, prev); err != nil {
		return err
	}
	entry.Detail = fmt.Sprintf("issuer %s, client %s, secret %s, claim %s (%s), domains %s", p.Issuer, p.ClientID, p.SecretRef, p.Claim, p.MatchOn, strings.Join(p.Domains, " "))
	if exists && (old.Issuer != p.Issuer || old.Claim != p.Claim || old.MatchOn != p.MatchOn) {
		n, err := tx.UnlinkProvider(p.ID)
		if err != nil {
			return err
		}
		entry.Detail += fmt.Sprintf("; issuer or claim changed: %d links removed, their sessions ended", n)
	}
	tx.AuditDecision(actor, d, entry)
	return nil
}

// RemoveIdentityProvider ends single sign-on for an organisation: its
// people log in with a password again (where they have one), and every
// session that began at the provider ends.
func (a *App) RemoveIdentityProvider(ctx context.Context, actor *schakel.Actor, organisationID int64) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		actor := orSystem(actor)
		d := access.Decide(access.SubjectFor(actor), access.IdentityProviders, access.Write, access.Context{TargetOrganisationID: organisationID})
		entry := audit.Entry{Event: audit.EventDelete, ResourceType: "identity_provider", ResourceID: fmt.Sprint(organisationID)}
		if !d.Allowed {
			tx.AuditDecision(actor, d, entry)
			return tx.Refuse(d)
		}
		p, err := tx.IdentityProviderOfOrganisation(organisationID)
		if err != nil {
			return err
		}
		n, err := tx.UnlinkProvider(p.ID)
		if err != nil {
			return err
		}
		if err := tx.DeleteIdentityProvider(p.ID); err != nil {
			return err
		}
		entry.Detail = fmt.Sprintf("issuer %s removed; %d links removed, their sessions ended", p.Issuer, n)
		tx.AuditDecision(actor, d, entry)
		return nil
	})
}

// IdentityProviderOf returns an organisation's provider for its
// administrator (or the system). Not found when none is registered.
func (a *App) IdentityProviderOf(ctx context.Context, actor *schakel.Actor, organisationID int64) (schakel.IdentityProvider, error) {
	var p schakel.IdentityProvider
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		actor := orSystem(actor)
		d := access.Decide(access.SubjectFor(actor), access.IdentityProviders, access.Read, access.Context{TargetOrganisationID: organisationID})
		if !d.Allowed {
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "identity_provider", ResourceID: fmt.Sprint(organisationID)})
			return tx.Refuse(d)
		}
		var err error
		p, err = tx.IdentityProviderOfOrganisation(organisationID)
		return err
	})
	return p, err
}

// UnlinkIdentity removes the link between a professional and their
// identity at the organisation's provider (the next login links again by
// the claim), and ends every session and API token of the professional at
// once: whoever held that identity is out.
func (a *App) UnlinkIdentity(ctx context.Context, actor *schakel.Actor, professionalID int64) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		actor := orSystem(actor)
		cur, err := tx.ProfessionalRecord(professionalID)
		if err != nil {
			return err
		}
		d := access.Decide(access.SubjectFor(actor), access.Professionals, access.Write, access.Context{TargetOrganisationID: cur.Organisation.ID})
		entry := audit.Entry{Event: audit.EventDelete, ResourceType: "professional_identity", ResourceID: fmt.Sprint(professionalID)}
		if !d.Allowed {
			tx.AuditDecision(actor, d, entry)
			return tx.Refuse(d)
		}
		if err := tx.UnlinkProfessional(professionalID); err != nil {
			return err
		}
		entry.Detail = "unlinked from the identity provider; sessions ended, API tokens revoked"
		tx.AuditDecision(actor, d, entry)
		return nil
	})
}
