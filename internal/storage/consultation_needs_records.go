package storage

import (
	"strings"

	"schakel"
)

// AddConsultationNeeds records the needs of a consultation with their rules;
// a need already recorded keeps its first rule (a later report that asks
// for it again is told to the invitees, not recorded twice).
func (tx *Tx) AddConsultationNeeds(consultationID int64, needs []schakel.ConsultationNeed) error {
	var last int
	if tx.freshConsultations[consultationID] {
		// Planned in this transaction and without needs so far.
		delete(tx.freshConsultations, consultationID)
	} else if err := tx.queryRow(`SELECT COALESCE(MAX(position), 0) FROM consultation_needs WHERE consultation_id = ?`, consultationID).Scan(&last); err != nil {
		return err
	}
	if len(needs) == 0 {
		return nil
	}
	var args []any
	for i, n := range needs {
		args = append(args, consultationID, n.Need, last+i+1, n.Urgency, strings.Join(n.Rules, ","), n.Reason, tx.now)
	}
	_, err := tx.exec(`INSERT INTO consultation_needs (consultation_id, need, position, urgency, rules, reason, added_at) VALUES `+
		rowsOf(len(needs), 7)+` ON CONFLICT (consultation_id, need) DO NOTHING`, args...)
	return err
}

// consultationNeeds fills in the needs of the loaded consultations,
// urgent ones first, each group in the order they were recorded.
func (tx *Tx) consultationNeeds(out []schakel.Consultation, index map[int64]int, ps parents) error {
	in, args, _ := tx.childrenIn("consultation_needs.consultation_id", ps, ps.ids, "")
	rows, err := tx.query(`SELECT consultation_id, need, urgency, rules, reason FROM consultation_needs
		WHERE `+in+`
		ORDER BY consultation_id, CASE urgency WHEN 'urgent' THEN 0 ELSE 1 END, position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var n schakel.ConsultationNeed
		var rules string
		if err := rows.Scan(&cid, &n.Need, &n.Urgency, &rules, &n.Reason); err != nil {
			return err
		}
		n.Rules = splitCSV(rules)
		out[index[cid]].Needs = append(out[index[cid]].Needs, n)
	}
	return rows.Err()
}
