package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// HandoverRegie hands regie to another organisation on the case: an
// explicit, recorded act by the organisation that holds it. One
// organisation holds regie at a time; the receiving organisation's contact
// person and team leads hear of it.
func (a *App) HandoverRegie(ctx context.Context, actor *schakel.Actor, caseID int64, in plan.Handover) ([]schakel.ParticipationView, error) {
	var out []schakel.ParticipationView
	cmd := caseCommand{caseID: caseID, open: true, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("regie to organisation %d", in.ToOrganisationID)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		mine, from := actor.Professional.Organisation.ID, orgs.RegieHolder()
		if from != 0 && from != mine {
			return tx.RefuseRule(actor, caseID, audit.EventUpdate, "Alleen de organisatie die de regie heeft, draagt haar over.")
		}
		f := plan.HandoverFacts{ActorHoldsRegie: from == mine, RegieExists: from != 0, ToActive: orgs.Active(in.ToOrganisationID),
			ToIsSelf: in.ToOrganisationID == mine, FromKind: orgs.Kind(from)}
		if err := plan.CheckHandover(&in, f); err != nil {
			return err
		}
		regies, err := tx.MoveRegie(caseID, from, in.ToOrganisationID, in.FormerRole)
		if err != nil {
			return err
		}
		if regies != 1 {
			return schakel.Errorf(schakel.ECONFLICT, "De regie is net door iemand anders veranderd. Laad de casus opnieuw.")
		}
		if err := tx.InsertParticipationEvent(storage.ParticipationEvent{CaseID: caseID, OrganisationID: from, Kind: schakel.EventRegieHandover,
			ToOrganisationID: in.ToOrganisationID, From: schakel.RoleRegie, To: in.FormerRole, Note: strings.TrimSpace(in.Reason),
			By: actor.Professional.ID}); err != nil {
			return err
		}
		if err := tellRegieReceived(tx, orgs, actor.Professional, caseID, in.ToOrganisationID); err != nil {
			return err
		}
		out, err = tx.Participations(caseID)
		return err
	})
	return out, err
}

// tellRegieReceived tells the receiving organisation's contact person on
// the case and its team leads that it holds regie now.
func tellRegieReceived(tx *storage.Tx, orgs storage.CaseOrgs, by *schakel.Professional, caseID, to int64) error {
	if c := orgs.Contact(to); c != 0 {
		if err := notice(tx, c, "regie_handover", caseID, 0,
			fmt.Sprintf("%s heeft de regie over casus %d aan uw organisatie overgedragen.", by.Name, caseID)); err != nil {
			return err
		}
	}
	return notifyTeamLeads(tx, to, caseID, 0, "regie_handover",
		fmt.Sprintf("Uw organisatie heeft nu de regie over casus %d (overgedragen door %s).", caseID, by.Name))
}
