package app

// A family member's own API tokens: issued from their own page (the secret
// shown once), listed there and revoked there; each issue and revoke is
// audited with the family principal. A token opens the family's JSON API
// (/api/v1/family/...), which answers what the family view shows, never
// more: it reads through the same use cases.

import (
	"context"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// familySelf loads the actor's family and audits an act on their own
// account (always allowed to a family member whose account is live).
func familySelf(tx *storage.Tx, actor *schakel.Actor, event, detail string) (family, error) {
	f, err := loadFamily(tx, actor)
	if err != nil {
		return f, err
	}
	tx.AuditDecision(actor, access.Decision{Allowed: true, Basis: audit.BasisSelf}, audit.Entry{Event: event, ResourceType: "family_api_token",
		ResourceID: itoa(f.acc.ID), Persons: []int64{f.acc.PersonID}, Detail: detail})
	return f, nil
}

// IssueFamilyToken makes a new API token for the actor's own account and
// returns its secret, shown once.
func (a *App) IssueFamilyToken(ctx context.Context, actor *schakel.Actor, name string) (string, error) {
	name = strings.TrimSpace(name)
	var v schakel.Validation
	if name == "" {
		v.Add("name", "required", "Geef de sleutel een naam, bijvoorbeeld de naam van de app.")
	}
	textlimit.Check(&v, "name", name, textlimit.Short)
	if err := v.Err(); err != nil {
		return "", err
	}
	secret, err := auth.NewSecret("gz_")
	if err != nil {
		return "", err
	}
	err = a.db.Update(ctx, func(tx *storage.Tx) error {
		f, err := familySelf(tx, actor, audit.EventCreate, "family API token issued: "+name)
		if err != nil {
			return err
		}
		_, err = tx.InsertFamilyToken(f.acc.ID, name, auth.HashSecret(secret))
		return err
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// FamilyTokens lists the actor's own live tokens.
func (a *App) FamilyTokens(ctx context.Context, actor *schakel.Actor) ([]storage.FamilyToken, error) {
	var out []storage.FamilyToken
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		if actor.Kind() != schakel.PrincipalFamilyMember {
			return errFamilyLoginAgain
		}
		var err error
		out, err = tx.FamilyTokens(actor.FamilyMember.ID)
		return err
	})
	return out, err
}

// RevokeFamilyToken revokes one of the actor's own tokens; a token that is
// not theirs (or no longer live) is refused, and only that is audited.
func (a *App) RevokeFamilyToken(ctx context.Context, actor *schakel.Actor, id int64) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		f, err := loadFamily(tx, actor)
		if err != nil {
			return err
		}
		ok, err := tx.RevokeFamilyToken(f.acc.ID, id)
		if err != nil {
			return err
		}
		d := access.Decision{Allowed: ok, Basis: audit.BasisSelf}
		if !ok {
			d = access.Decision{Basis: audit.BasisNone, Key: "err.token_not_yours", Reason: "Deze sleutel is niet van u, of hij is al ingetrokken."}
		}
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "family_api_token", ResourceID: itoa(id),
			Persons: []int64{f.acc.PersonID}, Detail: "family API token revoked"})
		if !ok {
			return tx.Refuse(d)
		}
		return nil
	})
}
