package storage

import (
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"schakel"
)

// Replay finds the answer to an earlier request with the same idempotency
// key; a key reused for another request is a conflict.
func (tx *Tx) Replay(professionalID int64, key, reqHash string, into any) (bool, error) {
	var h, body string
	err := tx.queryRow(`SELECT request_hash, response FROM idempotency_keys WHERE professional_id = ? AND key = ?`, professionalID, key).Scan(&h, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if h != reqHash {
		return false, schakel.Errorf(schakel.ECONFLICT, "Deze Idempotency-Key is al gebruikt voor een ander verzoek.")
	}
	return true, json.Unmarshal([]byte(body), into)
}

// Remember keeps the answer to a request under its idempotency key.
func (tx *Tx) Remember(professionalID int64, key, reqHash string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO idempotency_keys (professional_id, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		professionalID, key, reqHash, 201, string(b), tx.now)
	return err
}

func (tx *Tx) FamilyOfPerson(personID int64) (int64, error) {
	var f int64
	err := tx.queryRow(`SELECT family_id FROM persons WHERE id = ?`, personID).Scan(&f)
	return f, err
}

// JoinNewCase makes the organisation that opened a case, which nobody
// else takes part in yet, its first participant: it holds regie.
// A new case has no measure yet, so its kept waiting rows are marked by
// the court order that may come later, not here.
func (tx *Tx) JoinNewCase(caseID, orgID, contactID int64) error {
	_, err := tx.exec(`INSERT INTO participations (case_id, organisation_id, role, status, contact_id, joined_at) VALUES (?, ?, ?, 'active', ?, ?)`,
		caseID, orgID, string(schakel.RoleRegie), contactID, tx.now)
	return err
}

// join makes an organisation take part in a case. The first organisation
// on a case holds regie until it is handed over.
func (tx *Tx) JoinCase(caseID, orgID, contactID int64) error {
	tx.touchWaiting(caseID)
	var status string
	err := tx.queryRow(`SELECT status FROM participations WHERE case_id = ? AND organisation_id = ?`, caseID, orgID).Scan(&status)
	if err == nil {
		if status != "active" {
			_, err = tx.exec(`UPDATE participations SET status = 'active', exited_at = NULL, contact_id = ?, joined_at = ? WHERE case_id = ? AND organisation_id = ?`,
				contactID, tx.now, caseID, orgID)
		}
		return err
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var regie int
	if err := tx.queryRow(`SELECT COUNT(*) FROM participations WHERE case_id = ? AND role = 'regie' AND status = 'active'`, caseID).Scan(&regie); err != nil {
		return err
	}
	role := schakel.RoleAdvies
	if regie == 0 {
		role = schakel.RoleRegie
	}
	_, err = tx.exec(`INSERT INTO participations (case_id, organisation_id, role, status, contact_id, joined_at) VALUES (?, ?, ?, 'active', ?, ?)`,
		caseID, orgID, string(role), contactID, tx.now)
	return err
}

// CountReportsSince counts the reports on these families received up to
// to, except one, all of them and those received since since, in one
// statement.
func (tx *Tx) CountReportsSince(families []int64, except int64, since, to time.Time) (recent, all int, err error) {
	if len(families) == 0 {
		return 0, 0, nil
	}
	args := []any{since}
	for _, f := range families {
		args = append(args, f)
	}
	args = append(args, except, to)
	err = tx.queryRow(`SELECT COUNT(CASE WHEN received_at >= ? THEN 1 END), COUNT(*) FROM reports WHERE family_id IN (`+
		placeholders(len(families))+`) AND id <> ? AND received_at <= ?`, args...).Scan(&recent, &all)
	return recent, all, err
}

func (tx *Tx) CountReports(families []int64, except int64, from, to time.Time) (int, error) {
	if len(families) == 0 {
		return 0, nil
	}
	q := `SELECT COUNT(*) FROM reports WHERE family_id IN (` + placeholders(len(families)) + `) AND id <> ?`
	args := []any{}
	for _, f := range families {
		args = append(args, f)
	}
	args = append(args, except)
	if !from.IsZero() {
		q += ` AND received_at >= ?`
		args = append(args, from)
	}
	if !to.IsZero() {
		q += ` AND received_at <= ?`
		args = append(args, to)
	}
	var n int
	err := tx.queryRow(q, args...).Scan(&n)
	return n, err
}

// knownAtExcept lists the other organisations that know these families.
func (tx *Tx) KnownAtExcept(families []int64, exceptOrg int64) ([]schakel.KnownAt, error) {
	all, err := tx.KnownAt(families, 0)
	if err != nil {
		return nil, err
	}
	out := []schakel.KnownAt{}
	for _, k := range all {
		if k.Organisation.ID != exceptOrg {
			out = append(out, k)
		}
	}
	return out, nil
}
