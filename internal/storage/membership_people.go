package storage

import (
	"database/sql"
	"time"
)

// Member is one account of an organisation on the review screen, with
// its answer in the current round.
type Member struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Email     string     `json:"email"`
	Team      string     `json:"team,omitempty"`
	Admin     bool       `json:"admin"`
	Active    bool       `json:"active"`
	Suspended bool       `json:"suspended"` // disabled by a round, until re-activated
	CreatedAt time.Time  `json:"created_at"`
	Mark      string     `json:"mark,omitempty"` // confirmed or left, in the given round
	MarkedBy  string     `json:"marked_by,omitempty"`
	MarkedAt  *time.Time `json:"marked_at,omitempty"`
}

// Members lists an organisation's accounts by name, with their marks in
// round roundID (0: none).
func (tx *Tx) Members(orgID, roundID int64) ([]Member, error) {
	rows, err := tx.query(`SELECT p.id, p.name, p.email, p.team, p.active, p.created_at,
		EXISTS (SELECT 1 FROM professional_roles r WHERE r.professional_id = p.id AND r.role = 'admin'),
		EXISTS (SELECT 1 FROM membership_suspensions s WHERE s.professional_id = p.id AND s.lifted_at IS NULL),
		COALESCE(m.mark, ''), COALESCE(b.name, ''), m.marked_at
		FROM professionals p LEFT JOIN membership_marks m ON m.professional_id = p.id AND m.round_id = ?
		LEFT JOIN professionals b ON b.id = m.marked_by
		WHERE p.organisation_id = ? ORDER BY p.name, p.id`, roundID, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Member{}
	for rows.Next() {
		var m Member
		var at sql.NullTime
		if err := rows.Scan(&m.ID, &m.Name, &m.Email, &m.Team, &m.Active, &m.CreatedAt, &m.Admin, &m.Suspended, &m.Mark, &m.MarkedBy, &at); err != nil {
			return nil, err
		}
		m.CreatedAt = m.CreatedAt.UTC()
		if at.Valid {
			t := at.Time.UTC()
			m.MarkedAt = &t
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Suspended reports whether an account is suspended by a round.
func (tx *Tx) Suspended(professionalID int64) (bool, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM membership_suspensions WHERE professional_id = ? AND lifted_at IS NULL`, professionalID).Scan(&n)
	return n > 0, err
}
