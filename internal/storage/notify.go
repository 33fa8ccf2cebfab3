package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/ics"
	"schakel/internal/workdays"
)

// FromAddress is the sender of Schakel's e-mail.
const FromAddress = "noreply@schakel.example"

// notify puts a line in a professional's work list.
func (tx *Tx) notify(professionalID int64, kind string, caseID, consultationID int64, text string) error {
	_, err := tx.exec(`INSERT INTO notifications (professional_id, kind, case_id, consultation_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		professionalID, kind, nullInt(caseID), nullInt(consultationID), text, tx.now)
	return err
}

// mail queues an e-mail in the outbox; a sender delivers it after commit.
// The body names no family member: e-mail leaves the system, so it only
// points to Schakel.
func (tx *Tx) mail(professionalID int64, to, subject, body, calendar string) error {
	_, err := tx.exec(`INSERT INTO outbox (professional_id, to_address, subject, body, ics, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		professionalID, to, subject, body, calendar, tx.now)
	return err
}

// invite tells one professional about a crisis consultation: in the work
// list, by e-mail, with a calendar invitation.
func (tx *Tx) Invite(professionalID, caseID, consultationID int64, at, due time.Time, covers []string) error {
	return tx.InviteAll(caseID, consultationID, at, due, []Invitee{{ProfessionalID: professionalID, Covers: covers}}, false)
}

// Invitee is one person invited to a consultation, with the needs they
// cover and why they were chosen.
type Invitee struct {
	ProfessionalID int64
	Covers         []string
	Reasons        []string
}

// InviteAll tells every invitee about a crisis consultation as Invite
// does, in five statements however many they are; with record it also
// records them at the table (AddInvitee).
func (tx *Tx) InviteAll(caseID, consultationID int64, at, due time.Time, invitees []Invitee, record bool) error {
	if len(invitees) == 0 {
		return nil
	}
	ids := make([]any, len(invitees))
	for i, in := range invitees {
		ids[i] = in.ProfessionalID
	}
	who, where, err := tx.inviteesAndCalendar(ids, consultationID)
	if err != nil {
		return err
	}
	local := at.In(workdays.Location())
	text := fmt.Sprintf("U bent uitgenodigd voor een crisisoverleg over casus %d op %s (uiterlijk %s).",
		caseID, local.Format("02-01-2006 15:04"), due.In(workdays.Location()).Format("15:04"))
	var seats, notes, mails []any
	for _, in := range invitees {
		w, ok := who[in.ProfessionalID]
		if !ok {
			return notFound("Professional")
		}
		seats = append(seats, consultationID, in.ProfessionalID, strings.Join(in.Covers, ","), strings.Join(in.Reasons, "\n"), tx.now)
		notes = append(notes, in.ProfessionalID, "invitation", nullInt(caseID), nullInt(consultationID), text, tx.now)
		cal := ics.Request(where.event(ics.Event{
			UID: fmt.Sprintf("consultation-%d@schakel", consultationID), Start: at, End: at.Add(time.Hour), Stamp: tx.now,
			Summary:     fmt.Sprintf("Crisisoverleg Samen in Crisis – casus %d", caseID),
			Description: fmt.Sprintf("Rode melding: gezamenlijk crisisoverleg. Open Schakel voor de gegevens (casus %d, overleg %d).", caseID, consultationID),
			Attendees:   []ics.Attendee{{Name: w[0], Email: w[1]}},
		}))
		body := fmt.Sprintf("Beste %s,\n\n%s\n%sU bent gekozen voor: %s.\n\nDe gegevens van het gezin staan alleen in Schakel.\n\nSchakel\n",
			w[0], text, where.mailLines(), strings.Join(in.Covers, ", "))
		mails = append(mails, in.ProfessionalID, w[1], fmt.Sprintf("Crisisoverleg casus %d om %s", caseID, local.Format("15:04")), body, cal, tx.now)
	}
	if record {
		if _, err := tx.exec(`INSERT INTO consultation_participants (consultation_id, professional_id, covers, reasons, invited_at) VALUES `+
			rowsOf(len(invitees), 5), seats...); err != nil {
			return err
		}
	}
	if _, err := tx.exec(`INSERT INTO notifications (professional_id, kind, case_id, consultation_id, text, created_at) VALUES `+
		rowsOf(len(invitees), 6), notes...); err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO outbox (professional_id, to_address, subject, body, ics, created_at) VALUES `+rowsOf(len(invitees), 6), mails...)
	return err
}

// inviteesAndCalendar returns the name and e-mail address of each
// professional and the consultation's calendar (calendarOf), in one
// statement.
func (tx *Tx) inviteesAndCalendar(ids []any, consultationID int64) (map[int64][2]string, calendarOf, error) {
	var c calendarOf
	rows, err := tx.query(`SELECT 0, c.id, COALESCE(p.name, ''), COALESCE(p.email, ''), c.location_mode, c.place, c.phone, c.video_url
		FROM consultations c LEFT JOIN professionals p ON p.id = c.created_by WHERE c.id = ?
		UNION ALL SELECT 1, id, name, email, '', '', '', '' FROM professionals WHERE id IN (`+placeholders(len(ids))+`)`,
		append([]any{consultationID}, ids...)...)
	if err != nil {
		return nil, c, err
	}
	defer rows.Close()
	out := map[int64][2]string{}
	found := false
	for rows.Next() {
		var kind int
		var id int64
		var name, email string
		var l schakel.ConsultationLocation
		if err := rows.Scan(&kind, &id, &name, &email, &l.Mode, &l.Place, &l.Phone, &l.VideoURL); err != nil {
			return nil, c, err
		}
		if kind == 0 {
			found = true
			c = calendarOf{location: l, organiserName: name, organiser: email}
			if c.organiser == "" {
				c.organiser = FromAddress
			}
			continue
		}
		out[id] = [2]string{name, email}
	}
	if err := rows.Err(); err != nil {
		return nil, c, err
	}
	if !found {
		return nil, c, sql.ErrNoRows
	}
	return out, c, nil
}

// rowsOf is the VALUES list of n rows of k placeholders each.
func rowsOf(n, k int) string {
	row := ", (" + placeholders(k) + ")"
	return strings.Repeat(row, n)[2:]
}

// teamLeads loads the case's region and the team leads of the
// organisations that match where, as access.Eligible weighs them: whom of
// them an alert about the case may reach is the use case's decision. A
// case that does not exist has none.
func (tx *Tx) teamLeads(caseID int64, where string, arg any) (region int64, leads []access.Candidate, err error) {
	err = tx.queryRow(`SELECT region_id FROM cases WHERE id = ?`, caseID).Scan(&region)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, nil
	} else if err != nil {
		return 0, nil, err
	}
	rows, err := tx.query(`SELECT p.id, p.active, o.id, o.kind, o.region_id FROM professionals p
		JOIN professional_roles r ON r.professional_id = p.id AND r.role = 'team_lead'
		JOIN organisations o ON o.id = p.organisation_id WHERE `+where+` ORDER BY p.id`, arg)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		c := access.Candidate{Subject: access.Subject{Roles: []schakel.Role{schakel.RoleTeamLead}}}
		if err := rows.Scan(&c.ProfessionalID, &c.Active, &c.OrganisationID, &c.Kind, &c.RegionID); err != nil {
			return 0, nil, err
		}
		leads = append(leads, c)
	}
	return region, leads, rows.Err()
}

// TeamLeadsOf loads the case's region and the team leads of one
// organisation (see teamLeads).
func (tx *Tx) TeamLeadsOf(caseID, orgID int64) (int64, []access.Candidate, error) {
	return tx.teamLeads(caseID, `o.id = ?`, orgID)
}

// TeamLeadsOfKind loads the case's region and the team leads of every
// organisation of a kind (see teamLeads).
func (tx *Tx) TeamLeadsOfKind(caseID int64, kind schakel.OrganisationKind) (int64, []access.Candidate, error) {
	return tx.teamLeads(caseID, `o.kind = ?`, string(kind))
}

// NotifyLeads tells each of ids (a notice and an e-mail) about a case.
func (tx *Tx) NotifyLeads(ids []int64, kind string, caseID, consultationID int64, text string) error {
	return tx.notifyLeads(ids, kind, caseID, consultationID, text)
}

func (tx *Tx) notifyLeads(ids []int64, kind string, caseID, consultationID int64, text string) error {
	for _, id := range ids {
		if err := tx.notify(id, kind, caseID, consultationID, text); err != nil {
			return err
		}
		var email string
		if err := tx.queryRow(`SELECT email FROM professionals WHERE id = ?`, id).Scan(&email); err != nil {
			return err
		}
		if err := tx.mail(id, email, "Schakel: actie nodig", text+"\n\nOpen Schakel voor de gegevens.\n", ""); err != nil {
			return err
		}
	}
	return nil
}

// OutboxMessage is a queued e-mail.
type OutboxMessage struct {
	ID       int64
	To       string
	Subject  string
	Body     string
	ICS      string
	Attempts int
}

// MailLease is how long a claimed message is left to the process that
// claimed it (ClaimMail). A sender starts no delivery close to its end.
const MailLease = 5 * time.Minute

// PendingMail returns unsent messages that nobody has claimed (or whose
// claim ran out), oldest first.
func (db *DB) PendingMail(ctx contextT, limit int) ([]OutboxMessage, error) {
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(`SELECT id, to_address, subject, body, ics, attempts FROM outbox
		WHERE sent_at IS NULL AND attempts < 10 AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id LIMIT ?`), db.Now().UTC(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboxMessage
	for rows.Next() {
		var m OutboxMessage
		if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.ICS, &m.Attempts); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ClaimMail returns unsent messages, oldest first, each claimed for
// MailLease: when several servers send from one database, the one whose
// claim succeeds sends the message, and the others skip it until it is
// sent or the claim runs out (its sender died or gave up). The claim is a
// compare-and-set on the message's row, so two claims never both succeed.
func (db *DB) ClaimMail(ctx contextT, limit int) ([]OutboxMessage, error) {
	pending, err := db.PendingMail(ctx, limit)
	if err != nil {
		return nil, err
	}
	var out []OutboxMessage
	for _, m := range pending {
		now := db.Now().UTC()
		res, err := db.write.ExecContext(ctx, db.dialect.rebind(`UPDATE outbox SET attempts = attempts + 1, claimed_until = ?
			WHERE id = ? AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)`), now.Add(MailLease), m.ID, now)
		if err != nil {
			return out, err
		}
		if n, err := res.RowsAffected(); err != nil {
			return out, err
		} else if n == 1 {
			m.Attempts++
			out = append(out, m)
		}
	}
	return out, nil
}

// MarkMail records the outcome of a delivery attempt of a claimed message.
func (db *DB) MarkMail(ctx contextT, id int64, sendErr error) error {
	if sendErr == nil {
		_, err := db.write.ExecContext(ctx, db.dialect.rebind(`UPDATE outbox SET sent_at = ?, last_error = '', claimed_until = NULL WHERE id = ?`), db.Now().UTC(), id)
		return err
	}
	msg := sendErr.Error()
	if len(msg) > 500 {
		msg = msg[:500]
	}
	// Released: the next round (of any process) tries again.
	_, err := db.write.ExecContext(ctx, db.dialect.rebind(`UPDATE outbox SET last_error = ?, claimed_until = NULL WHERE id = ?`), msg, id)
	return err
}

// OutboxFor lists the messages queued for one professional (newest first),
// e.g. to show or download a calendar invitation.
func (db *DB) OutboxFor(ctx contextT, professionalID int64, limit int) ([]OutboxMessage, error) {
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(`SELECT id, to_address, subject, body, ics, attempts FROM outbox
		WHERE professional_id = ? ORDER BY id DESC LIMIT ?`), professionalID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboxMessage
	for rows.Next() {
		var m OutboxMessage
		if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.ICS, &m.Attempts); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
