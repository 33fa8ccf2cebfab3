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
// PostgreSQL; SQLite keeps its one writer whatever is asked.
func TestPostgresConns(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		want := storage.DefaultPostgresConns
		if db.Engine() == storage.SQLite {
			want = 1
		}
		if got := db.WriteStats().MaxOpenConnections; got != want {
			t.Fatalf("at first %d connections, want %d", got, want)
		}
		db.SetPostgresConns(6)
		if db.Engine() == storage.Postgres {
			want = 6
		}
		if got := db.WriteStats().MaxOpenConnections; got != want {
			t.Fatalf("after SetPostgresConns(6) %d connections, want %d", got, want)
		}
		db.SetPostgresConns(0) // ignored: at least one
		if got := db.WriteStats().MaxOpenConnections; got != want {
			t.Fatalf("after SetPostgresConns(0) %d connections, want %d", got, want)
		}
	})
}
