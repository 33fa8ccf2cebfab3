package storage

import (
	"database/sql"
	"errors"
	"time"

	"schakel"
)

// ProfessionalRecord loads one professional in this transaction.
func (tx *Tx) ProfessionalRecord(id int64) (schakel.Professional, error) {
	return tx.professional(`p.id = ?`, id)
}

// InsertTeam records a team; a second team of that name in the
// organisation is a conflict.
func (tx *Tx) InsertTeam(orgID int64, name string, leadID int64) (int64, error) {
	var lead any
	if leadID != 0 {
		lead = leadID
	}
	id, err := tx.insert(`INSERT INTO teams (organisation_id, name, lead_id, created_at) VALUES (?, ?, ?, ?)`, orgID, name, lead, tx.now)
	if isUniqueViolation(err) {
		return 0, schakel.Errorf(schakel.ECONFLICT, "Uw organisatie heeft al een team met de naam %q.", name)
	}
	return id, err
}

// TeamRecord loads a team with its members.
func (tx *Tx) TeamRecord(id int64) (schakel.Team, error) {
	t := schakel.Team{ID: id, Members: []schakel.TeamMember{}}
	var lead sql.NullInt64
	err := tx.queryRow(`SELECT organisation_id, name, lead_id FROM teams WHERE id = ?`, id).Scan(&t.OrganisationID, &t.Name, &lead)
	if errors.Is(err, sql.ErrNoRows) {
		return t, notFound("Team")
	} else if err != nil {
		return t, err
	}
	t.LeadID = lead.Int64
	rows, err := tx.query(`SELECT m.professional_id, p.name, m.hours_per_week, m.started_on, `+supportOnlySQL+` FROM team_members m
		JOIN professionals p ON p.id = m.professional_id WHERE m.team_id = ? ORDER BY p.name, m.professional_id`, id)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var m schakel.TeamMember
		if err := rows.Scan(&m.ProfessionalID, &m.Name, &m.HoursPerWeek, &m.StartedOn, &m.SupportOnly); err != nil {
			return t, err
		}
		m.StartedOn = m.StartedOn.UTC()
		t.Members = append(t.Members, m)
	}
	return t, rows.Err()
}

// TeamOf returns the team a professional is a member of, 0 for none.
func (tx *Tx) TeamOf(professionalID int64) (int64, error) {
	var id int64
	err := tx.queryRow(`SELECT team_id FROM team_members WHERE professional_id = ?`, professionalID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// PutTeamMember adds a professional to a team or changes their hours.
func (tx *Tx) PutTeamMember(teamID int64, m schakel.TeamMember) error {
	res, err := tx.exec(`UPDATE team_members SET hours_per_week = ?, started_on = ? WHERE team_id = ? AND professional_id = ?`,
		m.HoursPerWeek, m.StartedOn.UTC(), teamID, m.ProfessionalID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	if _, err = tx.exec(`INSERT INTO team_members (team_id, professional_id, hours_per_week, started_on) VALUES (?, ?, ?, ?)`,
		teamID, m.ProfessionalID, m.HoursPerWeek, m.StartedOn.UTC()); err != nil {
		return err
	}
	// The spell in the team starts now: a cohort of the team counts the
	// member's cases from today (intervention.HeldInCohort).
	_, err = tx.exec(`INSERT INTO team_member_spells (team_id, professional_id, joined_at) VALUES (?, ?, ?)`, teamID, m.ProfessionalID, tx.now)
	return err
}

// CaseHolders loads the current case holders of a case.
func (tx *Tx) CaseHolders(caseID int64) ([]schakel.CaseHolder, error) {
	rows, err := tx.query(`SELECT h.organisation_id, h.professional_id, p.name, h.position, h.assigned_at, h.reason
		FROM case_holders h JOIN professionals p ON p.id = h.professional_id
		WHERE h.case_id = ? AND h.ended_at IS NULL ORDER BY h.organisation_id, h.position`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.CaseHolder{}
	for rows.Next() {
		h := schakel.CaseHolder{CaseID: caseID}
		if err := rows.Scan(&h.OrganisationID, &h.ProfessionalID, &h.Name, &h.Position, &h.AssignedAt, &h.Reason); err != nil {
			return nil, err
		}
		h.AssignedAt = h.AssignedAt.UTC()
		out = append(out, h)
	}
	return out, rows.Err()
}

// EndHolder ends the current assignment of a position, as a hand-over
// or as leaving, with who and why.
func (tx *Tx) EndHolder(caseID, orgID int64, pos schakel.HolderPosition, kind string, reason string, by int64) error {
	tx.touchWaiting(caseID)
	_, err := tx.exec(`UPDATE case_holders SET ended_at = ?, ended_by = ?, end_kind = ?, end_reason = ?
		WHERE case_id = ? AND organisation_id = ? AND position = ? AND ended_at IS NULL`,
		tx.now, by, kind, reason, caseID, orgID, string(pos))
	return err
}

// InsertHolder records a new assignment of a case holder.
func (tx *Tx) InsertHolder(h schakel.CaseHolder, by int64) error {
	tx.touchWaiting(h.CaseID)
	_, err := tx.exec(`INSERT INTO case_holders (case_id, organisation_id, professional_id, position, assigned_at, assigned_by, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, h.CaseID, h.OrganisationID, h.ProfessionalID, string(h.Position), tx.now, by, h.Reason)
	if isUniqueViolation(err) {
		return schakel.Errorf(schakel.ECONFLICT, "Deze positie is intussen door iemand anders ingevuld. Laad de casus opnieuw.")
	}
	return err
}

// Membership is a professional's hours and start, for the caseload norm.
type Membership struct {
	TeamID       int64
	HoursPerWeek int
	StartedOn    time.Time
}

// MembershipOf loads a professional's team membership; ok is false when
// they are in no team.
func (tx *Tx) MembershipOf(professionalID int64) (Membership, bool, error) {
	var m Membership
	err := tx.queryRow(`SELECT team_id, hours_per_week, started_on FROM team_members WHERE professional_id = ?`, professionalID).
		Scan(&m.TeamID, &m.HoursPerWeek, &m.StartedOn)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	m.StartedOn = m.StartedOn.UTC()
	return m, err == nil, err
}

// Region returns the region of the case.
func (o CaseOrgs) Region() int64 { return o.region }

// TeamsLedBy returns the teams a professional leads, by name.
func (tx *Tx) TeamsLedBy(professionalID int64) ([]int64, error) {
	rows, err := tx.query(`SELECT id FROM teams WHERE lead_id = ? ORDER BY name, id`, professionalID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// supportOnlySQL tells whether the professional p is a support worker
// without a case role (issue 14, item 4): someone who holds no cases.
const supportOnlySQL = `(EXISTS (SELECT 1 FROM professional_roles sr WHERE sr.professional_id = p.id AND sr.role = 'support_worker')
	AND NOT EXISTS (SELECT 1 FROM professional_roles cr WHERE cr.professional_id = p.id
		AND cr.role IN ('intake', 'case_worker', 'behavioural_expert', 'confidential_doctor', 'lawyer', 'care_coordinator', 'team_lead')))`
