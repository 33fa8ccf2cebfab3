package storage

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"schakel"
	"schakel/internal/familycopy"
)

// CaseWithWorkspace loads a case and its workspace, for a use case that
// has already guarded the read.
func (tx *Tx) CaseWithWorkspace(caseID int64) (schakel.Case, schakel.Workspace, error) {
	c, err := tx.loadCase(caseID)
	if err != nil {
		return c, schakel.Workspace{}, err
	}
	w, err := tx.loadWorkspace(&c)
	return c, w, err
}

// ActionOnCase loads one action of a case; not found when the action is
// not on that case.
func (tx *Tx) ActionOnCase(caseID, actionID int64) (schakel.Action, error) {
	as, err := tx.actions(`a.id = ? AND a.case_id = ?`, actionID, caseID)
	if err != nil {
		return schakel.Action{}, err
	}
	if len(as) == 0 {
		return schakel.Action{}, notFound("Actie")
	}
	return as[0], nil
}

// CaseRegie is the organisation that holds regie on a case now, 0 for none.
func (tx *Tx) CaseRegie(caseID int64) (int64, error) {
	orgs, err := tx.CaseOrganisations(caseID)
	return orgs.regie, err
}

// RefuseRule audits a refusal by a case rule and keeps nothing else.
func (tx *Tx) RefuseRule(actor *schakel.Actor, caseID int64, event, message string) error {
	return tx.refuseRule(actor, caseID, event, message)
}

// SetFamilyTextRecord stores an action's family text and who wrote or
// confirmed it.
func (tx *Tx) SetFamilyTextRecord(actionID int64, text string, by int64) error {
	_, err := tx.exec(`UPDATE plan_actions SET family_text = ?, family_text_by = ?, family_text_at = ?, updated_at = ? WHERE id = ?`,
		text, by, tx.now, tx.now, actionID)
	return err
}

// FamilyCopyMarks lists the marks on a case's actions.
func (tx *Tx) FamilyCopyMarks(caseID int64) ([]familycopy.Mark, error) {
	rows, err := tx.query(`SELECT m.id, m.action_id, p.id, p.given_names, p.family_name, p.kind, m.kind, b.id, b.name, b.organisation_id, m.created_at
		FROM family_copy_marks m JOIN persons p ON p.id = m.person_id JOIN professionals b ON b.id = m.created_by
		WHERE m.case_id = ? ORDER BY m.id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []familycopy.Mark{}
	for rows.Next() {
		var m familycopy.Mark
		var given, family string
		if err := rows.Scan(&m.ID, &m.ActionID, &m.Person.ID, &given, &family, &m.Person.Kind, &m.Kind, &m.By.ID, &m.By.Name, &m.OrganisationID, &m.At); err != nil {
			return nil, err
		}
		m.Person.Name, m.At = strings.TrimSpace(given+" "+family), m.At.UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

// InsertFamilyCopyMark stores a mark; the caller has checked it is new.
func (tx *Tx) InsertFamilyCopyMark(caseID, actionID, personID int64, kind string, by int64) (int64, error) {
	return tx.insert(`INSERT INTO family_copy_marks (case_id, action_id, person_id, kind, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		caseID, actionID, personID, kind, by, tx.now)
}

// UpdateFamilyCopyMark changes whom a mark is about and what kind it is.
func (tx *Tx) UpdateFamilyCopyMark(id, personID int64, kind string) error {
	_, err := tx.exec(`UPDATE family_copy_marks SET person_id = ?, kind = ? WHERE id = ?`, personID, kind, id)
	return err
}

// DeleteFamilyCopyMark removes a mark; the audit entry keeps what it was.
func (tx *Tx) DeleteFamilyCopyMark(id int64) error {
	_, err := tx.exec(`DELETE FROM family_copy_marks WHERE id = ?`, id)
	return err
}

// FamilyCopyConfirmation is the latest confirmation of a case's copy for
// one recipient.
type FamilyCopyConfirmation struct {
	Digest string
	By     schakel.Contact
	At     time.Time
}

// LatestFamilyCopyConfirmation returns the newest confirmation for the
// recipient (0: the copy for every parent); ok false when there is none.
func (tx *Tx) LatestFamilyCopyConfirmation(caseID, personID int64) (FamilyCopyConfirmation, bool, error) {
	var f FamilyCopyConfirmation
	err := tx.queryRow(`SELECT f.digest, p.id, p.name, f.created_at FROM family_copy_confirmations f JOIN professionals p ON p.id = f.created_by
		WHERE f.case_id = ? AND f.person_id = ? ORDER BY f.id DESC LIMIT 1`, caseID, personID).Scan(&f.Digest, &f.By.ID, &f.By.Name, &f.At)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	f.At = f.At.UTC()
	return f, err == nil, err
}

// InsertFamilyCopyConfirmation records that a professional confirmed the
// copy with this digest for this recipient.
func (tx *Tx) InsertFamilyCopyConfirmation(caseID, personID int64, digest string, by int64) error {
	_, err := tx.exec(`INSERT INTO family_copy_confirmations (case_id, person_id, digest, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
		caseID, personID, digest, by, tx.now)
	return err
}
