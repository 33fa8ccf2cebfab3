package storage

import (
	"fmt"
	"slices"
	"strings"

	"schakel"
	"schakel/internal/attendees"
	"schakel/internal/workdays"
)

// lapseInvitations ends the invitations of an organisation that leaves a
// case to the consultations still to come. They are kept, marked as
// withdrawn with the reason, so the minutes still name who was invited and
// the invitation no longer gives access. A seat only they filled becomes
// missing on the consultation, and the team leads of the chain's core
// organisations hear of it.
func (tx *Tx) lapseInvitations(caseID, orgID int64, orgName string) error {
	planned, err := tx.Consultations(`c.case_id = ? AND c.status = 'planned'`, caseID)
	if err != nil {
		return err
	}
	reason := orgName + " is uit de casus gestapt."
	for _, c := range planned {
		var left []string
		var remaining [][]string
		for _, p := range c.Participants {
			switch {
			case p.DeclinedAt != nil:
			case p.Professional.Organisation.ID == orgID:
				left = append(left, p.Covers...)
			default:
				remaining = append(remaining, p.Covers)
			}
		}
		if _, err := tx.exec(`UPDATE consultation_participants SET declined_at = ?, decline_reason = ?
			WHERE consultation_id = ? AND declined_at IS NULL AND professional_id IN (SELECT id FROM professionals WHERE organisation_id = ?)`,
			tx.now, reason, c.ID, orgID); err != nil {
			return err
		}
		empty := attendees.Uncovered(left, remaining)
		if len(empty) == 0 {
			continue
		}
		missing := c.Missing
		var dutch []string
		for _, n := range empty {
			if !slices.Contains(missing, n) {
				missing = append(missing, n)
			}
			if need, ok := attendees.ParseNeed(n); ok {
				dutch = append(dutch, need.Dutch())
			}
		}
		if err := tx.SetMissing(c.ID, missing); err != nil {
			return err
		}
		text := fmt.Sprintf("Overleg over casus %d op %s: %s De plek voor %s is nu leeg. Zoek iemand, of bespreek aan tafel wie dit overneemt.",
			caseID, c.ScheduledAt.In(workdays.Location()).Format("02-01-2006 15:04"), reason, strings.Join(dutch, ", "))
		for _, kind := range []schakel.OrganisationKind{schakel.VeiligThuis, schakel.Jeugdbescherming, schakel.Raad} {
			if err := tx.NotifyTeamLeadsOfKind(kind, caseID, c.ID, text); err != nil {
				return err
			}
		}
	}
	return nil
}
