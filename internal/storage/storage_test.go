package storage_test

import (
	"context"
	"schakel/internal/app"
	"testing"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

func TestOpenAndMigrate(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		cur, known, err := db.SchemaVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if cur != known || cur == 0 {
			t.Fatalf("schema at %d, binary knows %d", cur, known)
		}
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			rid, err := tx.CreateRegion("Testregio")
			if err != nil {
				return err
			}
			return app.CreateOrganisationIn(tx, nil, &schakel.Organisation{RegionID: rid, Name: "VT", Kind: schakel.VeiligThuis})
		}); err != nil {
			t.Fatal(err)
		}
		orgs, err := db.Organisations(ctx)
		if err != nil || len(orgs) != 1 {
			t.Fatalf("organisations = %v, %v", orgs, err)
		}
	})
}

// TestPostgresConns: serve --db-conns bounds the connections to
// PostgreSQL, a third of them (below 3 none) for audited reads without
// a transaction; SQLite keeps its one writer whatever is asked.
func TestPostgresConns(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		if db.Engine() == storage.SQLite {
			db.SetPostgresConns(6)
			if w, r := db.ConnsForTest(); w != 1 || r != 0 {
				t.Fatalf("SQLite: %d writing and %d reading connections, want its one writer", w, r)
			}
			return
		}
		check := func(n, wantWrite, wantReads int) {
			t.Helper()
			if w, r := db.ConnsForTest(); w != wantWrite || r != wantReads {
				t.Errorf("with %d connections: %d writing, %d for audited reads; want %d and %d", n, w, r, wantWrite, wantReads)
			}
		}
		for _, tc := range []struct{ n, write, reads int }{{20, 14, 6}, {6, 4, 2}, {4, 3, 1}, {3, 2, 1}, {2, 2, 0}, {1, 1, 0}} {
			db.SetPostgresConns(tc.n)
			check(tc.n, tc.write, tc.reads)
		}
		db.SetPostgresConns(0) // ignored: at least one
		check(1, 1, 0)
	})
}
