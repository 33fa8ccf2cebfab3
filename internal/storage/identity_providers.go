package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/sso"
)

// SetIdentityProvider registers or replaces an organisation's identity
// provider and the e-mail domains that route to it. A new issuer is
// another provider: the links of the old one's subjects are removed and its
// sessions end.
func (tx *Tx) SetIdentityProvider(actor *schakel.Actor, p *schakel.IdentityProvider) error {
	actor = orSystem(actor)
	old, err := tx.identityProvider(`organisation_id = ?`, p.OrganisationID)
	exists := err == nil
	if err != nil && schakel.ErrorCode(err) != schakel.ENOTFOUND {
		return err
	}
	event := map[bool]string{true: audit.EventUpdate, false: audit.EventCreate}[exists]
	d := access.Decide(access.SubjectFor(actor), access.IdentityProviders, access.Write, access.Context{TargetOrganisationID: p.OrganisationID})
	entry := audit.Entry{Event: event, ResourceType: "identity_provider", ResourceID: fmt.Sprint(p.OrganisationID)}
	if !d.Allowed {
		tx.AuditDecision(actor, d, entry)
		return tx.commitRefusal(d)
	}
	sso.Normalize(p)
	if err := sso.Validate(*p); err != nil {
		return err
	}
	if err := tx.checkOrganisation(p.OrganisationID); err != nil {
		return err
	}
	if exists {
		p.ID, p.CreatedAt = old.ID, old.CreatedAt
		_, err = tx.exec(`UPDATE identity_providers SET issuer = ?, client_id = ?, secret_ref = ?, claim = ?, match_on = ?, updated_at = ? WHERE id = ?`,
			p.Issuer, p.ClientID, p.SecretRef, p.Claim, string(p.MatchOn), tx.now, p.ID)
	} else {
		p.CreatedAt = tx.now
		p.ID, err = tx.insert(`INSERT INTO identity_providers (organisation_id, issuer, client_id, secret_ref, claim, match_on, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.OrganisationID, p.Issuer, p.ClientID, p.SecretRef, p.Claim, string(p.MatchOn), tx.now, tx.now)
	}
	if err != nil {
		return err
	}
	p.UpdatedAt = tx.now
	if err := tx.setProviderDomains(p.ID, p.Domains); err != nil {
		return err
	}
	entry.Detail = fmt.Sprintf("issuer %s, client %s, secret %s, claim %s (%s), domains %s", p.Issuer, p.ClientID, p.SecretRef, p.Claim, p.MatchOn, strings.Join(p.Domains, " "))
	if exists && (old.Issuer != p.Issuer || old.Claim != p.Claim || old.MatchOn != p.MatchOn) {
		n, err := tx.unlinkProvider(p.ID)
		if err != nil {
			return err
		}
		entry.Detail += fmt.Sprintf("; issuer or claim changed: %d links removed, their sessions ended", n)
	}
	tx.AuditDecision(actor, d, entry)
	return nil
}

func (tx *Tx) checkOrganisation(id int64) error {
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM organisations WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return notFound("Organisatie")
	}
	return nil
}

func (tx *Tx) setProviderDomains(providerID int64, domains []string) error {
	if _, err := tx.exec(`DELETE FROM identity_provider_domains WHERE provider_id = ?`, providerID); err != nil {
		return err
	}
	for _, d := range domains {
		var other int64
		err := tx.queryRow(`SELECT provider_id FROM identity_provider_domains WHERE domain = ?`, d).Scan(&other)
		if err == nil {
			return &schakel.Error{Code: schakel.ECONFLICT, Message: "Een e-maildomein hoort al bij de inlogdienst van een andere organisatie.",
				Fields: []schakel.FieldError{{Field: "domains", Code: "taken", Message: "Het domein " + d + " hoort al bij een andere organisatie."}}}
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.exec(`INSERT INTO identity_provider_domains (domain, provider_id) VALUES (?, ?)`, d, providerID); err != nil {
			return err
		}
	}
	return nil
}

// unlinkProvider removes the links of a provider's subjects and ends the
// sessions that began there. It returns how many links it removed.
func (tx *Tx) unlinkProvider(providerID int64) (int64, error) {
	res, err := tx.exec(`DELETE FROM professional_identities WHERE provider_id = ?`, providerID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	_, err = tx.exec(`DELETE FROM sessions WHERE identity_provider_id = ?`, providerID)
	return n, err
}

// RemoveIdentityProvider ends single sign-on for an organisation: its
// people log in with a password again (where they have one), and every
// session that began at the provider ends.
func (tx *Tx) RemoveIdentityProvider(actor *schakel.Actor, organisationID int64) error {
	actor = orSystem(actor)
	d := access.Decide(access.SubjectFor(actor), access.IdentityProviders, access.Write, access.Context{TargetOrganisationID: organisationID})
	entry := audit.Entry{Event: audit.EventDelete, ResourceType: "identity_provider", ResourceID: fmt.Sprint(organisationID)}
	if !d.Allowed {
		tx.AuditDecision(actor, d, entry)
		return tx.commitRefusal(d)
	}
	p, err := tx.identityProvider(`organisation_id = ?`, organisationID)
	if err != nil {
		return err
	}
	n, err := tx.unlinkProvider(p.ID)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM identity_providers WHERE id = ?`, p.ID); err != nil {
		return err
	}
	entry.Detail = fmt.Sprintf("issuer %s removed; %d links removed, their sessions ended", p.Issuer, n)
	tx.AuditDecision(actor, d, entry)
	return nil
}

// IdentityProviderOf returns an organisation's provider for its
// administrator (or the system). Not found when none is registered.
func (db *DB) IdentityProviderOf(ctx contextT, actor *schakel.Actor, organisationID int64) (schakel.IdentityProvider, error) {
	var p schakel.IdentityProvider
	err := db.Update(ctx, func(tx *Tx) error {
		actor = orSystem(actor)
		d := access.Decide(access.SubjectFor(actor), access.IdentityProviders, access.Read, access.Context{TargetOrganisationID: organisationID})
		if !d.Allowed {
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "identity_provider", ResourceID: fmt.Sprint(organisationID)})
			return tx.commitRefusal(d)
		}
		var err error
		p, err = tx.identityProvider(`organisation_id = ?`, organisationID)
		return err
	})
	return p, err
}

