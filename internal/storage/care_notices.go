package storage

import "strings"

// NotifyOrganisationCare puts a request in the work list of an
// organisation's professionals who take requests (care coordinators and
// team leads), naming no family.
func (tx *Tx) NotifyOrganisationCare(orgID int64, text string) error {
	return tx.NotifyOrganisationsCare([]int64{orgID}, text)
}

// NotifyOrganisationsCare is NotifyOrganisationCare for many organisations
// with one text, in two statements per chunk of organisations whatever
// their number.
func (tx *Tx) NotifyOrganisationsCare(orgIDs []int64, text string) error {
	for _, part := range chunks(orgIDs, careChunk) {
		args := make([]any, len(part))
		for i, o := range part {
			args[i] = o
		}
		ids, err := tx.queryIDs(`SELECT DISTINCT p.id FROM professionals p JOIN professional_roles r ON r.professional_id = p.id
			WHERE p.organisation_id IN (`+placeholders(len(part))+`) AND p.active = TRUE AND r.role IN ('care_coordinator', 'team_lead') ORDER BY p.id`, args...)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			continue
		}
		rows := make([]any, 0, 6*len(ids))
		for _, id := range ids {
			rows = append(rows, id, "care_request", nil, nil, text, tx.now)
		}
		if _, err := tx.exec(`INSERT INTO notifications (professional_id, kind, case_id, consultation_id, text, created_at) VALUES `+
			repeatRow("(?, ?, ?, ?, ?, ?)", len(ids)), rows...); err != nil {
			return err
		}
	}
	return nil
}

// careChunk bounds the rows of one statement (SQLite allows 32,766
// parameters).
const careChunk = 500

// chunks splits ids into parts of at most n.
func chunks(ids []int64, n int) [][]int64 {
	var out [][]int64
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

// repeatRow is n copies of a VALUES row, comma-separated.
func repeatRow(row string, n int) string {
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}
