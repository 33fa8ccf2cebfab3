package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// caseContext is what access.Decide needs to know about the actor and a
// case: storage loads the facts, the access rules weigh them. It returns a
// not-found error for an unknown case.
func caseContext(tx *storage.Tx, actor *schakel.Actor, caseID int64) (access.Context, error) {
	f, err := tx.CaseAccessFacts(actor.Professional, caseID)
	if err != nil {
		return access.Context{}, err
	}
	return contextOf(tx, actor, f), nil
}

// contextOf weighs a case's facts for the actor at the transaction's time.
func contextOf(tx *storage.Tx, actor *schakel.Actor, f access.CaseFacts) access.Context {
	return access.CaseContext(f, actor.EmergencyReason, tx.Now(), tx.InvitationGrace())
}

// guardCase is the single gate for case data: internal/access decides and
// the decision (allowed or refused) is audited with every person on the
// case in this transaction. On refusal it returns the error that commits
// only that entry.
func guardCase(tx *storage.Tx, actor *schakel.Actor, caseID int64, a access.Action, event, detail string) (access.Decision, error) {
	return guardCaseResource(tx, actor, caseID, access.Case, a, event, detail)
}

// guardCaseResource is guardCase for a resource on the case other than its
// content (the actor's own record of it, for one).
func guardCaseResource(tx *storage.Tx, actor *schakel.Actor, caseID int64, r access.Resource, a access.Action, event, detail string) (access.Decision, error) {
	f, persons, err := tx.CaseGuardFacts(actor.Professional, caseID)
	if err != nil {
		return access.Decision{}, err
	}
	d := access.Decide(access.SubjectOf(actor.Professional), r, a, contextOf(tx, actor, f))
	tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: "case", ResourceID: fmt.Sprint(caseID),
		Persons: persons, Detail: detail})
	if !d.Allowed {
		return d, tx.Refuse(d)
	}
	return d, nil
}

// MayReadCase tells whether the actor may read a case, without reading any
// of it: a screen that showed a refused write uses it to choose between
// the form again and the refusal page, so that the refused attempt keeps
// its one audit entry (the refusal) instead of gaining a refused read.
func (a *App) MayReadCase(ctx context.Context, actor *schakel.Actor, caseID int64) (bool, error) {
	var ok bool
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		c, err := caseContext(tx, actor, caseID)
		if err != nil {
			return err
		}
		ok = access.Decide(access.SubjectOf(actor.Professional), access.Case, access.Read, c).Allowed
		return nil
	})
	return ok, err
}

// Case returns a case with everything on it, for an actor allowed to see
// it; the read is audited with every person on the case.
func (a *App) Case(ctx context.Context, actor *schakel.Actor, id int64) (schakel.Case, error) {
	var c schakel.Case
	err := a.db.ReadAudited(ctx, func(tx *storage.Tx) error {
		tx.ReadBatchedNext()
		d, err := guardCase(tx, actor, id, access.Read, audit.EventRead, "")
		if err != nil {
			return err
		}
		c, err = tx.LoadCase(id)
		c.AccessBasis = d.Basis
		return err
	})
	if err != nil {
		// Nothing read reaches a caller whose read was not audited.
		return schakel.Case{}, err
	}
	return c, nil
}

// Consultation returns one consultation for an actor who may see its case;
// an invitee's opening marks the invitation seen.
func (a *App) Consultation(ctx context.Context, actor *schakel.Actor, id int64) (schakel.Consultation, error) {
	var c schakel.Consultation
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		ref, err := tx.ConsultationRefOf(id)
		if err != nil {
			return err
		}
		if _, err := guardCase(tx, actor, ref.CaseID, access.Read, audit.EventRead, fmt.Sprintf("consultation %d", id)); err != nil {
			return err
		}
		if err := tx.MarkInvitationSeen(actor, id); err != nil {
			return err
		}
		cs, err := tx.Consultations(`c.id = ?`, id)
		if err != nil {
			return err
		}
		c = cs[0]
		return nil
	})
	return c, err
}
