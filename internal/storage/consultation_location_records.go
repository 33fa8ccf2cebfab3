package storage

import (
	"fmt"
	"time"

	"schakel"
	"schakel/internal/ics"
	"schakel/internal/workdays"
)

// NextCalendarSequence counts one more change sent to the invitees'
// calendars, so that their calendar programs take the update.
func (tx *Tx) NextCalendarSequence(consultationID int64) error {
	_, err := tx.exec(`UPDATE consultations SET sequence = sequence + 1 WHERE id = ?`, consultationID)
	return err
}

// TellOfLocation tells one invitee where a consultation now meets: in the
// work list (not the one who changed it) and by e-mail with the calendar
// update. Like every e-mail, it names no family member.
func (tx *Tx) TellOfLocation(professionalID int64, c schakel.Consultation, by *schakel.Professional) error {
	var name, email string
	if err := tx.queryRow(`SELECT name, email FROM professionals WHERE id = ?`, professionalID).Scan(&name, &email); err != nil {
		return err
	}
	where, err := tx.calendarOf(c.ID)
	if err != nil {
		return err
	}
	what := consultKindDutch[c.Kind]
	when := c.ScheduledAt.In(workdays.Location()).Format("02-01-2006 15:04")
	text := fmt.Sprintf("%s heeft vastgelegd waar het %s over casus %d op %s is.", by.Name, what, c.CaseID, when)
	if professionalID != by.ID {
		if err := tx.notify(professionalID, "consultation_changed", c.CaseID, c.ID, text); err != nil {
			return err
		}
	}
	cal := ics.Request(where.event(ics.Event{
		UID: fmt.Sprintf("consultation-%d@schakel", c.ID), Sequence: c.Sequence, Start: c.ScheduledAt, End: c.ScheduledAt.Add(time.Hour), Stamp: tx.now,
		Summary:     fmt.Sprintf("%s – casus %d", capitalise(what), c.CaseID),
		Description: fmt.Sprintf("Open Schakel voor de gegevens (casus %d, overleg %d).", c.CaseID, c.ID),
		Attendees:   []ics.Attendee{{Name: name, Email: email}},
	}))
	body := fmt.Sprintf("Beste %s,\n\n%s\n%s\nDe gegevens van het gezin staan alleen in Schakel.\n\nSchakel\n", name, text, where.mailLines())
	return tx.mail(professionalID, email, fmt.Sprintf("Plaats: %s casus %d op %s", what, c.CaseID, when), body, cal)
}
