package storage

// Moving and cancelling a planned consultation: every invited person hears
// of it in the work list and by e-mail with an update (or cancellation) of
// the same calendar event, and the change is kept with who made it and why.

import (
	"database/sql"
	"time"

	"schakel"
)

func (tx *Tx) recordChange(id int64, change string, from time.Time, toAt any, reason string, by int64) error {
	_, err := tx.exec(`INSERT INTO consultation_changes (consultation_id, kind, from_at, to_at, reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, change, from, toAt, reason, by, tx.now)
	return err
}

// CancelRecord cancels a planned consultation with a reason, kept with who
// cancelled it; the caller tells the invited people.
func (tx *Tx) CancelRecord(id int64, from time.Time, reason string, by int64) error {
	if _, err := tx.exec(`UPDATE consultations SET status = 'cancelled', sequence = sequence + 1 WHERE id = ? AND status = 'planned'`, id); err != nil {
		return err
	}
	return tx.recordChange(id, "cancelled", from, nil, reason, by)
}

// consultationChanges fills in the moves and cancellations of the
// consultations in out; only those that ever changed are asked for.
func (tx *Tx) consultationChanges(out []schakel.Consultation, index map[int64]int, ps parents) error {
	var ids []any
	for _, c := range out {
		if c.Sequence > 0 {
			ids = append(ids, c.ID)
		}
	}
	in, args, ok := tx.childrenIn("x.consultation_id", ps, ids, "c.sequence > 0")
	if !ok {
		return nil
	}
	rows, err := tx.query(`SELECT x.consultation_id, x.kind, x.from_at, x.to_at, x.reason, p.id, p.name, x.changed_at
		FROM consultation_changes x JOIN professionals p ON p.id = x.changed_by
		WHERE `+in+` ORDER BY x.consultation_id, x.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var ch schakel.ConsultationChange
		var to sql.NullTime
		if err := rows.Scan(&cid, &ch.Kind, &ch.From, &to, &ch.Reason, &ch.ChangedBy.ID, &ch.ChangedBy.Name, &ch.ChangedAt); err != nil {
			return err
		}
		ch.From, ch.To, ch.ChangedAt = ch.From.UTC(), nullTime(to), ch.ChangedAt.UTC()
		out[index[cid]].Changes = append(out[index[cid]].Changes, ch)
	}
	return rows.Err()
}
