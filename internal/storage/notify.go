package storage

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"schakel"
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
	who, err := tx.namesAndEmails(ids)
	if err != nil {
		return err
	}
	where, err := tx.calendarOf(consultationID)
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

// namesAndEmails returns the name and e-mail address of each professional.
func (tx *Tx) namesAndEmails(ids []any) (map[int64][2]string, error) {
	rows, err := tx.query(`SELECT id, name, email FROM professionals WHERE id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][2]string{}
	for rows.Next() {
		var id int64
		var name, email string
		if err := rows.Scan(&id, &name, &email); err != nil {
			return nil, err
		}
		out[id] = [2]string{name, email}
	}
	return out, rows.Err()
}

// rowsOf is the VALUES list of n rows of k placeholders each.
func rowsOf(n, k int) string {
	row := ", (" + placeholders(k) + ")"
	return strings.Repeat(row, n)[2:]
}

// teamLeads returns the active team leads of the organisations that match
// where, in the case's region only: an alert names a case, and only
// people who could be called to it (access.Eligible) are told about it.
func (tx *Tx) teamLeads(caseID int64, where string, arg any) ([]int64, error) {
	rows, err := tx.query(`SELECT p.id FROM professionals p JOIN professional_roles r ON r.professional_id = p.id AND r.role = 'team_lead'
		JOIN organisations o ON o.id = p.organisation_id JOIN cases c ON c.id = ? AND c.region_id = o.region_id
		WHERE p.active = TRUE AND `+where+` ORDER BY p.id`, caseID, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
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

// notifyTeamLeads tells the team leads of one organisation.
func (tx *Tx) NotifyTeamLeads(orgID, caseID, consultationID int64, kind, text string) error {
	ids, err := tx.teamLeads(caseID, `o.id = ?`, orgID)
	if err != nil {
		return err
	}
	return tx.notifyLeads(ids, kind, caseID, consultationID, text)
}

// notifyTeamLeadsOfKind tells the team leads of every organisation of a kind.
func (tx *Tx) NotifyTeamLeadsOfKind(kind schakel.OrganisationKind, caseID, consultationID int64, text string) error {
	ids, err := tx.teamLeads(caseID, `o.kind = ?`, string(kind))
	if err != nil {
		return err
	}
	return tx.notifyLeads(ids, "incomplete_crisis_table", caseID, consultationID, text)
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
		if n, _ := res.RowsAffected(); n == 1 {
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

// tellCaseOrganisations puts a line in the work list of each organisation
// active on a case: its contact person on the case, or its team leads when
// it has none.
func (tx *Tx) TellCaseOrganisations(orgs CaseOrgs, caseID int64, kind, text string) error {
	for _, org := range slices.Sorted(maps.Keys(orgs.status)) {
		if orgs.status[org] != "active" {
			continue
		}
		if c := orgs.contact[org]; c > 0 {
			if err := tx.tell(c, kind, caseID, 0, text); err != nil {
				return err
			}
			continue
		}
		ids, err := tx.teamLeads(caseID, `o.id = ?`, org)
		if err != nil {
			return err
		}
		if err := tx.notifyLeads(ids, kind, caseID, 0, text); err != nil {
			return err
		}
	}
	return nil
}

// tellMatchProposed asks the organisations on a known family's open case
// to decide on a proposed match with a new report.
func (tx *Tx) TellMatchProposed(familyID int64, reporter string) error {
	caseID, err := tx.OpenCaseOf(familyID)
	if err != nil || caseID == 0 {
		return err // no open case: no one works with the family now, Veilig Thuis intake decides
	}
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return err
	}
	return tx.TellCaseOrganisations(orgs, caseID, "match_proposed",
		fmt.Sprintf("Een nieuwe melding van %s lijkt over het gezin van casus %d te gaan. Bevestig of wijs de match af in de casus.", reporter, caseID))
}
