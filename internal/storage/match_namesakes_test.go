package storage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"schakel/internal/matching"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestMatchingNamesakesOfOneYear: when more namesakes than
// storage.MatchKeyCap were born in the same year as someone (a common
// name), a typo in the day or the month of that person's birth date, or
// day and month swapped, still finds them, without capping: the n: keys
// hold the namesakes of one month or one day number of the year (matching
// keys version 4), not the whole year. With the keys of version 3 the
// year's key was capped and the oldest of them was not read.
func TestMatchingNamesakesOfOneYear(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		born := time.Date(2010, 5, 12, 0, 0, 0, 0, time.UTC)
		var region, target int64
		err := db.Update(ctx, func(tx *storage.Tx) error {
			var err error
			if region, err = tx.CreateRegion("Namesakes (test)"); err != nil {
				return err
			}
			if target, err = addPerson(tx, region, "Daan", "de Jong", born); err != nil {
				return err
			}
			// Namesakes born in 2010 on dates far from the target's: never in
			// May or August, never on a day before the 10th.
			months := []time.Month{1, 2, 3, 4, 6, 7, 9, 10, 11, 12}
			for i := range 5 * storage.MatchKeyCap / 2 {
				day := time.Date(2010, months[i%len(months)], 10+i/len(months)%19, 0, 0, 0, 0, time.UTC)
				if _, err := addPerson(tx, region, "Daan", "de Jong", day); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			born time.Time
		}{
			{"typo in the day", time.Date(2010, 5, 13, 0, 0, 0, 0, time.UTC)},
			{"typo in the month", time.Date(2010, 8, 12, 0, 0, 0, 0, time.UTC)},
			{"day and month swapped", time.Date(2010, 12, 5, 0, 0, 0, 0, time.UTC)},
			{"day digits transposed", time.Date(2010, 5, 21, 0, 0, 0, 0, time.UTC)},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				q := matching.Person{GivenNames: "Daan", FamilyName: "de Jong", BirthDate: tt.born}
				ms, n, capped, err := db.MatchOnly(ctx, region, q)
				if err != nil {
					t.Fatal(err)
				}
				found := slices.ContainsFunc(ms, func(m matching.Match) bool { return m.Candidate.ID == target })
				if !found || capped {
					t.Errorf("found %v capped %v, want found and not capped (%d matches of %d candidates)", found, capped, len(ms), n)
				}
			})
		}
	})
}
