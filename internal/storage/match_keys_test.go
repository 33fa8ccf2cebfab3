package storage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/matching"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestMatchingFromKeyRows: matching scores its candidates from the key rows
// alone (migration 00047), so what those rows carry must keep the answers
// of reading persons: a person of another region is never a candidate but
// still counts towards a key's cap, and a matched person's family is the
// one they belong to now, also after their case moved to another family
// (the key rows carry no family).
func TestMatchingFromKeyRows(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		region := sanne.Professional.Organisation.RegionID
		day := time.Date(2012, 5, 6, 0, 0, 0, 0, time.UTC)
		var other int64
		err := db.Update(ctx, func(tx *storage.Tx) error {
			var err error
			if other, err = tx.CreateRegion("Elders (test)"); err != nil {
				return err
			}
			for range storage.MatchKeyCap + 1 {
				if _, err := addPerson(tx, other, "Lotte", "Visser", day); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		q := matching.Person{GivenNames: "Lotte", FamilyName: "Visser", BirthDate: day}
		ms, n, capped, err := db.MatchOnly(ctx, region, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 0 || n != 0 || !capped {
			t.Errorf("another region's crowd: %d matches of %d candidates, capped %v; want none, and capped", len(ms), n, capped)
		}
		ms, n, capped, err = db.MatchOnly(ctx, other, q)
		if err != nil {
			t.Fatal(err)
		}
		if n < storage.MatchKeyCap || !capped || len(ms) == 0 || ms[0].Candidate.GivenNames != "Lotte" || !ms[0].Candidate.BirthDate.Equal(day) {
			t.Errorf("in their own region: %d matches of %d candidates, capped %v", len(ms), n, capped)
		}

		// A known child whose case moved to another family is proposed
		// with that family.
		first := baseReport()
		first.Children[0] = intake.Person{GivenNames: "Daan", FamilyName: "Mulder", BirthDate: "2014-02-03", Relation: "child"}
		r1, err := app.New(db).CreateReport(ctx, sanne, first, "")
		if err != nil {
			t.Fatal(err)
		}
		r2, err := app.New(db).CreateReport(ctx, sanne, benchReport(77, false), "")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Update(ctx, func(tx *storage.Tx) error { return tx.MoveToFamily(r1.CaseID, r2.FamilyID) }); err != nil {
			t.Fatal(err)
		}
		again := baseReport()
		again.Children[0] = intake.Person{GivenNames: "Dan", FamilyName: "Mulder", BirthDate: "2014-02-03", Relation: "child"}
		again.Adults = nil
		r3, err := app.New(db).CreateReport(ctx, sanne, again, "")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(r3.Matches, func(m schakel.Match) bool { return m.FamilyID == r2.FamilyID }) {
			t.Errorf("matches %+v: want one with family %d (the family Daan's case moved to), not %d", r3.Matches, r2.FamilyID, r1.FamilyID)
		}
	})
}

func addPerson(tx *storage.Tx, region int64, given, family string, day time.Time) (int64, error) {
	fam, err := tx.InsertFamily(region, "Rotterdam")
	if err != nil {
		return 0, err
	}
	p := matching.Person{GivenNames: given, FamilyName: family, BirthDate: day}
	return tx.InsertPerson(storage.PersonRecord{FamilyID: fam, RegionID: region, Kind: "child",
		GivenNames: given, FamilyName: family, Birth: day, Keys: matching.Keys(p)})
}
