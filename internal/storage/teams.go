package storage

// Team management for the screens: the organisation's teams, a new team
// lead and a member leaving the team.

// TeamSummary is one team of an organisation in the list of teams.
type TeamSummary struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	LeadID   int64  `json:"lead_id"`
	LeadName string `json:"lead_name"`
	Members  int    `json:"members"`
}

// OrganisationTeams lists an organisation's teams by name, with their
// team lead and how many members they have.
func (tx *Tx) OrganisationTeams(orgID int64) ([]TeamSummary, error) {
	rows, err := tx.query(`SELECT t.id, t.name, COALESCE(t.lead_id, 0), COALESCE(l.name, ''),
		(SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id)
		FROM teams t LEFT JOIN professionals l ON l.id = t.lead_id
		WHERE t.organisation_id = ? ORDER BY t.name, t.id`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []TeamSummary{}
	for rows.Next() {
		var s TeamSummary
		if err := rows.Scan(&s.ID, &s.Name, &s.LeadID, &s.LeadName, &s.Members); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SetTeamLead names a team's team lead; 0 leaves the team without one.
func (tx *Tx) SetTeamLead(teamID, leadID int64) error {
	var lead any
	if leadID != 0 {
		lead = leadID
	}
	_, err := tx.exec(`UPDATE teams SET lead_id = ? WHERE id = ?`, lead, teamID)
	return err
}

// DeleteTeamMember takes a professional out of a team; it reports
// whether they were in it.
func (tx *Tx) DeleteTeamMember(teamID, professionalID int64) (bool, error) {
	res, err := tx.exec(`DELETE FROM team_members WHERE team_id = ? AND professional_id = ?`, teamID, professionalID)
	if err != nil {
		return false, err
	}
	// The spell ends; it stays for the cohorts' compared periods.
	if _, err := tx.exec(`UPDATE team_member_spells SET left_at = ? WHERE team_id = ? AND professional_id = ? AND left_at IS NULL`,
		tx.now, teamID, professionalID); err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
