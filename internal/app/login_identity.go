package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/sso"
	"schakel/internal/storage"
)

// Why an OIDC login opens no session. The web layer shows each its own page.
var (
	ErrUnknownIdentity = schakel.Errorf(schakel.EUNAUTHENTICATED, "U heeft nog geen account in Schakel. Uw beheerder moet u eerst toevoegen.")
	ErrIdentityTaken   = schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw account in Schakel is al gekoppeld aan een ander account bij de inlogdienst. Neem contact op met uw beheerder.")
	ErrAccountDisabled = schakel.Errorf(schakel.EUNAUTHENTICATED, "Dit account is uitgezet. Neem contact op met de beheerder.")
	// ErrAccountSuspended: a membership round suspended the account.
	ErrAccountSuspended = schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw account is gepauzeerd. Vraag uw beheerder om het weer aan te zetten.")
)

// LoginWithIdentity opens a session for the professional a provider
// identity belongs to: by its subject once linked; at the first login by
// the claim (sso.MatchValue), matched within the provider's own
// organisation, after which the subject is linked for good. actor carries
// the client's address and workstation. An unknown identity is refused
// and audited, and the organisation's administrators get a work item (once
// per identity while unread); a refusal writes nothing else.
func (a *App) LoginWithIdentity(ctx context.Context, actor *schakel.Actor, in storage.OIDCLogin) (schakel.Professional, error) {
	var p schakel.Professional
	var refusedWith error
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		prov, err := tx.IdentityProvider(in.ProviderID)
		if err != nil {
			return err
		}
		id, linked, err := tx.IdentityOwner(prov, in.Subject, sso.MatchValue(prov.MatchOn, in.Claim))
		if err != nil {
			return err
		}
		switch {
		case id == 0:
			refusedWith = ErrUnknownIdentity
			tx.AuditOIDCRefusal(actor, prov.OrganisationID, 0, "unknown identity at "+prov.Issuer)
			return tx.TellAdminsUnknown(prov.OrganisationID, unknownIdentityText(prov, in.Claim))
		case linked < 0:
			refusedWith = ErrIdentityTaken
			tx.AuditOIDCRefusal(actor, prov.OrganisationID, id, "professional already linked to another subject")
			return tx.TellAdminsUnknown(prov.OrganisationID, unknownIdentityText(prov, in.Claim))
		}
		if p, err = tx.ProfessionalRecord(id); err != nil {
			return err
		}
		if !p.Active {
			reason := "account disabled"
			refusedWith = ErrAccountDisabled
			if suspended, err := tx.Suspended(id); err != nil {
				return err
			} else if suspended {
				refusedWith, reason = ErrAccountSuspended, "account suspended: membership not re-confirmed"
			}
			tx.AuditOIDCRefusal(actor, prov.OrganisationID, id, reason)
			return nil
		}
		who := *actor
		who.Professional = &p
		if linked == 0 {
			if err := tx.LinkIdentity(&who, prov, in.Subject, id); err != nil {
				return err
			}
		}
		return tx.OpenOIDCSession(&who, prov, in)
	})
	if err == nil && refusedWith != nil {
		err = refusedWith
	}
	return p, err
}

// unknownIdentityText tells an organisation's administrators that someone
// the identity provider vouched for could not log in: no (free) account
// has the claim. The claim is cut to 200 bytes.
func unknownIdentityText(prov schakel.IdentityProvider, claim string) string {
	what := map[schakel.IdentityMatch]string{schakel.MatchEmail: "het e-mailadres", schakel.MatchEmployeeNumber: "personeelsnummer"}[prov.MatchOn]
	if len(claim) > 200 {
		claim = claim[:200]
	}
	return fmt.Sprintf("Iemand met %s %s logde in via de inlogdienst van uw organisatie, maar kan Schakel niet in: er is geen (vrij) account met dit gegeven. Voeg deze medewerker toe of controleer het account.",
		what, claim)
}
