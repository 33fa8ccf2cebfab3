package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/attendees"
	"schakel/internal/audit"
	"schakel/internal/invitation"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// CreateConsultation schedules a consultation of any kind on a case with an
// agenda and invitations. People are invited by name, by organisation or by
// expertise; when nobody is available for an organisation or expertise the
// consultation still stands, says what is missing, and that organisation's
// team leads are told. A follow-up MDO also invites for what the case's
// crisis table left to follow (followUpNeeds).
func (a *App) CreateConsultation(ctx context.Context, actor *schakel.Actor, caseID int64, in plan.ConsultationInput) (schakel.Consultation, error) {
	var out schakel.Consultation
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventCreate, detail: "consultation " + in.Kind, open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		at, where, err := plan.ValidateNewConsultation(in, tx.Now())
		if err != nil {
			return err
		}
		follow, err := followUpNeeds(tx, caseID, in.Kind)
		if err != nil {
			return err
		}
		chosen, err := chooseInvitees(tx, caseID, in.Invite, at, needsOf(follow))
		if err != nil {
			return err
		}
		var missing []string
		for _, n := range chosen.missing {
			missing = append(missing, n.String())
		}
		me := actor.Professional
		id, err := tx.InsertConsultation(storage.NewConsultation{CaseID: caseID, Kind: in.Kind, Title: strings.TrimSpace(in.Title),
			At: at, Missing: missing, CreatedBy: me.ID, Location: where})
		if err != nil {
			return err
		}
		if err := tx.AddConsultationNeeds(id, follow); err != nil {
			return err
		}
		for i, item := range in.Agenda {
			if err := tx.InsertAgendaItem(id, i+1, strings.TrimSpace(item), me.ID); err != nil {
				return err
			}
		}
		ref := storage.ConsultationRef{ID: id, CaseID: caseID, Kind: in.Kind, Status: schakel.ConsultationPlanned, ScheduledAt: at}
		if _, err := addParticipants(tx, ref, chosen.picked, me.ID); err != nil {
			return err
		}
		if err := tellUncovered(tx, actor, ref, chosen.missing); err != nil {
			return err
		}
		if out, err = tx.ConsultationByID(id); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "consultation", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisParticipation,
			Detail: fmt.Sprintf("%s for case %d, %d invited, missing %v", in.Kind, caseID, len(out.Participants), missing)})
		return nil
	})
	return out, err
}

// tellUncovered asks someone to find a person for every need nobody could
// cover: for an organisation the team leads of that kind, for an
// expertise the planner's own team leads.
func tellUncovered(tx *storage.Tx, actor *schakel.Actor, ref storage.ConsultationRef, missing []attendees.Need) error {
	for _, n := range missing {
		text := fmt.Sprintf("Voor een %s over casus %d op %s is niemand beschikbaar voor: %s. Zoek iemand.",
			invitation.KindDutch(ref.Kind), ref.CaseID, ref.ScheduledAt.In(workdays.Location()).Format("02-01-2006 15:04"), n.Dutch())
		if n.Kind == attendees.KindOrganisation {
			if err := notifyTeamLeadsOfKinds(tx, ref.CaseID, ref.ID, text, schakel.OrganisationKind(n.Value)); err != nil {
				return err
			}
		} else if err := notifyTeamLeads(tx, actor.Professional.Organisation.ID, ref.CaseID, ref.ID, "incomplete_table", text); err != nil {
			return err
		}
	}
	return nil
}
