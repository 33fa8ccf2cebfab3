package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// Account is what an organisation's administrator sees of one of its
// accounts on the edit screen: the directory entry, whether a second factor
// is set up and whether the account is linked to the organisation's
// identity provider.
type Account struct {
	schakel.Professional
	HasFactor bool
	Linked    bool
}

// ProfessionalAccount reads an account for its organisation's
// administrator (access.Professionals, Manage). More than the directory
// (the login's state), so every attempt is audited.
func (a *App) ProfessionalAccount(ctx context.Context, actor *schakel.Actor, id int64) (Account, error) {
	var acc Account
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		p, err := tx.ProfessionalRecord(id)
		if err != nil {
			return err
		}
		actor := orSystem(actor)
		d := access.Decide(access.SubjectFor(actor), access.Professionals, access.Manage,
			access.Context{TargetOrganisationID: p.Organisation.ID})
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "professional", ResourceID: fmt.Sprint(id)})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		acc.Professional = p
		if acc.HasFactor, err = tx.HasSecondFactor(id); err != nil {
			return err
		}
		acc.Linked, err = tx.IsLinked(id)
		return err
	})
	return acc, err
}

// SecondFactorRequiredOf reports whether an organisation requires a second
// factor of its local accounts, for its administrator (the same rule as
// SetSecondFactorRequired; a setting, no personal data: a refusal alone is
// audited).
func (a *App) SecondFactorRequiredOf(ctx context.Context, actor *schakel.Actor, organisationID int64) (bool, error) {
	c := access.Context{TargetOrganisationID: organisationID}
	if err := a.guardDirectory(ctx, actor, access.IdentityProviders, "organisation", c); err != nil {
		return false, err
	}
	var req bool
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		var err error
		req, err = tx.SecondFactorRequired(organisationID)
		return err
	})
	return req, err
}

// InvitationICS returns the calendar invitation (iCalendar text) that was
// sent to the actor for a consultation. Reading the consultation guards
// and audits; the invitation is looked up among the actor's own messages
// only. Not found when the actor got none.
func (a *App) InvitationICS(ctx context.Context, actor *schakel.Actor, consultationID int64) (string, error) {
	if _, err := a.Consultation(ctx, actor, consultationID); err != nil {
		return "", err
	}
	msgs, err := a.db.OutboxFor(ctx, actor.Professional.ID, 200)
	if err != nil {
		return "", err
	}
	uid := fmt.Sprintf("UID:consultation-%d@schakel", consultationID)
	for _, m := range msgs {
		if strings.Contains(m.ICS, uid) {
			return m.ICS, nil
		}
	}
	return "", schakel.Errorf(schakel.ENOTFOUND, "U bent niet uitgenodigd voor dit overleg.")
}

// MarkNoticeRead takes a notice off the actor's own work list. Someone
// else's notice is not found, and the attempt is audited.
func (a *App) MarkNoticeRead(ctx context.Context, actor *schakel.Actor, id int64) error {
	return a.db.MarkNotificationRead(ctx, actor, id)
}

// Health checks the database connection (for /healthz) and names its
// engine.
func (a *App) Health(ctx context.Context) (engine string, err error) {
	return a.db.Engine(), a.db.Ping(ctx)
}
