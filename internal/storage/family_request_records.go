package storage

import (
	"database/sql"
	"time"

	"schakel"
)

// FamilyRequest is a family member's own statement or request, with the
// regie holder's answer once given.
type FamilyRequest struct {
	ID         int64            `json:"id"`
	CaseID     int64            `json:"case_id"`
	PersonID   int64            `json:"person_id"`
	Kind       string           `json:"kind"` // statement, correction, destruction
	Text       string           `json:"text"`
	At         time.Time        `json:"created_at"`
	DueAt      time.Time        `json:"due_at"`
	Answer     string           `json:"answer,omitempty"`
	AnsweredBy *schakel.Contact `json:"answered_by,omitempty"`
	AnsweredAt *time.Time       `json:"answered_at,omitempty"`
}

// InsertFamilyRequest stores a statement or request.
func (tx *Tx) InsertFamilyRequest(caseID, personID, accountID int64, kind, text string, due time.Time) (int64, error) {
	return tx.insert(`INSERT INTO family_requests (case_id, person_id, account_id, kind, text, created_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		caseID, personID, accountID, kind, text, tx.now, due)
}

const familyRequestColumns = `r.id, r.case_id, r.person_id, r.kind, r.text, r.created_at, r.due_at, r.answer, b.id, b.name, r.answered_at`

func scanFamilyRequests(rows rowSet, err error) ([]FamilyRequest, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []FamilyRequest{}
	for rows.Next() {
		var r FamilyRequest
		var byID sql.NullInt64
		var byName sql.NullString
		var answered sql.NullTime
		if err := rows.Scan(&r.ID, &r.CaseID, &r.PersonID, &r.Kind, &r.Text, &r.At, &r.DueAt, &r.Answer, &byID, &byName, &answered); err != nil {
			return nil, err
		}
		r.At, r.DueAt, r.AnsweredAt = r.At.UTC(), r.DueAt.UTC(), nullTime(answered)
		if byID.Valid {
			r.AnsweredBy = &schakel.Contact{ID: byID.Int64, Name: byName.String}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FamilyRequestsOf lists one person's statements and requests, newest first.
func (tx *Tx) FamilyRequestsOf(personID int64) ([]FamilyRequest, error) {
	return scanFamilyRequests(tx.query(`SELECT `+familyRequestColumns+` FROM family_requests r
		LEFT JOIN professionals b ON b.id = r.answered_by WHERE r.person_id = ? ORDER BY r.id DESC`, personID))
}

// FamilyRequestsOnCase lists a case's statements and requests, newest first.
func (tx *Tx) FamilyRequestsOnCase(caseID int64) ([]FamilyRequest, error) {
	return scanFamilyRequests(tx.query(`SELECT `+familyRequestColumns+` FROM family_requests r
		LEFT JOIN professionals b ON b.id = r.answered_by WHERE r.case_id = ? ORDER BY r.id DESC`, caseID))
}

// FamilyRequestOnCase returns one request of a case; not found when it is
// not on that case.
func (tx *Tx) FamilyRequestOnCase(caseID, id int64) (FamilyRequest, error) {
	rs, err := scanFamilyRequests(tx.query(`SELECT `+familyRequestColumns+` FROM family_requests r
		LEFT JOIN professionals b ON b.id = r.answered_by WHERE r.case_id = ? AND r.id = ?`, caseID, id))
	if err != nil {
		return FamilyRequest{}, err
	}
	if len(rs) == 0 {
		return FamilyRequest{}, notFound("Verzoek")
	}
	return rs[0], nil
}

// AnswerFamilyRequest stores the answer, once.
func (tx *Tx) AnswerFamilyRequest(id int64, answer string, by int64) error {
	res, err := tx.exec(`UPDATE family_requests SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ? AND answered_at IS NULL`, answer, by, tx.now, id)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = schakel.Errorf(schakel.ECONFLICT, "Dit verzoek is al beantwoord.")
	}
	return err
}
