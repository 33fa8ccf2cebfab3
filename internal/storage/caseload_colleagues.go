package storage

import "time"

// Asking a colleague along, counted per worker (issue 14, item 5): the
// requests a worker made, and those they accepted as the colleague, in a
// period. Counts only.

// ColleagueCounts is, per worker, how often they asked a colleague along
// and how often they went along themselves.
type ColleagueCounts struct {
	Asked, Joined map[int64]int
}

// TeamColleagueCounts counts for the members of a team.
func (tx *Tx) TeamColleagueCounts(teamID int64, from, to time.Time) (ColleagueCounts, error) {
	return tx.colleagueCounts(`IN (SELECT professional_id FROM team_members WHERE team_id = ?)`, teamID, from, to)
}

// OrganisationColleagueCounts counts for the members of an
// organisation's teams.
func (tx *Tx) OrganisationColleagueCounts(orgID int64, from, to time.Time) (ColleagueCounts, error) {
	return tx.colleagueCounts(`IN (SELECT m.professional_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.organisation_id = ?)`, orgID, from, to)
}

func (tx *Tx) colleagueCounts(members string, arg int64, from, to time.Time) (ColleagueCounts, error) {
	out := ColleagueCounts{Asked: map[int64]int{}, Joined: map[int64]int{}}
	for _, q := range []struct {
		sql  string
		into map[int64]int
	}{
		{`SELECT from_professional_id, COUNT(*) FROM colleague_requests WHERE from_professional_id ` + members +
			` AND created_at >= ? AND created_at < ? GROUP BY from_professional_id`, out.Asked},
		{`SELECT to_professional_id, COUNT(*) FROM colleague_requests WHERE to_professional_id ` + members +
			` AND status = 'accepted' AND created_at >= ? AND created_at < ? GROUP BY to_professional_id`, out.Joined},
	} {
		if err := tx.countsInto(q.sql, q.into, arg, from.UTC(), to.UTC()); err != nil {
			return out, err
		}
	}
	return out, nil
}

// countsInto runs a query of (id, count) rows into m.
func (tx *Tx) countsInto(q string, m map[int64]int, args ...any) error {
	rows, err := tx.query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		m[id] = n
	}
	return rows.Err()
}
