package storage

import (
	"database/sql"
	"time"

	"schakel"
	"schakel/internal/audit"
)

// InShelter returns the persons of a case's family who stay in a shelter.
func (tx *Tx) InShelter(familyID int64) (map[int64]bool, error) {
	rows, err := tx.query(`SELECT id FROM persons WHERE family_id = ? AND in_shelter = TRUE`, familyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// SetInShelter records whether a person stays in a shelter.
func (tx *Tx) SetInShelter(personID int64, in bool) error {
	_, err := tx.exec(`UPDATE persons SET in_shelter = ? WHERE id = ?`, in, personID)
	return err
}

// FamilyConsents returns, per person of the family, whether their latest
// consent row gives consent (a withdrawal is a later row that does not).
func (tx *Tx) FamilyConsents(familyID int64) (map[int64]bool, error) {
	rows, err := tx.query(`SELECT c.person_id, c.given FROM family_consents c JOIN persons p ON p.id = c.person_id
		WHERE p.family_id = ? ORDER BY c.id`, familyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		var given bool
		if err := rows.Scan(&id, &given); err != nil {
			return nil, err
		}
		out[id] = given
	}
	return out, rows.Err()
}

// InsertFamilyConsent records a consent given or withdrawn.
func (tx *Tx) InsertFamilyConsent(personID int64, given bool) error {
	_, err := tx.exec(`INSERT INTO family_consents (person_id, given, created_at) VALUES (?, ?, ?)`, personID, given, tx.now)
	return err
}

// FamilyWithholding is a professional's decision to withhold an agreement
// (ActionID) or the whole view (ActionID 0) from one family member.
type FamilyWithholding struct {
	ID         int64           `json:"id"`
	CaseID     int64           `json:"case_id"`
	PersonID   int64           `json:"person_id"`
	ActionID   int64           `json:"action_id,omitempty"`
	Reason     string          `json:"reason"`
	By         schakel.Contact `json:"by"`
	At         time.Time       `json:"created_at"`
	ReviewDue  time.Time       `json:"review_due"`
	ReviewedAt *time.Time      `json:"reviewed_at,omitempty"`
	ByOrg      int64           `json:"-"` // the organisation of whoever withheld it: its team leads review
}

// FamilyWithholdings lists a case's withholdings that have not ended.
func (tx *Tx) FamilyWithholdings(caseID int64) ([]FamilyWithholding, error) {
	rows, err := tx.query(`SELECT w.id, w.case_id, w.person_id, COALESCE(w.action_id, 0), w.reason, b.id, b.name, b.organisation_id, w.created_at, w.review_due, w.reviewed_at
		FROM family_withholdings w JOIN professionals b ON b.id = w.created_by WHERE w.case_id = ? AND w.ended_at IS NULL ORDER BY w.id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []FamilyWithholding{}
	for rows.Next() {
		var w FamilyWithholding
		var reviewed sql.NullTime
		if err := rows.Scan(&w.ID, &w.CaseID, &w.PersonID, &w.ActionID, &w.Reason, &w.By.ID, &w.By.Name, &w.ByOrg, &w.At, &w.ReviewDue, &reviewed); err != nil {
			return nil, err
		}
		w.At, w.ReviewDue, w.ReviewedAt = w.At.UTC(), w.ReviewDue.UTC(), nullTime(reviewed)
		out = append(out, w)
	}
	return out, rows.Err()
}

// InsertFamilyWithholding records a withholding with its review date.
func (tx *Tx) InsertFamilyWithholding(caseID, personID, actionID int64, reason string, by int64, reviewDue time.Time) (int64, error) {
	return tx.insert(`INSERT INTO family_withholdings (case_id, person_id, action_id, reason, created_by, created_at, review_due) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		caseID, personID, nullInt(actionID), reason, by, tx.now, reviewDue)
}

// ReviewFamilyWithholding records a team lead's review; end lifts the
// withholding (the family member sees the item again).
func (tx *Tx) ReviewFamilyWithholding(id, by int64, end bool) error {
	var ended any
	if end {
		ended = tx.now
	}
	_, err := tx.exec(`UPDATE family_withholdings SET reviewed_by = ?, reviewed_at = ?, ended_at = ? WHERE id = ? AND ended_at IS NULL`, by, tx.now, ended, id)
	return err
}

// Notify puts a line in a professional's work list.
func (tx *Tx) Notify(professionalID int64, kind string, caseID int64, text string) error {
	return tx.notify(professionalID, kind, caseID, 0, text)
}

// TeamLeads returns the active team leads of an organisation.
func (tx *Tx) TeamLeads(orgID int64) ([]int64, error) {
	rows, err := tx.query(`SELECT p.id FROM professionals p JOIN professional_roles r ON r.professional_id = p.id
		WHERE p.organisation_id = ? AND p.active = TRUE AND r.role = ? ORDER BY p.id`, orgID, schakel.RoleTeamLead)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// PersonAccessEntries is one page of every access to one person's data,
// newest first, for a use case that has guarded and audited the read.
// Next is the cursor of the older page, 0 when this page holds the oldest.
// It is PersonAccessPage with an empty page as an empty list, not nil.
func (tx *Tx) PersonAccessEntries(personID, before int64, limit int) (PersonAccessesPage, error) {
	page, err := tx.PersonAccessPage(personID, before, limit)
	if err != nil {
		return page, err
	}
	if page.Entries == nil {
		page.Entries = []audit.Entry{}
	}
	return page, nil
}
