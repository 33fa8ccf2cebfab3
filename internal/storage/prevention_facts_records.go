package storage

import (
	"database/sql"

	"schakel/internal/prevention"
)

// RegionReviewFacts returns every placement-prevention review of a
// region's cases as facts for the pattern report: no family, no case.
func (tx *Tx) RegionReviewFacts(regionID int64) ([]prevention.ReviewFact, error) {
	rows, err := tx.query(`SELECT r.id, r.considered_at, r.held_at, COALESCE(r.outcome, ''), o.name
		FROM placement_reviews r JOIN cases c ON c.id = r.case_id JOIN professionals p ON p.id = r.considered_by
		JOIN organisations o ON o.id = p.organisation_id WHERE c.region_id = ? ORDER BY r.id`, regionID)
	if err != nil {
		return nil, err
	}
	var out []prevention.ReviewFact
	index := map[int64]int{}
	for rows.Next() {
		var id int64
		var f prevention.ReviewFact
		var held sql.NullTime
		if err := rows.Scan(&id, &f.ConsideredAt, &held, &f.Outcome, &f.Organisation); err != nil {
			rows.Close()
			return nil, err
		}
		f.ConsideredAt, f.HeldAt = f.ConsideredAt.UTC(), nullTime(held)
		index[id] = len(out)
		out = append(out, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.query(`SELECT x.review_id, x.cause FROM placement_review_causes x JOIN placement_reviews r ON r.id = x.review_id
		JOIN cases c ON c.id = r.case_id WHERE c.region_id = ? ORDER BY x.review_id, x.cause`, regionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var cause string
		if err := rows.Scan(&id, &cause); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			out[i].Causes = append(out[i].Causes, cause)
		}
	}
	return out, rows.Err()
}
