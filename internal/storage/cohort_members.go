package storage

import (
	"database/sql"
	"errors"
	"time"
)

// Intervention cohorts (issue 14, item 6): whole teams and single
// workers in a cohort. A case held by one of them is in the cohort as a
// tagged case is (cohortCases).

// cohortCases is the condition "case_id is in cohort ?" with its
// arguments (cohortCaseArgs): tagged, or ever held by a worker of the
// cohort or by a member of one of its teams.
const cohortCases = `case_id IN (` + cohortCaseSet + `)`

// cohortCaseSet selects the case ids of cohort ? (cohortCaseArgs). The
// current and the ended holdings are read apart: each has its own partial
// index by professional, and no index serves both at once (a holding of
// either kind would read every holding of the country).
const cohortCaseSet = `SELECT cc.case_id FROM case_cohorts cc WHERE cc.cohort_id = ?
	UNION SELECT h.case_id FROM case_holders h WHERE h.ended_at IS NULL AND h.professional_id IN (` + cohortPeople + `)
	UNION SELECT h.case_id FROM case_holders h WHERE h.ended_at IS NOT NULL AND h.professional_id IN (` + cohortPeople + `)`

// cohortPeople selects the workers of cohort ? and the members of its
// teams (two arguments).
const cohortPeople = `SELECT cw.professional_id FROM cohort_workers cw WHERE cw.cohort_id = ?
		UNION SELECT m.professional_id FROM team_members m JOIN cohort_teams ct ON ct.team_id = m.team_id WHERE ct.cohort_id = ?`

func cohortCaseArgs(cohortID int64) []any {
	return []any{cohortID, cohortID, cohortID, cohortID, cohortID}
}

// cohortMembers fills the teams and workers of listed cohorts, reading
// only theirs: cohort_teams and cohort_workers hold every region's.
func (db *DB) cohortMembers(ctx contextT, cs []Cohort) error {
	at := map[int64]int{}
	ids := make([]any, 0, len(cs))
	for i := range cs {
		at[cs[i].ID] = i
		ids = append(ids, cs[i].ID)
		cs[i].Teams, cs[i].Workers = []CohortMember{}, []CohortMember{}
	}
	if len(cs) == 0 {
		return nil
	}
	read := func(q string, put func(c *Cohort, m CohortMember)) error {
		rows, err := db.read.QueryContext(ctx, db.dialect.rebind(q), ids...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var m CohortMember
			if err := rows.Scan(&id, &m.ID, &m.Name); err != nil {
				return err
			}
			put(&cs[at[id]], m)
		}
		return rows.Err()
	}
	in := placeholders(len(ids))
	if err := read(`SELECT ct.cohort_id, t.id, t.name FROM cohort_teams ct JOIN teams t ON t.id = ct.team_id WHERE ct.cohort_id IN (`+in+`) ORDER BY t.name, t.id`,
		func(c *Cohort, m CohortMember) { c.Teams = append(c.Teams, m) }); err != nil {
		return err
	}
	return read(`SELECT cw.cohort_id, p.id, p.name FROM cohort_workers cw JOIN professionals p ON p.id = cw.professional_id WHERE cw.cohort_id IN (`+in+`) ORDER BY p.name, p.id`,
		func(c *Cohort, m CohortMember) { c.Workers = append(c.Workers, m) })
}

// CohortRecord loads one cohort without its members.
func (tx *Tx) CohortRecord(id int64) (Cohort, error) {
	c := Cohort{ID: id}
	var starts sql.NullTime
	err := tx.queryRow(`SELECT region_id, name, kind, description, intervention, starts_at, created_at FROM cohorts WHERE id = ?`, id).
		Scan(&c.RegionID, &c.Name, &c.Kind, &c.Description, &c.Intervention, &starts, &c.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, notFound("Cohort")
	}
	if starts.Valid {
		at := starts.Time.UTC()
		c.StartsAt = &at
	}
	c.CreatedAt = c.CreatedAt.UTC()
	c.Teams, c.Workers = []CohortMember{}, []CohortMember{}
	return c, err
}

// CohortChoice is a team with its members, to put in a cohort.
type CohortChoice struct {
	Team    CohortMember
	Workers []CohortMember
}

// CohortChoices lists the teams (with their members) of a region's
// organisations, or of one organisation (orgID not 0), by name.
func (db *DB) CohortChoices(ctx contextT, regionID, orgID int64) ([]CohortChoice, error) {
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(`SELECT t.id, t.name || ' (' || o.name || ')', COALESCE(p.id, 0), COALESCE(p.name, '')
		FROM teams t JOIN organisations o ON o.id = t.organisation_id
		LEFT JOIN team_members m ON m.team_id = t.id LEFT JOIN professionals p ON p.id = m.professional_id
		WHERE o.region_id = ? AND (? = 0 OR t.organisation_id = ?) ORDER BY o.name, t.name, t.id, p.name, p.id`), regionID, orgID, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []CohortChoice{}
	for rows.Next() {
		var t, w CohortMember
		if err := rows.Scan(&t.ID, &t.Name, &w.ID, &w.Name); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Team.ID != t.ID {
			out = append(out, CohortChoice{Team: t, Workers: []CohortMember{}})
		}
		if w.ID != 0 {
			out[len(out)-1].Workers = append(out[len(out)-1].Workers, w)
		}
	}
	return out, rows.Err()
}

// TeamPlace returns a team's organisation and region; found is false
// for no such team.
func (tx *Tx) TeamPlace(teamID int64) (org, region int64, found bool, err error) {
	return tx.place(`SELECT t.organisation_id, o.region_id FROM teams t JOIN organisations o ON o.id = t.organisation_id WHERE t.id = ?`, teamID)
}

// WorkerPlace returns a professional's organisation and region.
func (tx *Tx) WorkerPlace(professionalID int64) (org, region int64, found bool, err error) {
	return tx.place(`SELECT p.organisation_id, o.region_id FROM professionals p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?`, professionalID)
}

func (tx *Tx) place(q string, id int64) (org, region int64, found bool, err error) {
	err = tx.queryRow(q, id).Scan(&org, &region)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, false, nil
	}
	return org, region, err == nil, err
}

// SetCohortTeam puts a team in a cohort (add) or takes it out; adding
// twice keeps one row. It reports whether anything changed.
func (tx *Tx) SetCohortTeam(cohortID, teamID, by int64, add bool) (bool, error) {
	return tx.setCohortMember("cohort_teams", "team_id", cohortID, teamID, by, add)
}

// SetCohortWorker puts a worker in a cohort or takes them out.
func (tx *Tx) SetCohortWorker(cohortID, professionalID, by int64, add bool) (bool, error) {
	return tx.setCohortMember("cohort_workers", "professional_id", cohortID, professionalID, by, add)
}

func (tx *Tx) setCohortMember(table, col string, cohortID, id, by int64, add bool) (bool, error) {
	var res sql.Result
	var err error
	if add {
		res, err = tx.exec(`INSERT INTO `+table+` (cohort_id, `+col+`, added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			cohortID, id, by, tx.now)
	} else {
		res, err = tx.exec(`DELETE FROM `+table+` WHERE cohort_id = ? AND `+col+` = ?`, cohortID, id)
	}
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// CohortStart is the intervention's first day as a time (zero: none).
func (c Cohort) CohortStart() time.Time {
	if c.StartsAt == nil {
		return time.Time{}
	}
	return *c.StartsAt
}
