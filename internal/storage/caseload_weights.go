package storage

import (
	"database/sql"
	"errors"
	"time"
)

// WeightsRecord is an organisation's caseload weights as stored.
type WeightsRecord struct {
	Red, Orange, Green, Unrated, SecondHolder float64
	Measures, Phases                          map[string]float64 // by kind of measure and by phase; nil: none set
	Source                                    string
}

// CaseloadWeights loads an organisation's weights; ok is false when it set
// none (the defaults hold).
func (tx *Tx) CaseloadWeights(orgID int64) (WeightsRecord, bool, error) {
	var w WeightsRecord
	err := tx.queryRow(`SELECT red, orange, green, unrated, second_holder, source FROM caseload_weights WHERE organisation_id = ?`, orgID).
		Scan(&w.Red, &w.Orange, &w.Green, &w.Unrated, &w.SecondHolder, &w.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return w, false, nil
	} else if err != nil {
		return w, false, err
	}
	rows, err := tx.query(`SELECT dimension, factor, weight FROM caseload_factor_weights WHERE organisation_id = ?`, orgID)
	if err != nil {
		return w, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var dim, factor string
		var weight float64
		if err := rows.Scan(&dim, &factor, &weight); err != nil {
			return w, false, err
		}
		m := &w.Measures
		if dim == "phase" {
			m = &w.Phases
		}
		if *m == nil {
			*m = map[string]float64{}
		}
		(*m)[factor] = weight
	}
	return w, true, rows.Err()
}

// PutCaseloadWeights stores an organisation's weights.
func (tx *Tx) PutCaseloadWeights(orgID int64, w WeightsRecord, by int64) error {
	if _, err := tx.exec(`DELETE FROM caseload_weights WHERE organisation_id = ?`, orgID); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM caseload_factor_weights WHERE organisation_id = ?`, orgID); err != nil {
		return err
	}
	for dim, ws := range map[string]map[string]float64{"measure": w.Measures, "phase": w.Phases} {
		for factor, weight := range ws {
			if _, err := tx.exec(`INSERT INTO caseload_factor_weights (organisation_id, dimension, factor, weight) VALUES (?, ?, ?, ?)`,
				orgID, dim, factor, weight); err != nil {
				return err
			}
		}
	}
	_, err := tx.exec(`INSERT INTO caseload_weights (organisation_id, red, orange, green, unrated, second_holder, source, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, orgID, w.Red, w.Orange, w.Green, w.Unrated, w.SecondHolder, w.Source, by, tx.now)
	return err
}

// NormRecord is a caseload norm a region set for an organisation kind.
type NormRecord struct {
	Kind           string
	MeasuresPerFTE float64
	FullTimeHours  int
	Source         string
	ChangedAt      time.Time
}

// CaseloadNorms loads the caseload norms a region set, by organisation
// kind.
func (tx *Tx) CaseloadNorms(regionID int64) (map[string]NormRecord, error) {
	rows, err := tx.query(`SELECT organisation_kind, measures_per_fte, full_time_hours, source, changed_at FROM caseload_norms WHERE region_id = ?`, regionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]NormRecord{}
	for rows.Next() {
		var n NormRecord
		if err := rows.Scan(&n.Kind, &n.MeasuresPerFTE, &n.FullTimeHours, &n.Source, &n.ChangedAt); err != nil {
			return nil, err
		}
		n.ChangedAt = n.ChangedAt.UTC()
		out[n.Kind] = n
	}
	return out, rows.Err()
}

// PutCaseloadNorm stores a region's caseload norm for an organisation
// kind.
func (tx *Tx) PutCaseloadNorm(regionID int64, n NormRecord, by int64) error {
	if _, err := tx.exec(`DELETE FROM caseload_norms WHERE region_id = ? AND organisation_kind = ?`, regionID, n.Kind); err != nil {
		return err
	}
	_, err := tx.exec(`INSERT INTO caseload_norms (region_id, organisation_kind, measures_per_fte, full_time_hours, source, changed_by, changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, regionID, n.Kind, n.MeasuresPerFTE, n.FullTimeHours, n.Source, by, tx.now)
	return err
}
