package app

import (
	"fmt"
	"slices"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// foldCrisisTables keeps one crisis table per family after two cases
// became one. The earliest planned table stays; every later one is
// cancelled with a reason that names the table that stays, its invitees
// who are not at that table yet are invited to it with the needs they
// covered, and everyone invited to a cancelled table is told (work list,
// e-mail, calendar cancellation). Nothing of the cancelled table is lost:
// it stays on the case with its change history.
func foldCrisisTables(tx *storage.Tx, actor *schakel.Actor, caseID int64) error {
	tables, err := tx.PlannedCrisisTables(caseID)
	if err != nil || len(tables) < 2 {
		return err
	}
	keep := tables[0] // earliest first
	present := map[int64]bool{}
	for _, p := range keep.Participants {
		present[p.Professional.ID] = true
	}
	for _, later := range tables[1:] {
		reason := fmt.Sprintf("Samengevoegd met crisisoverleg %d: het gaat om hetzelfde gezin.", keep.ID)
		if err := tx.CancelRecord(later.ID, later.ScheduledAt, reason, actor.Professional.ID); err != nil {
			return err
		}
		cancelled, err := tx.ConsultationByID(later.ID)
		if err != nil {
			return err
		}
		// Its needs, with their rules, join the table that stays.
		if err := tx.AddConsultationNeeds(keep.ID, cancelled.Needs); err != nil {
			return err
		}
		if later.OnHold() { // its invitations never go out
			if err := tx.EndHold(later.ID); err != nil {
				return err
			}
		}
		for _, p := range cancelled.Participants {
			if !later.OnHold() { // only proposed: they were told nothing
				if err := tellOfChange(tx, cancelled, []int64{p.Professional.ID}, later.ScheduledAt, reason, actor.Professional); err != nil {
					return err
				}
			}
			if p.DeclinedAt != nil || present[p.Professional.ID] {
				continue
			}
			present[p.Professional.ID] = true
			why := slices.Concat(p.Reasons, []string{fmt.Sprintf("Uitgenodigd voor crisisoverleg %d, dat is samengevoegd met dit overleg.", later.ID)})
			if err := tx.AddInvitee(keep.ID, p.Professional.ID, p.Covers, why); err != nil {
				return err
			}
			if keep.OnHold() { // told when its invitations go out
				continue
			}
			in := []storage.Invitee{{ProfessionalID: p.Professional.ID, Covers: p.Covers}}
			if err := inviteCrisis(tx, caseID, keep.ID, keep.ScheduledAt, keep.DueAt, in); err != nil {
				return err
			}
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(later.ID),
			AccessBasis: audit.BasisParticipation, Detail: fmt.Sprintf("crisis table folded into consultation %d of case %d", keep.ID, caseID)})
	}
	return nil
}
