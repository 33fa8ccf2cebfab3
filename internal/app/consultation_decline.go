package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/attendees"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// DeclineInvitation records that an invitee will not take part in a
// planned consultation, with the reason. From then on the invitation no
// longer gives access to the case (access.InvitationHolds). The needs the
// invitee was chosen for are filled again at once: someone available at
// that moment (on duty first) is invited; a need nobody can fill goes on
// the consultation's missing list and to the team leads. Whoever planned
// the consultation is told. Someone who was not invited finds no
// invitation (audited).
func (a *App) DeclineInvitation(ctx context.Context, actor *schakel.Actor, consultationID int64, reason string) (schakel.Consultation, error) {
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
			return refuseInvitation(tx, actor, consultationID, "decline without an invitation")
		}
		reason = strings.TrimSpace(reason)
		if err := checkDeclineReason(reason); err != nil {
			return err
		}
		switch {
		case inv.Status != schakel.ConsultationPlanned:
			return schakel.Errorf(schakel.ECONFLICT, "Dit overleg is niet meer gepland. U hoeft zich niet af te melden.")
		case inv.Declined:
			return schakel.Errorf(schakel.ECONFLICT, "U heeft zich al afgemeld voor dit overleg.")
		}
		if err := tx.DeclineRecord(consultationID, me.ID, reason); err != nil {
			return err
		}
		c, err := tx.ConsultationByID(consultationID)
		if err != nil {
			return err
		}
		chosen, err := refill(tx, &c, inv.Covers)
		if err != nil {
			return err
		}
		if err := tellPlanner(tx, me, inv, chosen); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(consultationID),
			AccessBasis: audit.BasisSelf, Detail: fmt.Sprintf("case %d, invitation declined; %d invited instead", inv.CaseID, len(chosen))})
		out, err = tx.ConsultationByID(consultationID)
		return err
	})
	return out, err
}

func checkDeclineReason(reason string) error {
	switch n := textlimit.Len(reason); {
	case n == 0:
		return &schakel.Error{Code: schakel.EINVALID, Message: "Schrijf op waarom u niet meedoet.",
			Fields: []schakel.FieldError{{Field: "reason", Code: "required", Message: "Schrijf op waarom u niet meedoet, zodat de organisator iemand anders kan zoeken."}}}
	case n > textlimit.Text:
		return &schakel.Error{Code: schakel.EINVALID, Message: "De reden is te lang.",
			Fields: []schakel.FieldError{{Field: "reason", Code: "too_long", Message: fmt.Sprintf("Hoogstens %d tekens.", textlimit.Text)}}}
	}
	return nil
}

// refill invites someone for each need a declined invitee covered that
// nobody else at the table still covers, and reports what stays open.
func refill(tx *storage.Tx, c *schakel.Consultation, covers []string) ([]attendees.Choice, error) {
	sel, err := fillSeats(tx, c, emptySeats(c, covers, nil))
	if err != nil {
		return nil, err
	}
	return sel.Chosen, tellIncomplete(tx, c.CaseID, c.ID, c.DueAt, sel.Missing)
}

// tellPlanner tells whoever planned the consultation who declined and who
// was invited instead.
func tellPlanner(tx *storage.Tx, me *schakel.Professional, inv storage.Invitation, chosen []attendees.Choice) error {
	if inv.CreatedBy == 0 || inv.CreatedBy == me.ID {
		return nil
	}
	text := fmt.Sprintf("%s doet niet mee aan het overleg over casus %d.", me.Name, inv.CaseID)
	if len(chosen) > 0 {
		var names []string
		for _, ch := range chosen {
			names = append(names, ch.Candidate.Name)
		}
		text += " In plaats daarvan is uitgenodigd: " + strings.Join(names, ", ") + "."
	} else {
		text += " Zoek zo nodig iemand anders."
	}
	return notice(tx, inv.CreatedBy, "invitation_declined", inv.CaseID, inv.ConsultationID, text)
}
