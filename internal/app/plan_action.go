package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// AddAction puts an action on a case's plan (issue 4): a title, a kind, an
// owner organisation on the case with a person who works there, and a due
// date that is not in the past (plan.ValidateAction). The owner hears of
// it unless they added it themselves. An expected version (> 0) refuses
// when the case changed since the client read it.
func (a *App) AddAction(ctx context.Context, actor *schakel.Actor, caseID int64, in plan.ActionInput) (schakel.Action, error) {
	var out schakel.Action
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventCreate, detail: "plan action", expected: in.ExpectedVersion, open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		f, _, err := planFacts(tx, caseID, in.OwnerProfessionalID)
		if err != nil {
			return err
		}
		due, err := plan.ValidateAction(in, f)
		if err != nil {
			return err
		}
		me := actor.Professional
		id, err := tx.InsertAction(storage.ActionRecord{CaseID: caseID, Title: in.Title, Kind: in.Kind, For: in.For,
			OwnerOrganisationID: in.OwnerOrganisationID, OwnerProfessionalID: in.OwnerProfessionalID, Due: due, CreatedBy: me.ID})
		if err != nil {
			return err
		}
		if in.OwnerProfessionalID != me.ID {
			if err := notice(tx, in.OwnerProfessionalID, "action_assigned", caseID, 0,
				fmt.Sprintf("%s heeft u een actie gegeven op casus %d, uiterlijk %s.", me.Name, caseID, due.Format("02-01-2006"))); err != nil {
				return err
			}
		}
		if out, err = actionOf(tx, id); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "plan_action", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisParticipation,
			Detail: fmt.Sprintf("case %d, %s for organisation %d", caseID, in.Kind, in.OwnerOrganisationID)})
		return nil
	})
	return out, err
}

// UpdateAction changes an action's status, owner or due date. Only the
// owning organisation or the one that holds regie changes an action (a
// refusal by that rule is audited). The version the client saw is
// required: two people changing the same plan never overwrite each other
// unseen. The rule is answered before the version, as it always was: a
// refused organisation learns nothing about the case's changes.
func (a *App) UpdateAction(ctx context.Context, actor *schakel.Actor, caseID, actionID int64, ch plan.ActionChange) (schakel.Action, error) {
	var out schakel.Action
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("plan action %d", actionID), open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		cur, err := tx.ActionState(caseID, actionID)
		if err != nil {
			return err
		}
		owner := cur.OwnerProfessionalID
		if ch.OwnerProfessionalID != nil {
			owner = *ch.OwnerProfessionalID
		}
		f, orgs, err := planFacts(tx, caseID, owner)
		if err != nil {
			return err
		}
		me := actor.Professional
		if me.Organisation.ID != cur.OwnerOrganisationID && me.Organisation.ID != orgs.RegieHolder() {
			return tx.RefuseRule(actor, caseID, audit.EventUpdate,
				"Alleen de organisatie die de actie uitvoert, of de organisatie met de regie, past een actie aan.")
		}
		if err := sawVersion(tx, caseID, ch.Version); err != nil {
			return err
		}
		due, err := plan.ValidateChange(cur, ch, f)
		if err != nil {
			return err
		}
		if err := tx.ChangeActionRecord(actionID, ch, due); err != nil {
			return err
		}
		if to := ch.OwnerProfessionalID; to != nil && *to != cur.OwnerProfessionalID && *to != me.ID {
			if err := notice(tx, *to, "action_assigned", caseID, 0,
				fmt.Sprintf("%s heeft een actie op casus %d aan u overgedragen.", me.Name, caseID)); err != nil {
				return err
			}
		}
		out, err = actionOf(tx, actionID)
		return err
	})
	return out, err
}

// planFacts are what the action rules need: today, the organisations on
// the case, and the organisation of each active professional among pros.
func planFacts(tx *storage.Tx, caseID int64, pros ...int64) (plan.Facts, storage.CaseOrgs, error) {
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return plan.Facts{}, orgs, err
	}
	active, err := tx.ActiveProfessionals(pros...)
	if err != nil {
		return plan.Facts{}, orgs, err
	}
	return plan.Facts{Today: today(tx), OnCase: orgs.ActiveOrganisations(), ProfessionalOrg: active}, orgs, nil
}

// sawVersion checks, after onCase locked the case without an expected
// version, that the client saw the version before this command: it is
// required, and a conflict when someone else changed the case since.
func sawVersion(tx *storage.Tx, caseID, saw int64) error {
	if saw <= 0 {
		return &schakel.Error{Code: schakel.EINVALID, Message: "Geef de versie van de casus mee die u zag.",
			Fields: []schakel.FieldError{{Field: "version", Code: "required", Message: "Geef de versie van de casus mee die u zag (If-Match of version)."}}}
	}
	now, err := tx.CaseVersion(caseID)
	if err != nil {
		return err
	}
	if now-1 != saw {
		return schakel.Errorf(schakel.ECONFLICT, "Iemand anders heeft deze casus net gewijzigd. Laad de casus opnieuw en probeer het nog eens.")
	}
	return nil
}
