package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/attendees"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// ExitCase takes an organisation off a case with a handover note and the
// next steps. Only the organisation itself leaves. It is refused (409)
// while the organisation owns open actions (reassign them first), holds
// regie (hand it over first) or, for the Raad, while its investigation is
// open (plan.CheckExit). Afterwards its professionals see nothing new on
// the case; what they wrote stays on it for the others, and they keep
// reading that, their own record (OwnRecordOf). Their invitations to
// planned consultations lapse but stay in the minutes; a seat left empty is
// shown on the consultation and told to the team leads.
func (a *App) ExitCase(ctx context.Context, actor *schakel.Actor, caseID, orgID int64, in plan.ExitInput) (schakel.ParticipationEvent, error) {
	var ev schakel.ParticipationEvent
	cmd := caseCommand{caseID: caseID, open: true, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("exit of organisation %d", orgID)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		if actor.Professional.Organisation.ID != orgID {
			return tx.RefuseRule(actor, caseID, audit.EventUpdate, "Alleen de organisatie zelf stapt uit een casus. Vraag haar dat te doen.")
		}
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		if err := checkExit(tx, orgs, caseID, orgID, in); err != nil {
			return err
		}
		if err := tx.ExitParticipation(caseID, orgID); err != nil {
			return err
		}
		if err := tx.InsertParticipationEvent(storage.ParticipationEvent{CaseID: caseID, OrganisationID: orgID, Kind: schakel.EventExited,
			From: orgs.Role(orgID), Note: strings.TrimSpace(in.Handover), NextSteps: strings.TrimSpace(in.NextSteps), By: actor.Professional.ID}); err != nil {
			return err
		}
		if err := lapseInvitations(tx, caseID, orgID, orgs.Name(orgID)); err != nil {
			return err
		}
		if c := orgs.Contact(orgs.RegieHolder()); c != 0 {
			if err := notice(tx, c, "exit", caseID, 0, fmt.Sprintf("%s is uit casus %d gestapt, met een overdracht en de volgende stappen.", orgs.Name(orgID), caseID)); err != nil {
				return err
			}
		}
		ev, err = tx.ExitEvent(caseID, orgID)
		return err
	})
	return ev, err
}

// checkExit loads what the exit rules weigh and asks them.
func checkExit(tx *storage.Tx, orgs storage.CaseOrgs, caseID, orgID int64, in plan.ExitInput) error {
	open, err := tx.OpenActionsOwned(caseID, orgID)
	if err != nil {
		return err
	}
	kinds, err := tx.DecisionKinds(caseID, orgID)
	if err != nil {
		return err
	}
	return plan.CheckExit(in, plan.ExitFacts{Active: orgs.Active(orgID), HoldsRegie: orgs.RegieHolder() == orgID, OpenActions: open,
		InvestigationOpen: plan.InvestigationOpen(kinds)})
}

// lapseInvitations ends the invitations of an organisation that leaves a
// case to the consultations still to come. They are kept, marked as
// withdrawn with the reason, so the minutes still name who was invited and
// the invitation no longer gives access. A seat only they filled goes on
// the consultation's missing list, and the team leads of the chain's core
// organisations hear of it.
func lapseInvitations(tx *storage.Tx, caseID, orgID int64, orgName string) error {
	planned, err := tx.Consultations(`c.case_id = ? AND c.status = 'planned'`, caseID)
	if err != nil {
		return err
	}
	reason := orgName + " is uit de casus gestapt."
	for i := range planned {
		c := &planned[i]
		leaving := func(p schakel.Participant) bool { return p.Professional.Organisation.ID == orgID }
		left, _ := seatedCovers(c, leaving)
		if err := tx.LapseInvitationsOf(c.ID, orgID, reason); err != nil {
			return err
		}
		var empty []string
		for _, n := range emptySeats(c, left, leaving) {
			empty = append(empty, n.String())
		}
		if len(empty) == 0 {
			continue
		}
		if err := markMissing(tx, c, empty); err != nil {
			return err
		}
		if err := tellSeatEmpty(tx, c, reason, empty); err != nil {
			return err
		}
	}
	return nil
}

// tellSeatEmpty tells the team leads of the chain's core organisations
// that a seat at a consultation is empty since an organisation left.
func tellSeatEmpty(tx *storage.Tx, c *schakel.Consultation, reason string, empty []string) error {
	var dutch []string
	for _, s := range empty {
		if n, ok := attendees.ParseNeed(s); ok {
			dutch = append(dutch, n.Dutch())
		}
	}
	text := fmt.Sprintf("Overleg over casus %d op %s: %s De plek voor %s is nu leeg. Zoek iemand, of bespreek aan tafel wie dit overneemt.",
		c.CaseID, c.ScheduledAt.In(workdays.Location()).Format("02-01-2006 15:04"), reason, strings.Join(dutch, ", "))
	return notifyTeamLeadsOfKinds(tx, c.CaseID, c.ID, text, schakel.VeiligThuis, schakel.Jeugdbescherming, schakel.Raad)
}
