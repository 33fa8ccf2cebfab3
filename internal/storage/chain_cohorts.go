package storage

import (
	"errors"
	"time"

	"database/sql"

	"schakel"
)

// Cohort is a group of cases to compare: a pilot, an intervention.
type Cohort struct {
	ID          int64     `json:"id"`
	RegionID    int64     `json:"region_id"`
	Name        string    `json:"name"`
	Kind        string    `json:"kind"` // cohort, intervention
	Description string    `json:"description"`
	Cases       int64     `json:"cases"`
	CreatedAt   time.Time `json:"created_at"`
	// Intervention is one of article 001's four (intervention.Kind), or "".
	Intervention string `json:"intervention"`
	// StartsAt is the intervention's first day (midnight Europe/Amsterdam).
	StartsAt *time.Time `json:"starts_at"`
	// Teams and Workers are in the cohort as a whole: a case they hold is
	// in it too.
	Teams   []CohortMember `json:"teams"`
	Workers []CohortMember `json:"workers"`
}

// CohortMember is a team or a worker in a cohort.
type CohortMember struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// CohortList lists the cohorts of a region (0: all), with their sizes.
func (db *DB) CohortList(ctx contextT, regionID int64) ([]Cohort, error) {
	q := `SELECT k.id, k.region_id, k.name, k.kind, k.description, k.created_at, (SELECT COUNT(*) FROM case_cohorts cc WHERE cc.cohort_id = k.id),
		k.intervention, k.starts_at FROM cohorts k`
	args := []any{}
	if regionID != 0 {
		q += ` WHERE k.region_id = ?`
		args = append(args, regionID)
	}
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(q+` ORDER BY k.name`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Cohort{}
	for rows.Next() {
		var c Cohort
		var starts sql.NullTime
		if err := rows.Scan(&c.ID, &c.RegionID, &c.Name, &c.Kind, &c.Description, &c.CreatedAt, &c.Cases, &c.Intervention, &starts); err != nil {
			return nil, err
		}
		c.CreatedAt = c.CreatedAt.UTC()
		if starts.Valid {
			at := starts.Time.UTC()
			c.StartsAt = &at
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, db.cohortMembers(ctx, out)
}

// InsertCohort writes a cohort; a name the region already uses is a
// conflict at the field.
func (tx *Tx) InsertCohort(c Cohort, createdBy int64) (Cohort, error) {
	id, err := tx.insert(`INSERT INTO cohorts (region_id, name, kind, description, intervention, starts_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		c.RegionID, c.Name, c.Kind, c.Description, c.Intervention, c.StartsAt, createdBy, tx.now)
	if isUniqueViolation(err) {
		return c, &schakel.Error{Code: schakel.ECONFLICT, Message: "Er is al een cohort met deze naam.",
			Fields: []schakel.FieldError{{Field: "name", Code: "taken", Message: "Deze naam is al in gebruik."}}}
	} else if err != nil {
		return c, err
	}
	c.ID, c.CreatedAt = id, tx.now
	c.Teams, c.Workers = []CohortMember{}, []CohortMember{}
	return c, nil
}

// CohortExists reports whether a cohort exists.
func (tx *Tx) CohortExists(cohortID int64) (bool, error) {
	_, ok, err := tx.CohortRegion(cohortID)
	return ok, err
}

// CohortRegion returns a cohort's region and whether it exists.
func (tx *Tx) CohortRegion(cohortID int64) (int64, bool, error) {
	var region int64
	err := tx.queryRow(`SELECT region_id FROM cohorts WHERE id = ?`, cohortID).Scan(&region)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return region, err == nil, err
}

// SetCaseCohort puts a case in a cohort (add) or takes it out; adding
// twice keeps one row.
func (tx *Tx) SetCaseCohort(caseID, cohortID, by int64, add bool) error {
	if !add {
		_, err := tx.exec(`DELETE FROM case_cohorts WHERE cohort_id = ? AND case_id = ?`, cohortID, caseID)
		return err
	}
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM case_cohorts WHERE cohort_id = ? AND case_id = ?`, cohortID, caseID).Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err := tx.exec(`INSERT INTO case_cohorts (cohort_id, case_id, added_by, added_at) VALUES (?, ?, ?, ?)`, cohortID, caseID, by, tx.now)
	return err
}

// CaseCohorts lists the cohorts a case is in (shown on the case's timeline,
// which is read with the case's audited read).
func (tx *Tx) caseCohorts(caseID int64) ([]Cohort, error) {
	rows, err := tx.query(`SELECT k.id, k.region_id, k.name, k.kind, k.description, k.created_at FROM cohorts k
		JOIN case_cohorts cc ON cc.cohort_id = k.id WHERE cc.case_id = ? ORDER BY k.name`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Cohort{}
	for rows.Next() {
		var c Cohort
		if err := rows.Scan(&c.ID, &c.RegionID, &c.Name, &c.Kind, &c.Description, &c.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
