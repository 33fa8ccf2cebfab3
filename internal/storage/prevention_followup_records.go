package storage

import (
	"strings"
	"time"

	"schakel"
	"schakel/internal/prevention"
)

// ReviewCheck is a recorded follow-up check of a review.
type ReviewCheck struct {
	Months          int       `json:"months"`
	CheckedAt       time.Time `json:"checked_at"`
	StayedHome      bool      `json:"stayed_home"`
	AlternativeHeld bool      `json:"alternative_held"`
	PlacedAfterAll  bool      `json:"placed_after_all"`
	NewReports      int       `json:"new_reports"`
	Note            string    `json:"note"`
}

// InsertReviewCheck records a check; a second check for the same month
// is a conflict.
func (tx *Tx) InsertReviewCheck(reviewID, by int64, c prevention.Check, newReports int) error {
	_, err := tx.exec(`INSERT INTO placement_review_checks (review_id, months, checked_at, checked_by, stayed_home, alternative_held,
		placed_after_all, new_reports, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		reviewID, c.Months, tx.now, by, c.StayedHome, c.AlternativeHeld, c.PlacedAfterAll, newReports, strings.TrimSpace(c.Note))
	if isUniqueViolation(err) {
		return schakel.Errorf(schakel.ECONFLICT, "De controle na %d maanden is al ingevuld.", c.Months)
	}
	return err
}

// ReviewChecks lists a review's checks, 3 months first.
func (tx *Tx) ReviewChecks(reviewID int64) ([]ReviewCheck, error) {
	out := []ReviewCheck{}
	err := tx.eachRow(`SELECT months, checked_at, stayed_home, alternative_held, placed_after_all, new_reports, note
		FROM placement_review_checks WHERE review_id = ? ORDER BY months`, []any{reviewID}, func(row rowScanner) error {
		var c ReviewCheck
		if err := row.Scan(&c.Months, &c.CheckedAt, &c.StayedHome, &c.AlternativeHeld, &c.PlacedAfterAll, &c.NewReports, &c.Note); err != nil {
			return err
		}
		c.CheckedAt = c.CheckedAt.UTC()
		out = append(out, c)
		return nil
	})
	return out, err
}

// ReportsSince counts the reports on a case received after t: the repeat
// reports a check asks about.
func (tx *Tx) ReportsSince(caseID int64, t time.Time) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM reports WHERE case_id = ? AND received_at > ?`, caseID, t.UTC()).Scan(&n)
	return n, err
}
