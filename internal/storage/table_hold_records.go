package storage

// The records of a proposed crisis table whose invitations are held: who
// is proposed, what changed before the invitations went out, and the
// claim that sends them exactly once. The use case (internal/app) guards,
// decides and audits.

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"schakel"
)

// heldUntil says whether a consultation's invitations are still held, and
// until when.
func (tx *Tx) heldUntil(consultationID int64) (time.Time, bool, error) {
	var until sql.NullTime
	err := tx.queryRow(`SELECT invitations_held_until FROM consultations WHERE id = ?`, consultationID).Scan(&until)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, notFound("Overleg")
	}
	return until.Time.UTC(), until.Valid, err
}

// ShortenHold brings a held table's hold end forward to until; a hold
// that already ended stays ended.
func (tx *Tx) ShortenHold(consultationID int64, until time.Time) error {
	_, err := tx.exec(`UPDATE consultations SET invitations_held_until = ?
		WHERE id = ? AND invitations_held_until IS NOT NULL AND invitations_held_until > ?`, until.UTC(), consultationID, until.UTC())
	return err
}

// ClaimRelease ends the hold of a consultation's invitations; it reports
// false when the hold had already ended. It is a compare-and-set on the
// consultation row: of two servers (or a person and the hold's end) that
// try at once, exactly one claims, the other's update finds the hold gone
// (on PostgreSQL it waits for the first to commit, then re-reads the row).
func (tx *Tx) ClaimRelease(consultationID int64) (bool, error) {
	res, err := tx.exec(`UPDATE consultations SET invitations_held_until = NULL, invitations_sent_at = ?
		WHERE id = ? AND invitations_held_until IS NOT NULL`, tx.now, consultationID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// EndHold ends the hold of a consultation that will not take place (it
// was cancelled): its invitations are never sent.
func (tx *Tx) EndHold(consultationID int64) error {
	_, err := tx.exec(`UPDATE consultations SET invitations_held_until = NULL WHERE id = ?`, consultationID)
	return err
}

// HeldTablesDue lists the consultations whose invitations' hold has ended
// by now, oldest first.
func (db *DB) HeldTablesDue(ctx contextT, now time.Time, limit int) ([]int64, error) {
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(`SELECT id FROM consultations
		WHERE invitations_held_until IS NOT NULL AND invitations_held_until <= ? ORDER BY invitations_held_until, id LIMIT ?`), now.UTC(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// AddTableChange keeps one change to a proposed table. professionalID and
// by are 0 when they do not apply (by 0: Schakel itself).
func (tx *Tx) AddTableChange(consultationID int64, kind, need string, professionalID int64, reason string, by int64) error {
	_, err := tx.exec(`INSERT INTO consultation_table_changes (consultation_id, kind, need, professional_id, reason, changed_by, changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, consultationID, kind, need, nullInt(professionalID), reason, nullInt(by), tx.now)
	return err
}

// RemoveNeed takes a need off a consultation's needs and off what its
// proposed people cover.
func (tx *Tx) RemoveNeed(consultationID int64, need string) error {
	_, err := tx.exec(`DELETE FROM consultation_needs WHERE consultation_id = ? AND need = ?`, consultationID, need)
	return err
}

// SetCovers records what a proposed participant covers.
func (tx *Tx) SetCovers(consultationID, professionalID int64, covers []string) error {
	_, err := tx.exec(`UPDATE consultation_participants SET covers = ? WHERE consultation_id = ? AND professional_id = ?`,
		strings.Join(covers, ","), consultationID, professionalID)
	return err
}

// DropProposed takes a proposed participant off a table whose invitations
// are held: they were never told, so nothing else is left of them.
func (tx *Tx) DropProposed(consultationID, professionalID int64) error {
	_, err := tx.exec(`DELETE FROM consultation_participants WHERE consultation_id = ? AND professional_id = ?`, consultationID, professionalID)
	return err
}

// tableChanges fills in the changes made to the proposed tables in out;
// only tables that were ever held are asked for.
func (tx *Tx) tableChanges(out []schakel.Consultation, index map[int64]int, ps parents) error {
	var ids []any
	for _, c := range out {
		if c.InvitationsHeldUntil != nil || c.InvitationsSentAt != nil {
			ids = append(ids, c.ID)
		}
	}
	in, args, ok := tx.childrenIn("x.consultation_id", ps, ids, "(c.invitations_held_until IS NOT NULL OR c.invitations_sent_at IS NOT NULL)")
	if !ok {
		return nil
	}
	rows, err := tx.query(`SELECT x.consultation_id, x.kind, x.need, x.reason, x.changed_at, pp.id, pp.name, pb.id, pb.name
		FROM consultation_table_changes x LEFT JOIN professionals pp ON pp.id = x.professional_id LEFT JOIN professionals pb ON pb.id = x.changed_by
		WHERE `+in+` ORDER BY x.consultation_id, x.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var ch schakel.TableChange
		var pid, bid sql.NullInt64
		var pname, bname sql.NullString
		if err := rows.Scan(&cid, &ch.Kind, &ch.Need, &ch.Reason, &ch.ChangedAt, &pid, &pname, &bid, &bname); err != nil {
			return err
		}
		ch.ChangedAt = ch.ChangedAt.UTC()
		ch.Person, ch.ChangedBy = contactOf(pid, pname, sql.NullString{}, sql.NullString{}), contactOf(bid, bname, sql.NullString{}, sql.NullString{})
		out[index[cid]].TableChanges = append(out[index[cid]].TableChanges, ch)
	}
	return rows.Err()
}

// ConsultationPlanner returns who planned a consultation, 0 for Schakel.
func (tx *Tx) ConsultationPlanner(consultationID int64) (int64, error) {
	var by sql.NullInt64
	err := tx.queryRow(`SELECT created_by FROM consultations WHERE id = ?`, consultationID).Scan(&by)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("Overleg")
	}
	return by.Int64, err
}
