package storage

// The records of intake drafts: half-filled forms kept for the
// professional who typed them. The use cases (internal/app/drafts.go)
// decide who reads and writes which draft and audit it.

import (
	"database/sql"
	"errors"
	"time"
)

// Draft is a half-filled intake form, kept for the professional who typed
// it so that nothing typed is lost.
type Draft struct {
	ID          int64  `json:"id"`
	FormVersion int    `json:"form_version"`
	Data        string `json:"data"` // the form as JSON (intake.Report), as typed
	// Family names the draft in lists: the family names typed so far
	// ("Jansen / de Vries"), empty when none is typed yet.
	Family    string    `json:"family,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// MaxDraftBytes bounds a draft.
const MaxDraftBytes = 256 << 10

// InsertDraft keeps a new draft of a professional.
func (tx *Tx) InsertDraft(professionalID int64, formVersion int, data string) (int64, error) {
	return tx.insert(`INSERT INTO intake_drafts (professional_id, form_version, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
		professionalID, formVersion, data, tx.now, tx.now)
}

// DraftOwner returns who typed a draft; a draft that does not exist is
// not found.
func (tx *Tx) DraftOwner(id int64) (int64, error) {
	var owner int64
	err := tx.queryRow(`SELECT professional_id FROM intake_drafts WHERE id = ?`, id).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("Concept")
	}
	return owner, err
}

// UpdateDraft replaces the data of a professional's draft.
func (tx *Tx) UpdateDraft(id, professionalID int64, formVersion int, data string) error {
	_, err := tx.exec(`UPDATE intake_drafts SET data = ?, form_version = ?, updated_at = ? WHERE id = ? AND professional_id = ?`,
		data, formVersion, tx.now, id, professionalID)
	return err
}

// DraftRecord loads a professional's draft with its data.
func (tx *Tx) DraftRecord(id, professionalID int64) (Draft, error) {
	var d Draft
	err := tx.queryRow(`SELECT id, form_version, data, created_at, updated_at FROM intake_drafts WHERE id = ? AND professional_id = ?`,
		id, professionalID).Scan(&d.ID, &d.FormVersion, &d.Data, &d.CreatedAt, &d.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return d, notFound("Concept")
	}
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	return d, err
}

// DraftRecords loads a professional's newest drafts (at most limit), with
// their data, newest first.
func (tx *Tx) DraftRecords(professionalID int64, limit int) ([]Draft, error) {
	rows, err := tx.query(`SELECT id, form_version, data, created_at, updated_at FROM intake_drafts
		WHERE professional_id = ? ORDER BY updated_at DESC LIMIT ?`, professionalID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Draft{}
	for rows.Next() {
		var d Draft
		if err := rows.Scan(&d.ID, &d.FormVersion, &d.Data, &d.CreatedAt, &d.UpdatedAt); err != nil {
			return nil, err
		}
		d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// DeleteDraftRecord removes a professional's draft.
func (tx *Tx) DeleteDraftRecord(id, professionalID int64) error {
	_, err := tx.exec(`DELETE FROM intake_drafts WHERE id = ? AND professional_id = ?`, id, professionalID)
	return err
}

// ReportAssessment returns a report's case and whether its safety
// assessment is done; an unknown report is not found.
func (tx *Tx) ReportAssessment(reportID int64) (caseID int64, done bool, err error) {
	var at sql.NullTime
	err = tx.queryRow(`SELECT case_id, assessment_done_at FROM reports WHERE id = ?`, reportID).Scan(&caseID, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, notFound("Melding")
	}
	return caseID, at.Valid, err
}

// SetAssessmentDone records that a report's safety assessment is done.
func (tx *Tx) SetAssessmentDone(reportID int64) error {
	_, err := tx.exec(`UPDATE reports SET assessment_done_at = ? WHERE id = ?`, tx.now, reportID)
	return err
}
