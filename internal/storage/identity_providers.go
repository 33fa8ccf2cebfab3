package storage

import (
	"database/sql"
	"errors"
	"strings"

	"schakel"
)

// IdentityProviderOfOrganisation loads an organisation's provider; not
// found when it has none.
func (tx *Tx) IdentityProviderOfOrganisation(organisationID int64) (schakel.IdentityProvider, error) {
	return tx.identityProvider(`organisation_id = ?`, organisationID)
}

// SaveIdentityProvider writes a provider and its e-mail domains: a new one
// when old is nil, else in place of old (keeping its id and creation).
func (tx *Tx) SaveIdentityProvider(p *schakel.IdentityProvider, old *schakel.IdentityProvider) error {
	var err error
	if old != nil {
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
	return tx.setProviderDomains(p.ID, p.Domains)
}

// CheckOrganisation returns not found for an organisation that does not
// exist.
func (tx *Tx) CheckOrganisation(id int64) error {
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

// UnlinkProvider removes the links of a provider's subjects and ends the
// sessions that began there. It returns how many links it removed.
func (tx *Tx) UnlinkProvider(providerID int64) (int64, error) {
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

// DeleteIdentityProvider removes a provider and its domains' routing.
func (tx *Tx) DeleteIdentityProvider(id int64) error {
	_, err := tx.exec(`DELETE FROM identity_providers WHERE id = ?`, id)
	return err
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

// UnlinkProfessional removes the link between a professional and their
// identity at the organisation's provider, and ends every session and API
// token of the professional. Not found when they were not linked.
func (tx *Tx) UnlinkProfessional(professionalID int64) error {
	res, err := tx.exec(`DELETE FROM professional_identities WHERE professional_id = ?`, professionalID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return schakel.Errorf(schakel.ENOTFOUND, "Deze medewerker is niet gekoppeld aan een account bij de inlogdienst.")
	}
	return tx.endProfessionalAccess(professionalID)
}

// IsLinked reports whether a professional is linked to an identity at
// their organisation's provider.
func (db *DB) IsLinked(ctx contextT, professionalID int64) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(isLinkedSQL), professionalID).Scan(&n)
	return n > 0, err
}

// IsLinked is DB.IsLinked in the transaction.
func (tx *Tx) IsLinked(professionalID int64) (bool, error) {
	var n int
	err := tx.queryRow(isLinkedSQL, professionalID).Scan(&n)
	return n > 0, err
}

const isLinkedSQL = `SELECT COUNT(*) FROM professional_identities WHERE professional_id = ?`
