package storage

import "time"

// Asking the team along and quick questions, counted per worker (issue
// 14, item 5): the asks a worker made in a period, and the asks they took
// (accepted or answered) in it with how long each waited. Counts only.

// AskFigures is, per worker, how often they asked, and each ask they took.
type AskFigures struct {
	Asked map[int64]int
	Taken map[int64][]AskTaken
}

// AskTaken is one ask a worker took: its kind and how long it waited
// from the ask to the acceptance or answer.
type AskTaken struct {
	Kind string
	Wait time.Duration
}

// TeamAskFigures counts for the members of a team.
func (tx *Tx) TeamAskFigures(teamID int64, from, to time.Time) (AskFigures, error) {
	return tx.askFigures(`IN (SELECT professional_id FROM team_members WHERE team_id = ?)`, teamID, from, to)
}

// OrganisationAskFigures counts for the members of an organisation's teams.
func (tx *Tx) OrganisationAskFigures(orgID int64, from, to time.Time) (AskFigures, error) {
	return tx.askFigures(`IN (SELECT m.professional_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.organisation_id = ?)`, orgID, from, to)
}

func (tx *Tx) askFigures(members string, arg int64, from, to time.Time) (AskFigures, error) {
	out := AskFigures{Asked: map[int64]int{}, Taken: map[int64][]AskTaken{}}
	if err := tx.countsInto(`SELECT from_professional_id, COUNT(*) FROM colleague_asks WHERE from_professional_id `+members+
		` AND created_at >= ? AND created_at < ? GROUP BY from_professional_id`, out.Asked, arg, from.UTC(), to.UTC()); err != nil {
		return out, err
	}
	rows, err := tx.query(`SELECT taken_by, kind, created_at, answered_at FROM colleague_asks WHERE taken_by `+members+
		` AND answered_at >= ? AND answered_at < ?`, arg, from.UTC(), to.UTC())
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var by int64
		var t AskTaken
		var asked, answered time.Time
		if err := rows.Scan(&by, &t.Kind, &asked, &answered); err != nil {
			return out, err
		}
		t.Wait = answered.Sub(asked)
		out.Taken[by] = append(out.Taken[by], t)
	}
	return out, rows.Err()
}
