package storage

import (
	"database/sql"
	"encoding/json"
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
	rows, err := tx.query(`SELECT m.professional_id, p.name, m.hours_per_week, m.started_on FROM team_members m
		JOIN professionals p ON p.id = m.professional_id WHERE m.team_id = ? ORDER BY p.name, m.professional_id`, id)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var m schakel.TeamMember
		if err := rows.Scan(&m.ProfessionalID, &m.Name, &m.HoursPerWeek, &m.StartedOn); err != nil {
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
	_, err = tx.exec(`INSERT INTO team_members (team_id, professional_id, hours_per_week, started_on) VALUES (?, ?, ?, ?)`,
		teamID, m.ProfessionalID, m.HoursPerWeek, m.StartedOn.UTC())
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
	_, err := tx.exec(`UPDATE case_holders SET ended_at = ?, ended_by = ?, end_kind = ?, end_reason = ?
		WHERE case_id = ? AND organisation_id = ? AND position = ? AND ended_at IS NULL`,
		tx.now, by, kind, reason, caseID, orgID, string(pos))
	return err
}

// InsertHolder records a new assignment of a case holder.
func (tx *Tx) InsertHolder(h schakel.CaseHolder, by int64) error {
	_, err := tx.exec(`INSERT INTO case_holders (case_id, organisation_id, professional_id, position, assigned_at, assigned_by, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, h.CaseID, h.OrganisationID, h.ProfessionalID, string(h.Position), tx.now, by, h.Reason)
	if isUniqueViolation(err) {
		return schakel.Errorf(schakel.ECONFLICT, "Deze positie is intussen door iemand anders ingevuld. Laad de casus opnieuw.")
	}
	return err
}

// HeldCase is one case a professional holds now, with what the caseload
// norm counts: its colour, children and running court measures.
type HeldCase struct {
	CaseID   int64
	Position schakel.HolderPosition
	Color    string
	Children int
	Measures int
	Since    time.Time
}

// HeldCases loads the cases a professional holds now, with their children
// and the court measures still running at now: distinct measures of
// orders and extensions not corrected away whose end lies after now
// (guardianship has no end).
func (tx *Tx) HeldCases(professionalID int64) ([]HeldCase, error) {
	rows, err := tx.query(`SELECT h.case_id, h.position, c.color, h.assigned_at,
		(SELECT COUNT(*) FROM persons pe WHERE pe.family_id = c.family_id AND pe.kind = 'child')
		FROM case_holders h JOIN cases c ON c.id = h.case_id
		WHERE h.professional_id = ? AND h.ended_at IS NULL AND c.status <> 'closed' ORDER BY h.case_id`, professionalID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HeldCase
	for rows.Next() {
		var h HeldCase
		if err := rows.Scan(&h.CaseID, &h.Position, &h.Color, &h.Since, &h.Children); err != nil {
			return nil, err
		}
		h.Since = h.Since.UTC()
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	measures, err := tx.runningMeasures(professionalID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Measures = len(measures[out[i].CaseID])
	}
	return out, nil
}

// runningMeasures returns, per case the professional holds, the distinct
// court measures running now.
func (tx *Tx) runningMeasures(professionalID int64) (map[int64]map[string]bool, error) {
	rows, err := tx.query(`SELECT e.case_id, e.details FROM chain_events e
		JOIN case_holders h ON h.case_id = e.case_id AND h.professional_id = ? AND h.ended_at IS NULL
		WHERE e.type IN ('court_order', 'court_order_extended') AND e.superseded = FALSE AND e.withdrawn = FALSE
		AND (e.ends_at IS NULL OR e.ends_at > ?)`, professionalID, tx.now)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]map[string]bool{}
	for rows.Next() {
		var caseID int64
		var details string
		if err := rows.Scan(&caseID, &details); err != nil {
			return nil, err
		}
		var d EventDetails
		if err := json.Unmarshal([]byte(details), &d); err != nil {
			return nil, err
		}
		if out[caseID] == nil {
			out[caseID] = map[string]bool{}
		}
		out[caseID][string(d.Measure)] = true
	}
	return out, rows.Err()
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
