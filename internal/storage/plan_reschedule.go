package storage

// Moving and cancelling a planned consultation: every invited person hears
// of it in the work list and by e-mail with an update (or cancellation) of
// the same calendar event, and the change is kept with who made it and why.

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/ics"
	"schakel/internal/workdays"
)

func (tx *Tx) recordChange(id int64, change string, from time.Time, toAt any, reason string, by int64) error {
	_, err := tx.exec(`INSERT INTO consultation_changes (consultation_id, kind, from_at, to_at, reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, change, from, toAt, reason, by, tx.now)
	return err
}

// CancelRecord cancels a planned consultation with a reason, kept with who
// cancelled it; the caller tells the invited people (TellOfChange).
func (tx *Tx) CancelRecord(id int64, from time.Time, reason string, by int64) error {
	if _, err := tx.exec(`UPDATE consultations SET status = 'cancelled', sequence = sequence + 1 WHERE id = ? AND status = 'planned'`, id); err != nil {
		return err
	}
	return tx.recordChange(id, "cancelled", from, nil, reason, by)
}

// TellOfChange tells one invited person that a consultation moved or was
// cancelled (see tellOfChange).
func (tx *Tx) TellOfChange(professionalID int64, c schakel.Consultation, from time.Time, reason string, by *schakel.Professional) error {
	return tx.tellOfChange(professionalID, c, from, reason, by)
}

// tellOfChange tells one invited person that a consultation moved or was
// cancelled: in the work list (not the one who made the change), and by
// e-mail with the calendar update (everyone, so that every calendar
// follows). Like every e-mail, it names no family member.
func (tx *Tx) tellOfChange(professionalID int64, c schakel.Consultation, from time.Time, reason string, by *schakel.Professional) error {
	var name, email string
	if err := tx.queryRow(`SELECT name, email FROM professionals WHERE id = ?`, professionalID).Scan(&name, &email); err != nil {
		return err
	}
	what := consultKindDutch[c.Kind]
	when := func(t time.Time) string { return t.In(workdays.Location()).Format("02-01-2006 15:04") }
	where, err := tx.calendarOf(c.ID)
	if err != nil {
		return err
	}
	ev := where.event(ics.Event{
		UID: fmt.Sprintf("consultation-%d@schakel", c.ID), Sequence: c.Sequence, Start: c.ScheduledAt, End: c.ScheduledAt.Add(time.Hour), Stamp: tx.now,
		Summary:     fmt.Sprintf("%s – casus %d", capitalise(what), c.CaseID),
		Description: fmt.Sprintf("Open Schakel voor de gegevens (casus %d, overleg %d).", c.CaseID, c.ID),
		Attendees:   []ics.Attendee{{Name: name, Email: email}},
	})
	var text, subject, cal string
	if c.Status == "cancelled" {
		text = fmt.Sprintf("Het %s over casus %d op %s gaat niet door. %s: %s", what, c.CaseID, when(from), by.Name, reason)
		subject = fmt.Sprintf("Afgezegd: %s casus %d op %s", what, c.CaseID, when(from))
		cal = ics.Cancel(ev)
	} else {
		text = fmt.Sprintf("Het %s over casus %d is verplaatst van %s naar %s. %s: %s", what, c.CaseID, when(from), when(c.ScheduledAt), by.Name, reason)
		subject = fmt.Sprintf("Verplaatst: %s casus %d naar %s", what, c.CaseID, when(c.ScheduledAt))
		cal = ics.Request(ev)
	}
	if professionalID != by.ID {
		if err := tx.notify(professionalID, "consultation_changed", c.CaseID, c.ID, text); err != nil {
			return err
		}
	}
	if c.Status != "cancelled" {
		text += "\n" + strings.TrimSuffix(where.mailLines(), "\n")
	}
	body := fmt.Sprintf("Beste %s,\n\n%s\n\nDe gegevens van het gezin staan alleen in Schakel.\n\nSchakel\n", name, strings.TrimSpace(text))
	return tx.mail(professionalID, email, subject, body, cal)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// consultationChanges fills in the moves and cancellations of the
// consultations in out; only those that ever changed are asked for.
func (tx *Tx) consultationChanges(out []schakel.Consultation, index map[int64]int) error {
	var ids []any
	for _, c := range out {
		if c.Sequence > 0 {
			ids = append(ids, c.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.query(`SELECT x.consultation_id, x.kind, x.from_at, x.to_at, x.reason, p.id, p.name, x.changed_at
		FROM consultation_changes x JOIN professionals p ON p.id = x.changed_by
		WHERE x.consultation_id IN (`+placeholders(len(ids))+`) ORDER BY x.consultation_id, x.id`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var ch schakel.ConsultationChange
		var to sql.NullTime
		if err := rows.Scan(&cid, &ch.Kind, &ch.From, &to, &ch.Reason, &ch.ChangedBy.ID, &ch.ChangedBy.Name, &ch.ChangedAt); err != nil {
			return err
		}
		ch.From, ch.To, ch.ChangedAt = ch.From.UTC(), nullTime(to), ch.ChangedAt.UTC()
		out[index[cid]].Changes = append(out[index[cid]].Changes, ch)
	}
	return rows.Err()
}
