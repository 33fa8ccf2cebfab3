package app

import (
	"fmt"
	"slices"
	"time"

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
	covered := map[string]bool{}
	present := map[int64]bool{}
	for _, p := range table.Participants {
		present[p.Professional.ID] = true
		if p.DeclinedAt == nil {
			for _, c := range p.Covers {
				covered[c] = true
			}
		}
	}
	all := attendees.Needs(crisisRequest(sig, actor))
	if err := tx.AddConsultationNeeds(table.ID, needRecords(all)); err != nil {
		return err
	}
	var open []attendees.Need
	for _, n := range attendees.Of(all, attendees.Urgent) {
		if !covered[n.String()] {
			open = append(open, n)
		}
	}
	if err := tellNewReport(tx, table); err != nil {
		return err
	}
	if len(open) == 0 {
		return nil
	}
	pool, err := tx.CandidatePool(table.CaseID, table.ScheduledAt.Add(-time.Hour), table.ScheduledAt.Add(time.Hour))
	if err != nil {
		return err
	}
	free := slices.DeleteFunc(pool.At(table.ScheduledAt), func(c attendees.Candidate) bool { return present[c.ID] })
	sel := attendees.Select(open, free)
	if err := invite(tx, table.CaseID, table.ID, table.ScheduledAt, table.DueAt, sel.Chosen); err != nil {
		return err
	}
	missing := slices.Clone(table.Missing)
	for _, n := range sel.Missing {
		if !slices.Contains(missing, n.String()) {
			missing = append(missing, n.String())
		}
	}
	if err := tx.SetMissing(table.ID, missing); err != nil {
		return err
	}
	if err := tellIncomplete(tx, table.CaseID, table.ID, table.DueAt, sel.Missing); err != nil {
		return err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(table.ID),
		AccessBasis: audit.BasisParticipation, Detail: fmt.Sprintf("new report joins the crisis table: %d needs added, %d invited, missing %v",
			len(open), len(sel.Chosen), sel.Missing)})
	return nil
}

// tellNewReport tells everyone invited to a crisis table (and not
// declined) that a new report on the family came in.
func tellNewReport(tx *storage.Tx, table *schakel.Consultation) error {
	at := table.ScheduledAt.In(workdays.Location()).Format("15:04")
	for _, p := range table.Participants {
		if p.DeclinedAt != nil {
			continue
		}
		text := fmt.Sprintf("Nieuwe melding over het gezin van casus %d. Het crisisoverleg van %s blijft staan; lees de melding voor het overleg.", table.CaseID, at)
		if err := tx.Tell(p.Professional.ID, "new_report", table.CaseID, table.ID, text); err != nil {
			return err
		}
	}
	return nil
}
