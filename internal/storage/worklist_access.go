package storage

import (
	"schakel/internal/access"
)

// CaseParticipation is a case's region and an organisation's part in it.
type CaseParticipation struct {
	RegionID      int64
	Participation access.Participation
}

// CaseParticipations loads, for each of the cases, its region and the
// organisation's participation, in one query.
func (tx *Tx) CaseParticipations(orgID int64, caseIDs []int64) (map[int64]CaseParticipation, error) {
	out := map[int64]CaseParticipation{}
	if len(caseIDs) == 0 {
		return out, nil
	}
	args := []any{orgID}
	for _, id := range caseIDs {
		args = append(args, id)
	}
	rows, err := tx.query(`SELECT c.id, c.region_id, COALESCE(p.status, '') FROM cases c
		LEFT JOIN participations p ON p.case_id = c.id AND p.organisation_id = ? WHERE c.id IN (`+placeholders(len(caseIDs))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c CaseParticipation
		if err := rows.Scan(&id, &c.RegionID, &c.Participation); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}
