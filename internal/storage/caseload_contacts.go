package storage

import "time"

// Contact moments with families (issue 14, item 6): the logged family
// conversations a worker took part in, per case, in a period.

// ContactCount is how many conversations a worker took part in on a case.
type ContactCount struct {
	ProfessionalID, CaseID int64
	Count                  int
}

// ProfessionalContacts counts one worker's conversations per case from
// from (inclusive) to to (exclusive).
func (tx *Tx) ProfessionalContacts(professionalID int64, from, to time.Time) ([]ContactCount, error) {
	return tx.contacts(`cp.professional_id = ?`, professionalID, from, to)
}

// TeamContacts counts the conversations of every member of a team.
func (tx *Tx) TeamContacts(teamID int64, from, to time.Time) ([]ContactCount, error) {
	return tx.contacts(`cp.professional_id IN (SELECT professional_id FROM team_members WHERE team_id = ?)`, teamID, from, to)
}

// OrganisationContacts counts the conversations of every member of an
// organisation's teams.
func (tx *Tx) OrganisationContacts(orgID int64, from, to time.Time) ([]ContactCount, error) {
	return tx.contacts(`cp.professional_id IN (SELECT m.professional_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.organisation_id = ?)`, orgID, from, to)
}

func (tx *Tx) contacts(who string, arg int64, from, to time.Time) ([]ContactCount, error) {
	rows, err := tx.query(`SELECT cp.professional_id, fc.case_id, COUNT(*) FROM conversation_professionals cp
		JOIN family_conversations fc ON fc.id = cp.conversation_id
		WHERE `+who+` AND fc.held_at >= ? AND fc.held_at < ? GROUP BY cp.professional_id, fc.case_id`, arg, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ContactCount
	for rows.Next() {
		var c ContactCount
		if err := rows.Scan(&c.ProfessionalID, &c.CaseID, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
