package storage

// The records of e-mail reminders to providers that have not answered a
// care request (issue 15): which are still open, the claim that sends
// each reminder exactly once, and the e-mail itself. The use case
// (internal/app) decides when (care.RemindFrom). The column reminded_at
// came with migration 00032 and stayed unused until now.

import (
	"schakel"
	"strings"
	"time"
)

// CareReminderCandidate is a provider that a care request reached and
// that has neither answered nor been reminded, while the request is open
// and its deadline has not passed.
type CareReminderCandidate struct {
	RequestID, OrganisationID int64
	CreatedAt, Deadline       time.Time
}

// CareReminderCandidates lists the providers that may need a reminder
// now, nearest deadline first. It reads only the open requests whose
// deadline is ahead, by an index of the open ones (migration 00062):
// the job runs every minute in every serve process.
func (db *DB) CareReminderCandidates(ctx contextT, now time.Time, limit int) ([]CareReminderCandidate, error) {
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(`SELECT q.id, x.organisation_id, q.created_at, q.deadline
		FROM care_recipients x JOIN care_requests q ON q.id = x.request_id
		WHERE x.reminded_at IS NULL AND q.status = 'open' AND q.deadline > ?
		AND NOT EXISTS (SELECT 1 FROM care_answers a WHERE a.request_id = q.id AND a.organisation_id = x.organisation_id)
		ORDER BY q.deadline, q.id, x.organisation_id LIMIT ?`), now.UTC(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CareReminderCandidate
	for rows.Next() {
		var c CareReminderCandidate
		if err := rows.Scan(&c.RequestID, &c.OrganisationID, &c.CreatedAt, &c.Deadline); err != nil {
			return nil, err
		}
		c.CreatedAt, c.Deadline = c.CreatedAt.UTC(), c.Deadline.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// ClaimCareReminder marks a provider reminded of a request; it reports
// false when another process (or an earlier run) already did, or when
// the provider answered or the request closed meanwhile. A compare-and-set
// on the recipient row: of two servers that try at once, one claims.
func (tx *Tx) ClaimCareReminder(requestID, organisationID int64) (bool, error) {
	res, err := tx.exec(`UPDATE care_recipients SET reminded_at = ?
		WHERE request_id = ? AND organisation_id = ? AND reminded_at IS NULL
		AND EXISTS (SELECT 1 FROM care_requests q WHERE q.id = care_recipients.request_id AND q.status = 'open')
		AND NOT EXISTS (SELECT 1 FROM care_answers a WHERE a.request_id = care_recipients.request_id AND a.organisation_id = care_recipients.organisation_id)`,
		tx.now, requestID, organisationID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// MailOrganisationCare e-mails an organisation's professionals who take
// care requests (active care coordinators and team leads), as
// NotifyOrganisationCare puts it in their work list; it returns how many.
func (tx *Tx) MailOrganisationCare(orgID int64, subject, body string) (int, error) {
	tos, err := tx.activeWithRole(orgID, schakel.RoleCareCoordinator, schakel.RoleTeamLead)
	if err != nil {
		return 0, err
	}
	for _, t := range tos {
		if err := tx.mail(t.id, t.email, subject, body, ""); err != nil {
			return 0, err
		}
	}
	return len(tos), nil
}

// recipient is a professional to tell or e-mail.
type recipient struct {
	id    int64
	email string
}

// activeWithRole reads the active professionals of an organisation who
// have one of the roles, in id order.
func (tx *Tx) activeWithRole(orgID int64, roles ...schakel.Role) ([]recipient, error) {
	args := []any{orgID}
	for _, r := range roles {
		args = append(args, string(r))
	}
	rows, err := tx.query(`SELECT DISTINCT p.id, p.email FROM professionals p JOIN professional_roles r ON r.professional_id = p.id
		WHERE p.organisation_id = ? AND p.active = TRUE AND r.role IN (`+strings.TrimSuffix(strings.Repeat("?,", len(roles)), ",")+`) ORDER BY p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []recipient
	for rows.Next() {
		var t recipient
		if err := rows.Scan(&t.id, &t.email); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
