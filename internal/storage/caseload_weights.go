package storage

import (
	"database/sql"
	"errors"
)

// WeightsRecord is an organisation's caseload weights as stored.
type WeightsRecord struct {
	Red, Orange, Green, Unrated, SecondHolder float64
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
	}
	return w, err == nil, err
}

// PutCaseloadWeights stores an organisation's weights.
func (tx *Tx) PutCaseloadWeights(orgID int64, w WeightsRecord, by int64) error {
	if _, err := tx.exec(`DELETE FROM caseload_weights WHERE organisation_id = ?`, orgID); err != nil {
		return err
	}
	_, err := tx.exec(`INSERT INTO caseload_weights (organisation_id, red, orange, green, unrated, second_holder, source, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, orgID, w.Red, w.Orange, w.Green, w.Unrated, w.SecondHolder, w.Source, by, tx.now)
	return err
}