// IdentityProviderForDomain returns the provider an e-mail domain routes
// to, for the login page.
func (db *DB) IdentityProviderForDomain(ctx contextT, domain string) (schakel.IdentityProvider, error) {
	var p schakel.IdentityProvider
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		p, err = tx.identityProvider(`id = (SELECT provider_id FROM identity_provider_domains WHERE domain = ?)`, strings.ToLower(domain))
		return err
	})
	return p, err
}

// IdentityProviderByID returns a provider by its id (a login in progress).
func (db *DB) IdentityProviderByID(ctx contextT, id int64) (schakel.IdentityProvider, error) {
	var p schakel.IdentityProvider
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		p, err = tx.identityProvider(`id = ?`, id)
		return err
	})
	return p, err
}

// HasIdentityProviders reports whether any organisation logs in through
// its own provider: only then does the login page ask for the e-mail
// address first.
func (db *DB) HasIdentityProviders(ctx contextT) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM identity_provider_domains`).Scan(&n)
	return n > 0, err
}

func (tx *Tx) identityProvider(where string, args ...any) (schakel.IdentityProvider, error) {
	var p schakel.IdentityProvider
	var match string
	err := tx.queryRow(`SELECT id, organisation_id, issuer, client_id, secret_ref, claim, match_on, created_at, updated_at
		FROM identity_providers WHERE `+where, args...).Scan(&p.ID, &p.OrganisationID, &p.Issuer, &p.ClientID, &p.SecretRef,
		&p.Claim, &match, &p.CreatedAt, &p.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return p, notFound("Inlogdienst")
	} else if err != nil {
		return p, err
	}
	p.MatchOn, p.CreatedAt, p.UpdatedAt = schakel.IdentityMatch(match), p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	rows, err := tx.query(`SELECT domain FROM identity_provider_domains WHERE provider_id = ? ORDER BY domain`, p.ID)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	p.Domains = []string{}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return p, err
		}
		p.Domains = append(p.Domains, d)
	}
	return p, rows.Err()
}

// UnlinkIdentity removes the link between a professional and their
// identity at the organisation's provider (the next login links again by
// the claim), and ends every session and API token of the professional at
// once: whoever held that identity is out.
func (tx *Tx) UnlinkIdentity(actor *schakel.Actor, professionalID int64) error {
	actor = orSystem(actor)
	cur, err := tx.professional(`p.id = ?`, professionalID)
	if err != nil {
		return err
	}
	d := access.Decide(access.SubjectFor(actor), access.Professionals, access.Write, access.Context{TargetOrganisationID: cur.Organisation.ID})
	entry := audit.Entry{Event: audit.EventDelete, ResourceType: "professional_identity", ResourceID: fmt.Sprint(professionalID)}
	if !d.Allowed {
		tx.AuditDecision(actor, d, entry)
		return tx.commitRefusal(d)
	}
	res, err := tx.exec(`DELETE FROM professional_identities WHERE professional_id = ?`, professionalID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return schakel.Errorf(schakel.ENOTFOUND, "Deze medewerker is niet gekoppeld aan een account bij de inlogdienst.")
	}
	if _, err := tx.exec(`DELETE FROM sessions WHERE professional_id = ?`, professionalID); err != nil {
		return err
	}
	if _, err := tx.exec(`UPDATE api_tokens SET revoked_at = ? WHERE professional_id = ? AND revoked_at IS NULL`, tx.now, professionalID); err != nil {
		return err
	}
	entry.Detail = "unlinked from the identity provider; sessions ended, API tokens revoked"
	tx.AuditDecision(actor, d, entry)
	return nil
}

// IsLinked reports whether a professional is linked to an identity at
// their organisation's provider.
func (db *DB) IsLinked(ctx contextT, professionalID int64) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT COUNT(*) FROM professional_identities WHERE professional_id = ?`), professionalID).Scan(&n)
	return n > 0, err
}
