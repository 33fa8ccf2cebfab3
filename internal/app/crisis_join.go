package app

import (
	"fmt"

	"schakel"
	"schakel/internal/attendees"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// joinCrisisTable lets a new red report on a family join the crisis table
// that is already planned instead of planning another: needs the new
// report adds are filled by inviting people for them (on duty first), the
// people already invited hear of the new report, and needs nobody can fill
// go to the team leads.
func (a *App) joinCrisisTable(tx *storage.Tx, actor *schakel.Actor, table *schakel.Consultation, sig signals) error {
	all := attendees.Needs(crisisRequest(sig, actor))
	if err := tx.AddConsultationNeeds(table.ID, needRecords(all)); err != nil {
		return err
	}
	var urgent []string
	for _, n := range attendees.Of(all, attendees.Urgent) {
		urgent = append(urgent, n.String())
	}
	open := emptySeats(table, urgent, nil)
	if err := tellNewReport(tx, table); err != nil {
		return err
	}
	if len(open) == 0 {
		return nil
	}
	sel, err := fillSeats(tx, table, open)
	if err != nil {
		return err
	}
	if !table.OnHold() { // a held table tells its team leads when the invitations go out
		if err := tellIncomplete(tx, table.CaseID, table.ID, table.DueAt, sel.Missing); err != nil {
			return err
		}
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(table.ID),
		AccessBasis: audit.BasisParticipation, Detail: fmt.Sprintf("new report joins the crisis table: %d needs added, %d invited, missing %v",
			len(open), len(sel.Chosen), sel.Missing)})
	return nil
}

// tellNewReport tells everyone invited to a crisis table (and not
// declined) that a new report on the family came in. Nobody is told while
// the table's invitations are held: they were only proposed.
func tellNewReport(tx *storage.Tx, table *schakel.Consultation) error {
	if table.OnHold() {
		return nil
	}
	at := table.ScheduledAt.In(workdays.Location()).Format("15:04")
	for _, p := range table.Participants {
		if p.DeclinedAt != nil {
			continue
		}
		text := fmt.Sprintf("Nieuwe melding over het gezin van casus %d. Het crisisoverleg van %s blijft staan; lees de melding voor het overleg.", table.CaseID, at)
		if err := notice(tx, p.Professional.ID, "new_report", table.CaseID, table.ID, text); err != nil {
			return err
		}
	}
	return nil
}
