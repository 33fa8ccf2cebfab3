package storage

import (
	"database/sql"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
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

// Invitee is one person invited to a consultation, with the needs they
// cover and why they were chosen.
type Invitee struct {
	ProfessionalID int64
	Covers         []string
	Reasons        []string
}

// Contact is a professional's name and e-mail address.
type Contact struct {
	Name, Email string
}

// Calendar is what every calendar message about a consultation carries:
// where it meets and who organises it (the professional who planned it;
// Schakel's own address only when Schakel planned it without one).
type Calendar struct {
	Location                 schakel.ConsultationLocation
	OrganiserName, Organiser string
}

// Message is one professional's line in the work list (none when Notice is
// empty) and e-mail, as the use case composed them (internal/invitation).
type Message struct {
	ProfessionalID         int64
	Kind                   string
	CaseID, ConsultationID int64
	Notice                 string
	To, Subject, Body, ICS string
}

// Send keeps messages: their lines in the work lists and their e-mails in
// the outbox (a sender delivers them after commit), in two statements
// however many they are.
func (tx *Tx) Send(msgs []Message) error {
	var notes, mails []any
	for _, m := range msgs {
		if m.Notice != "" {
			notes = append(notes, m.ProfessionalID, m.Kind, nullInt(m.CaseID), nullInt(m.ConsultationID), m.Notice, tx.now)
		}
		mails = append(mails, m.ProfessionalID, m.To, m.Subject, m.Body, m.ICS, tx.now)
	}
	if len(notes) > 0 {
		if _, err := tx.exec(`INSERT INTO notifications (professional_id, kind, case_id, consultation_id, text, created_at) VALUES `+
			rowsOf(len(notes)/6, 6), notes...); err != nil {
			return err
		}
	}
	if len(mails) == 0 {
		return nil
	}
	_, err := tx.exec(`INSERT INTO outbox (professional_id, to_address, subject, body, ics, created_at) VALUES `+rowsOf(len(mails)/6, 6), mails...)
	return err
}

// ContactsAndCalendar returns the name and e-mail address of each of ids
// (those that exist) and the consultation's calendar, in one statement; a
// consultation that does not exist is sql.ErrNoRows.
func (tx *Tx) ContactsAndCalendar(consultationID int64, ids ...int64) (map[int64]Contact, Calendar, error) {
	var c Calendar
	args := []any{consultationID}
	for _, id := range ids {
		args = append(args, id)
	}
	q := `SELECT 0, c.id, COALESCE(p.name, ''), COALESCE(p.email, ''), c.location_mode, c.place, c.phone, c.video_url
		FROM consultations c LEFT JOIN professionals p ON p.id = c.created_by WHERE c.id = ?`
	if len(ids) > 0 {
		q += `
		UNION ALL SELECT 1, id, name, email, '', '', '', '' FROM professionals WHERE id IN (` + placeholders(len(ids)) + `)`
	}
	rows, err := tx.query(q, args...)
	if err != nil {
		return nil, c, err
	}
	defer rows.Close()
	out := map[int64]Contact{}
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
			c = Calendar{Location: l, OrganiserName: name, Organiser: email}
			if c.Organiser == "" {
				c.Organiser = FromAddress
			}
			continue
		}
		out[id] = Contact{Name: name, Email: email}
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
func (tx *Tx) teamLeads(caseID int64, where string, args ...any) (region int64, leads []access.Candidate, err error) {
	facts, err := tx.caseFacts(caseID) // known already when this transaction touched the case
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return 0, nil, nil
	} else if err != nil {
		return 0, nil, err
	}
	// CROSS JOIN keeps SQLite's order: the few matching organisations,
	// their professionals by organisation, each one's role by key; without
	// statistics it would read every professional's roles.
	rows, err := tx.query(`SELECT p.id, p.active, o.id, o.kind, o.region_id FROM organisations o
		CROSS JOIN professionals p CROSS JOIN professional_roles r
		WHERE p.organisation_id = o.id AND r.professional_id = p.id AND r.role = 'team_lead' AND `+where+` ORDER BY p.id`, args...)
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
	return facts.regionID, leads, rows.Err()
}

// TeamLeadsOf loads the case's region and the team leads of one
// organisation (see teamLeads).
func (tx *Tx) TeamLeadsOf(caseID, orgID int64) (int64, []access.Candidate, error) {
	return tx.teamLeads(caseID, `o.id = ?`, orgID)
}

// TeamLeadsOfKinds loads the case's region and the team leads of every
// organisation of the kinds, in one statement however many kinds (see
// teamLeads).
func (tx *Tx) TeamLeadsOfKinds(caseID int64, kinds ...schakel.OrganisationKind) (int64, []access.Candidate, error) {
	if len(kinds) == 0 {
		return 0, nil, nil
	}
	args := make([]any, len(kinds))
	for i, k := range kinds {
		args[i] = string(k)
	}
	return tx.teamLeads(caseID, `o.kind IN (`+placeholders(len(kinds))+`)`, args...)
}

// SendToOwn keeps messages as Send does, each e-mailed to its
// professional's own address (read for all of them in one statement), in
// three statements however many they are. A professional that does not
// exist is not found.
func (tx *Tx) SendToOwn(msgs []Message) error {
	if len(msgs) == 0 {
		return nil
	}
	ids := make([]any, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ProfessionalID
	}
	rows, err := tx.query(`SELECT id, email FROM professionals WHERE id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	emails := map[int64]string{}
	for rows.Next() {
		var id int64
		var email string
		if err := rows.Scan(&id, &email); err != nil {
			return err
		}
		emails[id] = email
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	out := make([]Message, len(msgs))
	for i, m := range msgs {
		email, ok := emails[m.ProfessionalID]
		if !ok {
			return notFound("Professional")
		}
		m.To = email
		out[i] = m
	}
	return tx.Send(out)
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
