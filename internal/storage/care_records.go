package storage

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"schakel"
)

// Care asked for by need (issue 15): SQL only; internal/care and
// internal/app decide.

// PutCareProfile writes an organisation's provider profile.
func (tx *Tx) PutCareProfile(p schakel.ProviderProfile) error {
	starts, err := json.Marshal(p.EarliestStart)
	if err != nil {
		return err
	}
	cats := make([]string, len(p.Categories))
	for i, c := range p.Categories {
		cats[i] = string(c)
	}
	args := []any{strings.Join(cats, ","), strings.Join(p.Municipalities, ","), strings.Join(p.Languages, ","),
		strings.Join(p.ContractedBy, ","), string(starts), tx.now, p.Organisation.ID}
	res, err := tx.exec(`UPDATE care_profiles SET categories = ?, municipalities = ?, languages = ?, contracted_by = ?, earliest_start = ?, updated_at = ?
		WHERE organisation_id = ?`, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	_, err = tx.exec(`INSERT INTO care_profiles (categories, municipalities, languages, contracted_by, earliest_start, updated_at, organisation_id)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, args...)
	return err
}

// CareProfiles returns the provider profiles of a region's organisations.
func (tx *Tx) CareProfiles(regionID int64) ([]schakel.ProviderProfile, error) {
	return tx.careProfiles(`o.region_id = ?`, regionID)
}

// CareProfile returns one organisation's profile (not found: none yet).
func (tx *Tx) CareProfile(orgID int64) (schakel.ProviderProfile, error) {
	ps, err := tx.careProfiles(`o.id = ?`, orgID)
	if err != nil || len(ps) == 0 {
		return schakel.ProviderProfile{}, errors.Join(err, notFound("Profiel"))
	}
	return ps[0], nil
}

func (tx *Tx) careProfiles(where string, arg any) ([]schakel.ProviderProfile, error) {
	rows, err := tx.query(`SELECT o.id, o.name, o.kind, p.categories, p.municipalities, p.languages, p.contracted_by, p.earliest_start, p.updated_at
		FROM care_profiles p JOIN organisations o ON o.id = p.organisation_id WHERE `+where+` ORDER BY o.name, o.id`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.ProviderProfile{}
	for rows.Next() {
		var p schakel.ProviderProfile
		var cats, munis, langs, contracted, starts string
		if err := rows.Scan(&p.Organisation.ID, &p.Organisation.Name, &p.Organisation.Kind, &cats, &munis, &langs, &contracted, &starts, &p.UpdatedAt); err != nil {
			return nil, err
		}
		for _, c := range nonEmpty(splitCSV(cats)) {
			p.Categories = append(p.Categories, schakel.NeedCategory(c))
		}
		p.Municipalities, p.Languages, p.ContractedBy = nonEmpty(splitCSV(munis)), nonEmpty(splitCSV(langs)), nonEmpty(splitCSV(contracted))
		if err := json.Unmarshal([]byte(starts), &p.EarliestStart); err != nil {
			return nil, err
		}
		p.UpdatedAt = p.UpdatedAt.UTC()
		out = append(out, p)
	}
	return out, rows.Err()
}

func nonEmpty(ss []string) []string {
	out := []string{}
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// CareFacts are what a request's extract is made of: the case's
// municipality and the children's birth dates (never their names).
type CareFacts struct {
	RegionID     int64
	Municipality string
	Births       []sql.NullTime
}

// CaseCareFacts loads them.
func (tx *Tx) CaseCareFacts(caseID int64) (CareFacts, error) {
	var f CareFacts
	err := tx.queryRow(`SELECT c.region_id, COALESCE((SELECT r.municipality FROM reports r WHERE r.case_id = c.id ORDER BY r.id DESC LIMIT 1), '')
		FROM cases c WHERE c.id = ?`, caseID).Scan(&f.RegionID, &f.Municipality)
	if errors.Is(err, sql.ErrNoRows) {
		return f, notFound("Casus")
	} else if err != nil {
		return f, err
	}
	rows, err := tx.query(`SELECT p.birth_date FROM persons p JOIN cases c ON c.family_id = p.family_id WHERE c.id = ? AND p.kind = 'child' ORDER BY p.id`, caseID)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	for rows.Next() {
		var b sql.NullTime
		if err := rows.Scan(&b); err != nil {
			return f, err
		}
		f.Births = append(f.Births, b)
	}
	return f, rows.Err()
}

// OrganisationRegionOf returns the region of an organisation.
func (tx *Tx) OrganisationRegionOf(orgID int64) (int64, error) {
	var region int64
	err := tx.queryRow(`SELECT region_id FROM organisations WHERE id = ?`, orgID).Scan(&region)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("Organisatie")
	}
	return region, err
}
