package storage

import (
	"database/sql"

	"schakel/internal/prevention"
)

// RegionReviewFacts returns every placement-prevention review of a
// region's cases as facts for the pattern report, with their causes and
// follow-up checks: no family, no case.
func (tx *Tx) RegionReviewFacts(regionID int64) ([]prevention.ReviewFact, error) {
	var out []prevention.ReviewFact
	index := map[int64]int{}
	err := tx.eachRow(`SELECT r.id, r.considered_at, r.held_at, COALESCE(r.outcome, ''), o.name, o.id
		FROM placement_reviews r JOIN cases c ON c.id = r.case_id JOIN professionals p ON p.id = r.considered_by
		JOIN organisations o ON o.id = p.organisation_id WHERE c.region_id = ? ORDER BY r.id`, []any{regionID}, func(row rowScanner) error {
		var id int64
		var f prevention.ReviewFact
		var held sql.NullTime
		if err := row.Scan(&id, &f.ConsideredAt, &held, &f.Outcome, &f.Organisation, &f.OrganisationID); err != nil {
			return err
		}
		f.ConsideredAt, f.HeldAt = f.ConsideredAt.UTC(), nullTime(held)
		index[id] = len(out)
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = tx.eachRow(`SELECT x.review_id, x.cause FROM placement_review_causes x JOIN placement_reviews r ON r.id = x.review_id
		JOIN cases c ON c.id = r.case_id WHERE c.region_id = ? ORDER BY x.review_id, x.cause`, []any{regionID}, func(row rowScanner) error {
		var id int64
		var cause string
		if err := row.Scan(&id, &cause); err != nil {
			return err
		}
		if i, ok := index[id]; ok {
			out[i].Causes = append(out[i].Causes, cause)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = tx.eachRow(`SELECT x.review_id, x.months, x.stayed_home, x.alternative_held, x.placed_after_all, x.new_reports
		FROM placement_review_checks x JOIN placement_reviews r ON r.id = x.review_id
		JOIN cases c ON c.id = r.case_id WHERE c.region_id = ? ORDER BY x.review_id, x.months`, []any{regionID}, func(row rowScanner) error {
		var id int64
		var k prevention.CheckFact
		if err := row.Scan(&id, &k.Months, &k.StayedHome, &k.AlternativeHeld, &k.PlacedAfterAll, &k.NewReports); err != nil {
			return err
		}
		if i, ok := index[id]; ok {
			out[i].Checks = append(out[i].Checks, k)
		}
		return nil
	})
	return out, err
}
