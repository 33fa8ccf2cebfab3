package storage

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"database/sql"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/textlimit"
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
}

// CohortInput creates a cohort.
type CohortInput struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Description string `json:"description"`
}

// Cohorts lists the cohorts of a region (0: all), with their sizes. A
// cohort's name and size are no personal data.
func (db *DB) Cohorts(ctx contextT, actor *schakel.Actor, regionID int64) ([]Cohort, error) {
	if d := access.Decide(access.SubjectOf(actor.Professional), access.Cohorts, access.Read, access.Context{}); !d.Allowed {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "%s", d.Reason)
	}
	q := `SELECT k.id, k.region_id, k.name, k.kind, k.description, k.created_at, (SELECT COUNT(*) FROM case_cohorts cc WHERE cc.cohort_id = k.id) FROM cohorts k`
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
		if err := rows.Scan(&c.ID, &c.RegionID, &c.Name, &c.Kind, &c.Description, &c.CreatedAt, &c.Cases); err != nil {
			return nil, err
		}
		c.CreatedAt = c.CreatedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// CreateCohort adds a cohort or intervention to the actor's region.
func (db *DB) CreateCohort(ctx contextT, actor *schakel.Actor, in CohortInput) (Cohort, error) {
	var c Cohort
	err := db.Update(ctx, func(tx *Tx) error {
		d := access.Decide(access.SubjectOf(actor.Professional), access.Cohorts, access.Write, access.Context{})
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "cohort"})
		if !d.Allowed {
			return tx.commitRefusal(d)
		}
		var v schakel.Validation
		in.Name, in.Description = strings.TrimSpace(in.Name), strings.TrimSpace(in.Description)
		switch {
		case in.Name == "":
			v.Add("name", "required", "Geef het cohort een naam.")
		default:
			textlimit.Check(&v, "name", in.Name, textlimit.Name)
		}
		if in.Kind == "" {
			in.Kind = "cohort"
		}
		if in.Kind != "cohort" && in.Kind != "intervention" {
			v.Add("kind", "unknown", "Kies cohort of interventie.")
		}
		textlimit.Check(&v, "description", in.Description, textlimit.Reason)
		if err := v.Err(); err != nil {
			return err
		}
		id, err := tx.insert(`INSERT INTO cohorts (region_id, name, kind, description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			actor.Professional.Organisation.RegionID, in.Name, in.Kind, in.Description, actor.Professional.ID, tx.now)
		if isUniqueViolation(err) {
			return &schakel.Error{Code: schakel.ECONFLICT, Message: "Er is al een cohort met deze naam.",
				Fields: []schakel.FieldError{{Field: "name", Code: "taken", Message: "Deze naam is al in gebruik."}}}
		} else if err != nil {
			return err
		}
		c = Cohort{ID: id, RegionID: actor.Professional.Organisation.RegionID, Name: in.Name, Kind: in.Kind, Description: in.Description, CreatedAt: tx.now}
		return nil
	})
	return c, err
}

// TagCase adds a case to a cohort (add) or takes it out: a write on the
// case, audited as such.
func (db *DB) TagCase(ctx contextT, actor *schakel.Actor, caseID, cohortID int64, add bool) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("cohort %d add=%v", cohortID, add)); err != nil {
			return err
		}
		var region int64
		err := tx.queryRow(`SELECT region_id FROM cohorts WHERE id = ?`, cohortID).Scan(&region)
		if errors.Is(err, sql.ErrNoRows) {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Onbekend cohort.",
				Fields: []schakel.FieldError{{Field: "cohort_id", Code: "unknown", Message: "Kies een cohort uit de lijst."}}}
		} else if err != nil {
			return err
		}
		if !add {
			_, err := tx.exec(`DELETE FROM case_cohorts WHERE cohort_id = ? AND case_id = ?`, cohortID, caseID)
			return err
		}
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM case_cohorts WHERE cohort_id = ? AND case_id = ?`, cohortID, caseID).Scan(&n); err != nil || n > 0 {
			return err
		}
		_, err = tx.exec(`INSERT INTO case_cohorts (cohort_id, case_id, added_by, added_at) VALUES (?, ?, ?, ?)`, cohortID, caseID, actor.Professional.ID, tx.now)
		return err
	})
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
