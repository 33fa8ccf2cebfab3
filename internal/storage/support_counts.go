package storage

import "time"

// Support work counted (issue 14, item 4): per case holder the tasks they
// posted and the tasks done for them with the hours saved. Counts only.

// SupportCount is one case holder's or one team's support work in a period.
type SupportCount struct {
	Posted int     `json:"posted"`
	Done   int     `json:"done"`
	Hours  float64 `json:"hours_saved"`
}

// TeamSupportCounts counts the tasks of a team by the case holder who
// posted them: posted in the period, and done in it with their hours.
func (tx *Tx) TeamSupportCounts(teamID int64, from, to time.Time) (map[int64]SupportCount, error) {
	return tx.supportCounts(`posted_by`, `team_id = ?`, teamID, from, to)
}

// OrganisationSupportCounts counts the tasks of an organisation by the
// case holder who posted them; the organisation view sums them per team.
func (tx *Tx) OrganisationSupportCounts(orgID int64, from, to time.Time) (map[int64]SupportCount, error) {
	return tx.supportCounts(`posted_by`, `organisation_id = ?`, orgID, from, to)
}

func (tx *Tx) supportCounts(by, scope string, arg int64, from, to time.Time) (map[int64]SupportCount, error) {
	out := map[int64]SupportCount{}
	rows, err := tx.query(`SELECT `+by+`, COUNT(*) FROM support_tasks WHERE `+scope+` AND created_at >= ? AND created_at < ? GROUP BY `+by,
		arg, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c SupportCount
		if err := rows.Scan(&id, &c.Posted); err != nil {
			return nil, err
		}
		out[id] = c
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	done, err := tx.query(`SELECT `+by+`, COUNT(*), COALESCE(SUM(hours_saved), 0) FROM support_tasks WHERE `+scope+
		` AND status = 'done' AND done_at >= ? AND done_at < ? GROUP BY `+by, arg, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	defer done.Close()
	for done.Next() {
		var id int64
		var n int
		var h float64
		if err := done.Scan(&id, &n, &h); err != nil {
			return nil, err
		}
		c := out[id]
		c.Done, c.Hours = n, h
		out[id] = c
	}
	return out, done.Err()
}
