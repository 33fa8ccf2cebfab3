package storage_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel/internal/chain"
	"schakel/internal/matching"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestMigrationAddsExactDateKeys brings a database to the migration before
// the e: matching keys, stores persons with the keys of version 2 (as an
// older schakel did), opens it and checks that every person then has
// exactly the keys matching.Keys gives today (00056 narrows the n: keys of
// version 3 after 00039).
func TestMigrationAddsExactDateKeys(t *testing.T) {
	persons := []matching.Person{
		{GivenNames: "Jan Pieter", FamilyName: "van der Berg", BirthDate: time.Date(2015, 3, 4, 0, 0, 0, 0, time.UTC), BSN: "123456782"},
		{GivenNames: "Jan", FamilyName: "Jan", BirthDate: time.Date(2015, 3, 4, 0, 0, 0, 0, time.UTC)},
		{GivenNames: "Олена", FamilyName: "Шевченко", BirthDate: time.Date(2001, 1, 2, 0, 0, 0, 0, time.UTC)},
		{BirthDate: time.Date(2001, 1, 2, 0, 0, 0, 0, time.UTC)},
		{GivenNames: "Noa", FamilyName: "Jong", BSN: "111222333"},
	}
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			dsn := e.DSN(t)
			raw := fxRaw(t, e.Name, dsn)
			if _, err := fxGoose(t, e.Name, raw).UpTo(ctx, migrationBefore(t, e.Name, "match_exact_date_keys")); err != nil {
				t.Fatal(err)
			}
			exec := func(q string, args ...any) {
				t.Helper()
				if _, err := raw.Exec(fxRebind(e.Name, q), args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			now := time.Now().UTC()
			exec(`INSERT INTO regions (id, name) VALUES (1, 'Oud')`)
			exec(`INSERT INTO families (id, region_id, municipality, created_at) VALUES (1, 1, 'Rotterdam', ?)`, now)
			for i, p := range persons {
				var birth, bsn any
				if !p.BirthDate.IsZero() {
					birth = p.BirthDate
				}
				if p.BSN != "" {
					bsn = p.BSN
				}
				exec(`INSERT INTO persons (id, family_id, region_id, kind, given_names, family_name, birth_date, bsn, created_at) VALUES (?, 1, 1, 'child', ?, ?, ?, ?, ?)`,
					i+1, p.GivenNames, p.FamilyName, birth, bsn, now)
				for _, k := range keysVersion3(p) {
					if !strings.HasPrefix(k, "e:") { // version 2 had no e: keys
						exec(`INSERT INTO person_keys (key, person_id) VALUES (?, ?)`, k, i+1)
					}
				}
			}
			db, err := storage.Open(ctx, dsn, chain.Rules{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for i, p := range persons {
				got := personKeys(t, e.Name, raw, int64(i+1))
				want := matching.Keys(p)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("person %d: keys after the migration %q, want %q", i+1, got, want)
				}
				// The key rows carry the scoring fields since 00047: the
				// person is found and scored from them alone (one with a
				// birth date but no name matches no one).
				if p.GivenNames == "" {
					continue
				}
				ms, _, _, err := db.MatchOnly(ctx, 1, p)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.ContainsFunc(ms, func(m matching.Match) bool {
					c := m.Candidate
					return c.ID == int64(i+1) && c.GivenNames == p.GivenNames && c.FamilyName == p.FamilyName && c.BSN == p.BSN && c.BirthDate.Equal(p.BirthDate)
				}) {
					t.Errorf("person %d: not found with the same fields after the migration: %+v", i+1, ms)
				}
			}
		})
	}
}

// migrationBefore is the version of the migration just before the one whose
// file name ends in name.
func migrationBefore(t *testing.T, engine, name string) int64 {
	t.Helper()
	entries, err := os.ReadDir("migrations/" + engine)
	if err != nil {
		t.Fatal(err)
	}
	known := fxKnownVersions(t, engine)
	for i, en := range entries {
		if strings.HasSuffix(en.Name(), "_"+name+".sql") && i > 0 {
			return known[i-1]
		}
	}
	t.Fatalf("no migration %q", name)
	return 0
}
