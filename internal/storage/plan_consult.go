package storage

// Consultations of every kind: the agenda as read, the invitation by
// e-mail and the consultation page's audited read. The commands run in
// internal/app (consultation_*.go); their records are in
// consultation_records.go.

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/attendees"
	"schakel/internal/ics"
	"schakel/internal/workdays"
)

// agendas fills in the agenda of the consultations in out (one query).
func (tx *Tx) agendas(out []schakel.Consultation, index map[int64]int, ids []any) error {
	rows, err := tx.query(`SELECT a.consultation_id, a.id, a.position, a.text, p.id, p.name, a.created_at FROM consultation_agenda a
		LEFT JOIN professionals p ON p.id = a.added_by WHERE a.consultation_id IN (`+placeholders(len(ids))+`) ORDER BY a.consultation_id, a.position, a.id`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var a schakel.AgendaItem
		var pid sql.NullInt64
		var pname sql.NullString
		if err := rows.Scan(&cid, &a.ID, &a.Position, &a.Text, &pid, &pname, &a.CreatedAt); err != nil {
			return err
		}
		a.AddedBy = contactOf(pid, pname, sql.NullString{}, sql.NullString{})
		a.CreatedAt = a.CreatedAt.UTC()
		out[index[cid]].Agenda = append(out[index[cid]].Agenda, a)
	}
	return rows.Err()
}

// consultKindDutch names a consultation kind in sentences and e-mail.
var consultKindDutch = map[string]string{
	schakel.ConsultCrisis:          "crisisoverleg",
	schakel.ConsultMDO:             "multidisciplinair overleg (MDO)",
	schakel.ConsultPlacementReview: "plaatsingstafel",
	schakel.ConsultCaseConference:  "casusoverleg",
}

// InviteTo tells one professional about a planned consultation of any
// kind: in the work list (from consultation_participants), by e-mail with a
// calendar invitation.
func (tx *Tx) InviteTo(professionalID, caseID, consultationID int64, kind string, at time.Time, covers []string) error {
	var name, email string
	if err := tx.queryRow(`SELECT name, email FROM professionals WHERE id = ?`, professionalID).Scan(&name, &email); err != nil {
		return err
	}
	what := consultKindDutch[kind]
	local := at.In(workdays.Location())
	text := fmt.Sprintf("U bent uitgenodigd voor een %s over casus %d op %s.", what, caseID, local.Format("02-01-2006 15:04"))
	if err := tx.notify(professionalID, "invitation", caseID, consultationID, text); err != nil {
		return err
	}
	where, err := tx.calendarOf(consultationID)
	if err != nil {
		return err
	}
	cal := ics.Request(where.event(ics.Event{
		UID: fmt.Sprintf("consultation-%d@schakel", consultationID), Start: at, End: at.Add(time.Hour), Stamp: tx.now,
		Summary:     fmt.Sprintf("%s – casus %d", capitalise(what), caseID),
		Description: fmt.Sprintf("Open Schakel voor de gegevens (casus %d, overleg %d).", caseID, consultationID),
		Attendees:   []ics.Attendee{{Name: name, Email: email}},
	}))
	body := fmt.Sprintf("Beste %s,\n\n%s\n%s", name, text, where.mailLines())
	if len(covers) > 0 {
		var dutch []string
		for _, c := range covers {
			dutch = append(dutch, needNameDutch(c))
		}
		body += "U bent erbij voor: " + strings.Join(dutch, ", ") + ".\n"
	}
	body += "\nDe gegevens van het gezin staan alleen in Schakel.\n\nSchakel\n"
	return tx.mail(professionalID, email, fmt.Sprintf("%s casus %d op %s", capitalise(what), caseID, local.Format("02-01 15:04")), body, cal)
}

// ConsultKindDutch names a consultation kind in Dutch sentences.
func ConsultKindDutch(kind string) string { return consultKindDutch[kind] }

func needNameDutch(code string) string {
	kind, value, ok := strings.Cut(code, ":")
	if !ok {
		return code
	}
	return attendees.Need{Kind: kind, Value: value}.Dutch()
}
