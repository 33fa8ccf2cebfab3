package storage

// Consultations of every kind: the agenda as read and the consultation
// page's audited read. The commands run in
// internal/app (consultation_*.go); their records are in
// consultation_records.go.

import (
	"database/sql"

	"schakel"
)

// agendas fills in the agenda of the consultations in out (one query).
func (tx *Tx) agendas(out []schakel.Consultation, index map[int64]int, ps parents) error {
	in, args, _ := tx.childrenIn("a.consultation_id", ps, ps.ids, "")
	rows, err := tx.query(`SELECT a.consultation_id, a.id, a.position, a.text, p.id, p.name, a.created_at FROM consultation_agenda a
		LEFT JOIN professionals p ON p.id = a.added_by WHERE `+in+` ORDER BY a.consultation_id, a.position, a.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var a schakel.AgendaItem
		var pid sql.NullInt64
		var pname sql.NullString
		if err := rows.Scan(&cid, &a.ID, &a.Position, &a.Text, &pid, &pname, &a.CreatedAt); err != nil {
			return err
		}
		a.AddedBy = contactOf(pid, pname, sql.NullString{}, sql.NullString{})
		a.CreatedAt = a.CreatedAt.UTC()
		out[index[cid]].Agenda = append(out[index[cid]].Agenda, a)
	}
	return rows.Err()
}
