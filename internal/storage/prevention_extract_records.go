package storage

import (
	"database/sql"
	"time"
)

// ExtractSource is what a placement-prevention review's extract is made
// from. It holds the names and places of the family only so that the rules
// can take them out (internal/prevention.Redact); the extract never shows them.
type ExtractSource struct {
	RegionID    int64
	Children    []ExtractChild
	Concerns    []string
	Finances    []map[string]string
	Worries     []string
	WorksWell   []string
	Scales      []int
	Actions     []string // open actions: the plan as it stands
	FamilyNames []string // the family names of the family's persons
	GivenNames  []string // their given names (the library may not hold even those)
	Towns       []string // the reports' municipalities (the library may not hold them)
	Places      []string // addresses and postcodes of the reports (municipalities stay: they name no one)
}

// ExtractChild is a child as the extract may know it: a first name and a
// birth date (the extract shows an age).
type ExtractChild struct {
	GivenNames string
	BirthDate  *time.Time
}

// ReviewExtractSource loads the source of a case's review extract.
func (tx *Tx) ReviewExtractSource(caseID int64) (ExtractSource, error) {
	var src ExtractSource
	if err := tx.queryRow(`SELECT region_id FROM cases WHERE id = ?`, caseID).Scan(&src.RegionID); err != nil {
		return src, err
	}
	sig, err := tx.CaseSignals(caseID)
	if err != nil {
		return src, err
	}
	src.Concerns, src.Finances = sig.Concerns, sig.Finances
	if err := tx.extractPersons(caseID, &src); err != nil {
		return src, err
	}
	if err := tx.extractTexts(caseID, &src); err != nil {
		return src, err
	}
	return src, nil
}

func (tx *Tx) extractPersons(caseID int64, src *ExtractSource) error {
	return tx.eachRow(`SELECT DISTINCT p.id, p.kind, p.given_names, p.family_name, p.birth_date
		FROM persons p JOIN cases c ON c.family_id = p.family_id WHERE c.id = ? ORDER BY p.id`, []any{caseID}, func(row rowScanner) error {
		var id int64
		var kind, given, family string
		var born sql.NullTime
		if err := row.Scan(&id, &kind, &given, &family, &born); err != nil {
			return err
		}
		src.FamilyNames = append(src.FamilyNames, family)
		src.GivenNames = append(src.GivenNames, given)
		if kind == "child" {
			src.Children = append(src.Children, ExtractChild{GivenNames: given, BirthDate: nullTime(born)})
		}
		return nil
	})
}

func (tx *Tx) extractTexts(caseID int64, src *ExtractSource) error {
	reads := []struct {
		q    string
		args []any
		into *[]string
	}{
		{`SELECT address FROM reports WHERE case_id = ? UNION SELECT postcode FROM reports WHERE case_id = ?`, []any{caseID, caseID}, &src.Places},
		{`SELECT DISTINCT municipality FROM reports WHERE case_id = ?`, []any{caseID}, &src.Towns},
		{`SELECT text FROM findings WHERE case_id = ? AND column_name = 'worries' ORDER BY id`, []any{caseID}, &src.Worries},
		{`SELECT text FROM findings WHERE case_id = ? AND column_name = 'working_well' ORDER BY id`, []any{caseID}, &src.WorksWell},
		{`SELECT title FROM plan_actions WHERE case_id = ? AND status = 'open' ORDER BY due_date, id`, []any{caseID}, &src.Actions},
	}
	for _, r := range reads {
		if err := tx.strings(r.q, r.args, func(s string) { *r.into = append(*r.into, s) }); err != nil {
			return err
		}
	}
	return tx.eachRow(`SELECT value FROM safety_scales WHERE case_id = ? ORDER BY id DESC`, []any{caseID}, func(row rowScanner) error {
		var n int
		err := row.Scan(&n)
		src.Scales = append(src.Scales, n)
		return err
	})
}

// strings runs a one-column text query and hands each non-empty value to into.
func (tx *Tx) strings(q string, args []any, into func(string)) error {
	return tx.eachRow(q, args, func(row rowScanner) error {
		var s sql.NullString
		if err := row.Scan(&s); err != nil {
			return err
		}
		if s.Valid && s.String != "" {
			into(s.String)
		}
		return nil
	})
}
