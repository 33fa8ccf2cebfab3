package storage

import (
	"strings"
	"time"

	"schakel"
)

// LibraryEntry is one review in the network's case library, as every
// member of the region reads it: no case, no review, no names.
type LibraryEntry struct {
	ID                int64     `json:"id"`
	Month             string    `json:"month"` // YYYY-MM
	Outcome           string    `json:"outcome"`
	ChosenAlternative string    `json:"chosen_alternative"`
	Causes            []string  `json:"causes"`
	Summary           string    `json:"summary"`
	Lessons           string    `json:"lessons"`
	SharedAt          time.Time `json:"shared_at"`
}

// InsertLibraryEntry shares a review into its region's library, once.
func (tx *Tx) InsertLibraryEntry(reviewID, regionID, by int64, e LibraryEntry) (int64, error) {
	id, err := tx.insert(`INSERT INTO review_library (review_id, region_id, shared_by, shared_at, month, outcome, chosen_alternative, causes, summary, lessons)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, reviewID, regionID, by, tx.now, e.Month, e.Outcome, e.ChosenAlternative,
		strings.Join(e.Causes, ","), strings.TrimSpace(e.Summary), strings.TrimSpace(e.Lessons))
	if isUniqueViolation(err) {
		return 0, schakel.Errorf(schakel.ECONFLICT, "Deze plaatsingstafel staat al in de bibliotheek.")
	}
	return id, err
}

// Library lists a region's library, newest month first.
func (tx *Tx) Library(regionID int64) ([]LibraryEntry, error) {
	out := []LibraryEntry{}
	err := tx.eachRow(`SELECT id, month, outcome, chosen_alternative, causes, summary, lessons, shared_at
		FROM review_library WHERE region_id = ? ORDER BY month DESC, id DESC`, []any{regionID}, func(row rowScanner) error {
		var e LibraryEntry
		var causes string
		if err := row.Scan(&e.ID, &e.Month, &e.Outcome, &e.ChosenAlternative, &causes, &e.Summary, &e.Lessons, &e.SharedAt); err != nil {
			return err
		}
		e.Causes, e.SharedAt = splitCSV(causes), e.SharedAt.UTC()
		if e.Causes == nil {
			e.Causes = []string{}
		}
		out = append(out, e)
		return nil
	})
	return out, err
}
