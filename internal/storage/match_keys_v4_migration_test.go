package storage_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel/internal/chain"
	"schakel/internal/matching"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestMigrationNarrowsNameKeys brings a database to the migration before
// matching keys version 4, stores persons with the keys of version 3 (one
// n: key per name for the birth year), opens it and checks that every
// person then has exactly the keys matching.Keys gives today, with the
// scoring fields on every key row, and is found with a typo in the day.
func TestMigrationNarrowsNameKeys(t *testing.T) {
	persons := []matching.Person{
		{GivenNames: "Jan Pieter", FamilyName: "van der Berg", BirthDate: time.Date(2015, 3, 4, 0, 0, 0, 0, time.UTC), BSN: "123456782"},
		{GivenNames: "Jan", FamilyName: "Jan", BirthDate: time.Date(2015, 7, 7, 0, 0, 0, 0, time.UTC)},
		{GivenNames: "Олена", FamilyName: "Шевченко", BirthDate: time.Date(2001, 11, 27, 0, 0, 0, 0, time.UTC)},
		{BirthDate: time.Date(2001, 1, 2, 0, 0, 0, 0, time.UTC)},
		{GivenNames: "Noa", FamilyName: "Jong", BSN: "111222333"},
	}
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			dsn := e.DSN(t)
			raw := fxRaw(t, e.Name, dsn)
			if _, err := fxGoose(t, e.Name, raw).UpTo(ctx, migrationBefore(t, e.Name, "match_name_month_day_keys")); err != nil {
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
					exec(`INSERT INTO person_keys (key, person_id, region_id, bsn, given_names, family_name, birth_date) VALUES (?, ?, 1, ?, ?, ?, ?)`,
						k, i+1, bsn, p.GivenNames, p.FamilyName, birth)
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
				if p.GivenNames == "" || p.BirthDate.IsZero() {
					continue
				}
				typo := p
				typo.BirthDate = p.BirthDate.AddDate(0, 0, 1) // 04→05, 07→08, 27→28
				ms, _, _, err := db.MatchOnly(ctx, 1, typo)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.ContainsFunc(ms, func(m matching.Match) bool {
					c := m.Candidate
					return c.ID == int64(i+1) && c.GivenNames == p.GivenNames && c.FamilyName == p.FamilyName && c.BSN == p.BSN && c.BirthDate.Equal(p.BirthDate)
				}) {
					t.Errorf("person %d: not found with a typo in the day after the migration: %+v", i+1, ms)
				}
			}
		})
	}
}

// keysVersion3 are the keys matching.Keys gave at version 3: one
// n:<name key>:<YYYY> key where version 4 has n:<name key>:<YYYY>:<MM> and
// n:<name key>:<YYYY>:<DD>.
func keysVersion3(p matching.Person) []string {
	var out []string
	for _, k := range matching.Keys(p) {
		if strings.HasPrefix(k, "n:") {
			k = k[:len(k)-3]
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// personKeys are the stored keys of a person, sorted; every key row must
// carry the person's names.
func personKeys(t *testing.T, engine string, raw *sql.DB, id int64) []string {
	t.Helper()
	var given, family string
	if err := raw.QueryRow(fxRebind(engine, `SELECT given_names, family_name FROM persons WHERE id = ?`), id).Scan(&given, &family); err != nil {
		t.Fatal(err)
	}
	rows, err := raw.Query(fxRebind(engine, `SELECT key, given_names, family_name FROM person_keys WHERE person_id = ?`), id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k, g, f string
		if err := rows.Scan(&k, &g, &f); err != nil {
			t.Fatal(err)
		}
		if g != given || f != family {
			t.Errorf("person %d: key row %q carries %q %q, want %q %q", id, k, g, f, given, family)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(keys)
	return keys
}
