package storage_test

import (
	"context"
	"slices"
	"testing"

	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestMunicipalitiesFromRollups: the dashboard filter's municipalities,
// read from the monthly roll-ups, are those of the families, of one
// region and of the country, in a national history of several regions.
func TestMunicipalitiesFromRollups(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		if _, err := demo.LoadNational(ctx, db, demo.NationalOptions{Families: 300, Years: 1, Seed: 11, Now: w.now}); err != nil {
			t.Fatal(err)
		}
		regions, err := db.Regions(ctx)
		if err != nil || len(regions) < 2 {
			t.Fatalf("regions %+v: %v", regions, err)
		}
		// The families' municipalities of a region (0: all), counted and
		// looked up one by one: together they prove the sets equal.
		const ofRegion = ` AND (CAST(? AS BIGINT) = 0 OR region_id = ?)`
		count := func(q string, args ...any) (n int) {
			t.Helper()
			if err := db.View(ctx, func(tx *storage.Tx) error { return tx.QueryRowForTest(q, args...).Scan(&n) }); err != nil {
				t.Fatal(err)
			}
			return n
		}
		for _, region := range []int64{0, regions[0].ID, regions[len(regions)-1].ID} {
			got, err := db.Municipalities(ctx, region)
			if err != nil {
				t.Fatal(err)
			}
			want := count(`SELECT COUNT(DISTINCT municipality) FROM families WHERE municipality <> ''`+ofRegion, region, region)
			if want == 0 || len(got) != want || !slices.IsSorted(got) {
				t.Errorf("region %d: municipalities %q, want the %d of the families, sorted", region, got, want)
			}
			for _, m := range got {
				if count(`SELECT COUNT(*) FROM families WHERE municipality = ?`+ofRegion, m, region, region) == 0 {
					t.Errorf("region %d: %q has no family there", region, m)
				}
			}
		}
	})
}
