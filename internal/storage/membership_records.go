package storage

import (
	"database/sql"
	"errors"
	"time"

	"schakel"
)

// Membership that stays true: review rounds per organisation, the
// administrators' marks per account, and the suspensions a round leaves
// (migration 00052). The rules are internal/membership's.

// MembershipRound is one review round of an organisation.
type MembershipRound struct {
	ID             int64      `json:"id"`
	OrganisationID int64      `json:"organisation_id"`
	DueAt          time.Time  `json:"due_at"`
	OpenedAt       time.Time  `json:"opened_at"`
	Deadline       time.Time  `json:"deadline"`
	ClosedAt       *time.Time `json:"closed_at,omitempty"`
	Suspended      int        `json:"suspended"`
}

// MembershipOrg is an organisation as the review job sees it.
type MembershipOrg struct {
	OrganisationID int64
	Months         int
	CreatedAt      time.Time
	Last           *MembershipRound // the latest round, open or closed
	Admins         int              // active administrators
}

// MembershipOrgs lists every organisation with its interval, latest round
// and number of active administrators, for the review job.
func (db *DB) MembershipOrgs(ctx contextT) ([]MembershipOrg, error) {
	var out []MembershipOrg
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT o.id, o.membership_months, o.created_at,
			(SELECT COUNT(DISTINCT p.id) FROM professionals p JOIN professional_roles r ON r.professional_id = p.id AND r.role = 'admin'
			 WHERE p.organisation_id = o.id AND p.active = TRUE) FROM organisations o ORDER BY o.id`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var o MembershipOrg
			if err := rows.Scan(&o.OrganisationID, &o.Months, &o.CreatedAt, &o.Admins); err != nil {
				rows.Close()
				return err
			}
			o.CreatedAt = o.CreatedAt.UTC()
			out = append(out, o)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range out {
			if out[i].Last, err = tx.LastMembershipRound(out[i].OrganisationID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

const roundSelect = `SELECT id, organisation_id, due_at, opened_at, deadline, closed_at, suspended FROM membership_rounds`

// LastMembershipRound returns an organisation's latest round, or nil.
func (tx *Tx) LastMembershipRound(orgID int64) (*MembershipRound, error) {
	var r MembershipRound
	var closed sql.NullTime
	err := tx.queryRow(roundSelect+` WHERE organisation_id = ? ORDER BY opened_at DESC, id DESC LIMIT 1`, orgID).Scan(
		&r.ID, &r.OrganisationID, &r.DueAt, &r.OpenedAt, &r.Deadline, &closed, &r.Suspended)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.DueAt, r.OpenedAt, r.Deadline = r.DueAt.UTC(), r.OpenedAt.UTC(), r.Deadline.UTC()
	if closed.Valid {
		c := closed.Time.UTC()
		r.ClosedAt = &c
	}
	return &r, nil
}

// OpenMembershipRound opens a round due at dueAt, unless this round (or
// any open one) exists already: of several serve processes that find the
// same round due, one opens it. opened is false when it was not this one.
func (tx *Tx) OpenMembershipRound(orgID int64, dueAt, deadline time.Time) (id int64, opened bool, err error) {
	err = tx.queryRow(`INSERT INTO membership_rounds (organisation_id, due_at, opened_at, deadline) VALUES (?, ?, ?, ?)
		ON CONFLICT DO NOTHING RETURNING id`, orgID, dueAt.UTC(), tx.now, deadline.UTC()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// ClaimMembershipClose closes a round whose deadline has passed; it
// reports false when another transaction closed it first.
func (tx *Tx) ClaimMembershipClose(roundID int64) (bool, error) {
	res, err := tx.exec(`UPDATE membership_rounds SET closed_at = ? WHERE id = ? AND closed_at IS NULL AND deadline <= ?`, tx.now, roundID, tx.now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetMembershipSuspended records how many accounts a round suspended.
func (tx *Tx) SetMembershipSuspended(roundID int64, n int) error {
	_, err := tx.exec(`UPDATE membership_rounds SET suspended = ? WHERE id = ?`, n, roundID)
	return err
}

// MembershipSchedule returns an organisation's interval between rounds,
// when it was created, and its latest round (nil before the first).
func (tx *Tx) MembershipSchedule(orgID int64) (months int, created time.Time, last *MembershipRound, err error) {
	err = tx.queryRow(`SELECT membership_months, created_at FROM organisations WHERE id = ?`, orgID).Scan(&months, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, created, nil, notFound("Organisatie")
	}
	if err != nil {
		return 0, created, nil, err
	}
	last, err = tx.LastMembershipRound(orgID)
	return months, created.UTC(), last, err
}

// SetMembershipMonths sets an organisation's interval between rounds.
func (tx *Tx) SetMembershipMonths(orgID int64, months int) error {
	_, err := tx.exec(`UPDATE organisations SET membership_months = ? WHERE id = ?`, months, orgID)
	return err
}

// MarkMembership records an administrator's answer for one account in a
// round; a later answer replaces an earlier one.
func (tx *Tx) MarkMembership(roundID, professionalID int64, mark string, by int64) error {
	_, err := tx.exec(`INSERT INTO membership_marks (round_id, professional_id, mark, marked_by, marked_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (round_id, professional_id) DO UPDATE SET mark = excluded.mark, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
		roundID, professionalID, mark, nullInt(by), tx.now)
	return err
}

// SuspendProfessional suspends an account for a round: it is disabled
// (every session ends, every API token is revoked) and the suspension is
// recorded until an administrator re-activates it.
func (tx *Tx) SuspendProfessional(professionalID, roundID int64) error {
	if err := tx.SaveProfessionalActive(professionalID, false); err != nil {
		return err
	}
	_, err := tx.exec(`INSERT INTO membership_suspensions (professional_id, round_id, suspended_at) VALUES (?, ?, ?)`, professionalID, roundID, tx.now)
	return err
}

// LiftSuspension ends an account's suspension (by is the administrator, 0
// for the system); it reports whether there was one.
func (tx *Tx) LiftSuspension(professionalID, by int64) (bool, error) {
	res, err := tx.exec(`UPDATE membership_suspensions SET lifted_at = ?, lifted_by = ? WHERE professional_id = ? AND lifted_at IS NULL`,
		tx.now, nullInt(by), professionalID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// TellAdmins puts a line in the work list of every active administrator
// of an organisation and e-mails each; it returns how many.
func (tx *Tx) TellAdmins(orgID int64, kind, text, subject, body string) (int, error) {
	tos, err := tx.activeWithRole(orgID, schakel.RoleAdmin)
	if err != nil {
		return 0, err
	}
	for _, t := range tos {
		if err := tx.notify(t.id, kind, 0, 0, text); err != nil {
			return 0, err
		}
		if err := tx.mail(t.id, t.email, subject, body, ""); err != nil {
			return 0, err
		}
	}
	return len(tos), nil
}
