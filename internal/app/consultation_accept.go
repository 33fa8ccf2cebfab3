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

// AcceptInvitation is the invitee's "Ik doe mee". Invited means taking
// part: when the invitee's organisation is not on the case yet, it joins
// with the role its kind has at that table (plan.RoleAtTable) and the
// invitee as its contact person, so that they can own actions, log
// conversations and decide without first adding themselves. The
// organisation with regie hears who joined. Accepting twice is no error.
func (a *App) AcceptInvitation(ctx context.Context, actor *schakel.Actor, consultationID int64) (schakel.Consultation, error) {
	var out schakel.Consultation
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if actor.Professional == nil {
			return refuseInvitation(tx, actor, consultationID, "only professionals are invited")
		}
		me := actor.Professional
		inv, err := tx.InvitationOf(consultationID, me.ID)
		if err != nil {
			return err
		}
		if !inv.Invited {
			return refuseInvitation(tx, actor, consultationID, "accept without an invitation")
		}
		switch {
		case inv.Declined:
			return schakel.Errorf(schakel.ECONFLICT, "U heeft zich voor dit overleg afgemeld. Vraag de organisator om u opnieuw uit te nodigen.")
		case inv.Status != schakel.ConsultationPlanned:
			return schakel.Errorf(schakel.ECONFLICT, "Dit overleg is niet meer gepland. Kijk in Mijn werk of er een nieuw overleg is.")
		}
		if _, err := guardCase(tx, actor, inv.CaseID, access.Write, audit.EventUpdate, fmt.Sprintf("accept invitation to consultation %d", consultationID)); err != nil {
			return err
		}
		if _, err := tx.BumpCase(inv.CaseID, 0); err != nil {
			return err
		}
		if !inv.Accepted {
			if err := tx.AcceptRecord(consultationID, me.ID); err != nil {
				return err
			}
			if err := joinAtTable(tx, me, inv); err != nil {
				return err
			}
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(consultationID),
			AccessBasis: audit.BasisSelf, Detail: fmt.Sprintf("case %d, invitation accepted", inv.CaseID)})
		out, err = tx.ConsultationByID(consultationID)
		return err
	})
	return out, err
}

// joinAtTable makes the invitee's organisation take part in the case with
// its role at the table, unless it already does, and tells the
// organisation with regie.
func joinAtTable(tx *storage.Tx, me *schakel.Professional, inv storage.Invitation) error {
	orgs, err := tx.CaseOrganisations(inv.CaseID)
	if err != nil || orgs.Active(me.Organisation.ID) {
		return err
	}
	role := plan.RoleAtTable(me.Organisation.Kind, orgs.RegieHolder() != 0)
	reason := fmt.Sprintf("%s neemt deel aan het overleg (%d) waarvoor %s is uitgenodigd.", me.Organisation.Name, inv.ConsultationID, me.Name)
	if err := tx.JoinCaseAs(inv.CaseID, me.Organisation.ID, me.ID, role, reason, me.ID); err != nil {
		return err
	}
	regie := orgs.RegieHolder()
	if regie == 0 || orgs.Contact(regie) == 0 || orgs.Contact(regie) == me.ID {
		return nil
	}
	return notice(tx, orgs.Contact(regie), "joined_case", inv.CaseID, inv.ConsultationID,
		fmt.Sprintf("%s (%s) doet mee aan het overleg en neemt deel aan casus %d met de rol %s.", me.Name, me.Organisation.Name, inv.CaseID, role))
}

// refuseInvitation audits an attempt on an invitation the actor does not
// have: the same answer as for any refusal, nothing else written.
func refuseInvitation(tx *storage.Tx, actor *schakel.Actor, consultationID int64, detail string) error {
	d := access.Decision{Basis: audit.BasisNone, Reason: "U bent niet uitgenodigd voor dit overleg."}
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(consultationID), Detail: detail})
	return tx.Refuse(d)
}
