package storage

import "schakel"

// proposedMatchFacts reads, for the proposed matches of a case's reports,
// how often each known family was reported and who to call there (the
// organisations on its other open cases, each with a contact), never what
// they know. Each is one statement that finds the families through the
// case itself, not through the matches read before it, so that a batched
// read of a case fetches them in the same round trip as the rest: one per
// match, after the matches were read, they cost a round trip each, and an
// audited read without a transaction could not take them at all
// (audited_read.go).
func (tx *Tx) proposedMatchFacts(caseID int64) (reports map[int64]int, known map[int64][]schakel.KnownAt, err error) {
	rows, err := tx.query(`SELECT m.family_id, x.id FROM family_matches m JOIN reports r ON r.id = m.report_id
		JOIN reports x ON x.family_id = m.family_id
		WHERE r.case_id = ? AND m.status = 'proposed' ORDER BY m.family_id, x.id`, caseID)
	if err != nil {
		return nil, nil, err
	}
	reports = map[int64]int{}
	counted := map[[2]int64]bool{}
	for rows.Next() {
		var k [2]int64
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if !counted[k] { // two matches with one family name its reports twice
			counted[k] = true
			reports[k[0]]++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows, err = tx.query(`SELECT m.family_id, o.id, o.name, o.kind, pr.id, pr.name, pr.phone, pr.email
		FROM family_matches m JOIN reports r ON r.id = m.report_id
		JOIN cases c ON c.family_id = m.family_id JOIN participations p ON p.case_id = c.id
		JOIN organisations o ON o.id = p.organisation_id LEFT JOIN professionals pr ON pr.id = p.contact_id
		WHERE r.case_id = ? AND m.status = 'proposed' AND c.id <> ? AND c.status = 'open' AND p.status = 'active'
		ORDER BY m.family_id, o.name, o.id, pr.id`, caseID, caseID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	known = map[int64][]schakel.KnownAt{}
	seen := map[[2]int64]bool{}
	for rows.Next() {
		var family int64
		k, err := scanKnownAt(rows, &family)
		if err != nil {
			return nil, nil, err
		}
		if seen[[2]int64{family, k.Organisation.ID}] {
			continue
		}
		seen[[2]int64{family, k.Organisation.ID}] = true
		known[family] = append(known[family], k)
	}
	return reports, known, rows.Err()
}
