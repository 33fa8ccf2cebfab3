package storage_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/matching"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestMatchingCrowdOnOneBirthDate: when many known persons share a birth
// date (1 January stands in for an unknown day) and half of them a family
// name, matching reads at most storage.MatchKeyCap persons per key, says
// that it capped, and still finds the person born that day whose given
// name sounds the same, however far down the crowd they are.
func TestMatchingCrowdOnOneBirthDate(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		region := sanne.Professional.Organisation.RegionID
		day := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
		target := seedCrowd(t, db, region, day, 5*storage.MatchKeyCap/2)
		tests := []struct {
			name          string
			q             matching.Person
			found, capped bool
		}{
			{"given name typo", matching.Person{GivenNames: "Fatma", FamilyName: "Yilmaz", BirthDate: day}, true, true},
			{"diacritics", matching.Person{GivenNames: "Fatima", FamilyName: "Yılmaz", BirthDate: day}, true, true},
			{"names swapped", matching.Person{GivenNames: "Yilmaz", FamilyName: "Fatima", BirthDate: day}, true, true},
			{"family name typo", matching.Person{GivenNames: "Fatima", FamilyName: "Yilmas", BirthDate: day}, true, true},
			{"another day, nobody", matching.Person{GivenNames: "Fatima", FamilyName: "Yilmaz", BirthDate: day.AddDate(1, 4, 4)}, false, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ms, n, capped, err := db.MatchOnly(ctx, region, tt.q)
				if err != nil {
					t.Fatal(err)
				}
				found := slices.ContainsFunc(ms, func(m matching.Match) bool { return m.Candidate.ID == target })
				if found != tt.found || capped != tt.capped {
					t.Errorf("found %v capped %v, want %v and %v (%d matches)", found, capped, tt.found, tt.capped, len(ms))
				}
				if limit := len(matching.Keys(tt.q)) * storage.MatchKeyCap; n > limit {
					t.Errorf("%d candidates scored, want at most %d", n, limit)
				}
			})
		}
		// Many persons at once (more keys than one statement takes): every
		// set is what the person alone gets.
		q := matching.Person{GivenNames: "Fatma", FamilyName: "Yilmaz", BirthDate: day}
		keysets := make([][]string, 60)
		for i := range keysets {
			keysets[i] = matching.Keys(q)
		}
		err := db.Update(ctx, func(tx *storage.Tx) error {
			one, capped, err := tx.MatchCandidates(region, keysets[0])
			if err != nil {
				return err
			}
			sets, err := tx.MatchCandidatesFor(region, keysets)
			if err != nil {
				return err
			}
			for i, set := range sets {
				if !slices.Equal(set.Persons, one) || set.Capped != capped {
					t.Errorf("set %d: %d persons capped %v, alone %d capped %v", i, len(set.Persons), set.Capped, len(one), capped)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// The intake tells the reporter that matching was capped.
		r := baseReport()
		r.Children[0] = intake.Person{GivenNames: "Fatma", FamilyName: "Yilmaz", BirthDate: "2010-01-01", Relation: "child"}
		res, err := app.New(db).CreateReport(ctx, sanne, r, "")
		if err != nil {
			t.Fatal(err)
		}
		if !res.MatchingCapped || len(res.Matches) == 0 {
			t.Errorf("intake on the crowded date: capped %v, %d matches", res.MatchingCapped, len(res.Matches))
		}
		r = baseReport()
		res, err = app.New(db).CreateReport(ctx, sanne, r, "")
		if err != nil || res.MatchingCapped {
			t.Errorf("intake on an ordinary date: capped %v (%v)", res.MatchingCapped, err)
		}
	})
}

// seedCrowd stores Fatima Yilmaz born on day first, then n persons born the
// same day (half of them Yilmaz) who do not match her, and returns her id.
func seedCrowd(t *testing.T, db *storage.DB, region int64, day time.Time, n int) int64 {
	t.Helper()
	given := []string{"Ahmet", "Mehmet", "Emre", "Zeynep", "Elif", "Sanne", "Daan", "Lotte", "Noah", "Sem"}
	family := []string{"Yilmaz", "de Jong", "Bakker", "Visser", "Smit"}
	var target int64
	err := db.Update(context.Background(), func(tx *storage.Tx) error {
		add := func(g, f string) (int64, error) {
			fam, err := tx.InsertFamily(region, "Rotterdam")
			if err != nil {
				return 0, err
			}
			p := matching.Person{GivenNames: g, FamilyName: f, BirthDate: day}
			return tx.InsertPerson(storage.PersonRecord{FamilyID: fam, RegionID: region, Kind: "child",
				GivenNames: g, FamilyName: f, Birth: day, Keys: matching.Keys(p)})
		}
		var err error
		if target, err = add("Fatima", "Yilmaz"); err != nil {
			return err
		}
		for i := range n {
			f := family[0]
			if i%2 == 1 {
				f = family[1+i%4]
			}
			if _, err := add(fmt.Sprintf("%s %s", given[i%len(given)], given[(i/len(given))%len(given)]), f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return target
}
