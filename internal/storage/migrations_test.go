package storage_test

import (
	"context"
	"database/sql"
	"os"
	"schakel/internal/app"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pressly/goose/v3"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// fxKnownVersions lists the migration versions this binary carries.
func fxKnownVersions(t *testing.T, engine string) []int64 {
	t.Helper()
	p := fxGoose(t, engine, nil)
	var vs []int64
	for _, s := range p.ListSources() {
		vs = append(vs, s.Version)
	}
	if len(vs) == 0 {
		t.Fatal("no migrations found")
	}
	return vs
}

// fxGoose returns a goose provider on the package's migration folder for
// engine, on raw (which may be nil when only the sources are needed).
func fxGoose(t *testing.T, engine string, raw *sql.DB) *goose.Provider {
	t.Helper()
	d := goose.DialectSQLite3
	if engine == storage.Postgres {
		d = goose.DialectPostgres
	}
	if raw == nil {
		var err error
		raw, err = sql.Open("sqlite", ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { raw.Close() })
	}
	p, err := goose.NewProvider(d, raw, os.DirFS("migrations/"+engine), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMigrateFreshDatabase(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			dsn := e.DSN(t)
			known := fxKnownVersions(t, e.Name)
			db, err := storage.OpenNoMigrate(ctx, dsn, chain.Rules{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			cur, newest, err := db.SchemaVersions(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if cur != 0 || newest != slices.Max(known) {
				t.Fatalf("fresh database at %d, binary knows %d; want 0 and %d", cur, newest, slices.Max(known))
			}
			applied, err := db.Migrate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(applied, known) {
				t.Fatalf("applied %v, want every migration %v", applied, known)
			}
			if cur, _, _ := db.SchemaVersions(ctx); cur != slices.Max(known) {
				t.Fatalf("after migrating at %d, want %d", cur, slices.Max(known))
			}
			// A second run does nothing.
			applied, err = db.Migrate(ctx)
			if err != nil || len(applied) != 0 {
				t.Fatalf("second migration applied %v, %v", applied, err)
			}
			if err := db.Update(ctx, func(tx *storage.Tx) error { _, err := tx.CreateRegion("Blijft"); return err }); err != nil {
				t.Fatal(err)
			}
			db.Close()

			// Re-opening migrates nothing and keeps the data.
			db2, err := storage.Open(ctx, dsn, chain.Rules{})
			if err != nil {
				t.Fatal(err)
			}
			defer db2.Close()
			if applied, err := db2.Migrate(ctx); err != nil || len(applied) != 0 {
				t.Fatalf("migration after re-opening applied %v, %v", applied, err)
			}
			regions, err := db2.Regions(ctx)
			if err != nil || len(regions) != 1 || regions[0].Name != "Blijft" {
				t.Fatalf("regions after re-opening: %v, %v", regions, err)
			}
		})
	}
}

// TestMigrateUpgradesOlderDatabase brings a database to the first
// migration only, as an older schakel left it, and opens it.
func TestMigrateUpgradesOlderDatabase(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			known := fxKnownVersions(t, e.Name)
			if len(known) < 2 {
				t.Skip("only one migration: there is no older schema level to upgrade from")
			}
			ctx := context.Background()
			dsn := e.DSN(t)
			raw := fxRaw(t, e.Name, dsn)
			if _, err := fxGoose(t, e.Name, raw).UpTo(ctx, known[0]); err != nil {
				t.Fatal(err)
			}
			db, err := storage.Open(ctx, dsn, chain.Rules{})
			if err != nil {
				t.Fatalf("opening a database at version %d: %v", known[0], err)
			}
			defer db.Close()
			if cur, newest, err := db.SchemaVersions(ctx); err != nil || cur != newest {
				t.Fatalf("after opening at %d, binary knows %d (%v)", cur, newest, err)
			}
			fxCount(t, db)
		})
	}
}

// TestMigrateRefusesNewerDatabase checks that a database written by a newer
// schakel is refused, with both versions in the message, and left alone.
func TestMigrateRefusesNewerDatabase(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		ctx := context.Background()
		if err := env.db.Update(ctx, func(tx *storage.Tx) error {
			rid, err := tx.CreateRegion("Bestaand")
			if err != nil {
				return err
			}
			return app.CreateOrganisationIn(tx, nil, &schakel.Organisation{RegionID: rid, Name: "VT", Kind: schakel.VeiligThuis})
		}); err != nil {
			t.Fatal(err)
		}
		_, known, err := env.db.SchemaVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		env.db.Close()
		const future = 99999
		fxRawExec(t, env, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (?, TRUE)`, future)

		for _, open := range []struct {
			name string
			fn   func() (*storage.DB, error)
		}{
			{"Open", func() (*storage.DB, error) { return storage.Open(ctx, env.dsn, chain.Rules{}) }},
			{"Migrate", func() (*storage.DB, error) {
				db, err := storage.OpenNoMigrate(ctx, env.dsn, chain.Rules{})
				if err != nil {
					return nil, err
				}
				if _, err := db.Migrate(ctx); err != nil {
					db.Close()
					return nil, err
				}
				return db, nil
			}},
		} {
			t.Run(open.name, func(t *testing.T) {
				db, err := open.fn()
				if err == nil {
					db.Close()
					t.Fatal("a database from a newer schakel was accepted")
				}
				msg := err.Error()
				for _, want := range []string{"99999", strconv.FormatInt(known, 10), "newer"} {
					if !strings.Contains(msg, want) {
						t.Fatalf("message %q does not mention %q", msg, want)
					}
				}
			})
		}
		// The database was not touched.
		db, err := storage.OpenNoMigrate(ctx, env.dsn, chain.Rules{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		cur, _, err := db.SchemaVersions(ctx)
		if err != nil || cur != future {
			t.Fatalf("schema version %d (%v), want %d", cur, err, future)
		}
		if orgs, err := db.Organisations(ctx); err != nil || len(orgs) != 1 {
			t.Fatalf("organisations %v, %v", orgs, err)
		}
	})
}

// TestMigrateConcurrentStarts opens one fresh database from several
// servers at once, as when several `schakel serve` start side by side on
// PostgreSQL: each must come up, and the migrations must run once. (Several
// servers on one SQLite file are not supported: it has one writer.)
func TestMigrateConcurrentStarts(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			if e.Name != storage.Postgres {
				t.Skip("several servers share PostgreSQL, not an SQLite file")
			}
			ctx := context.Background()
			dsn := e.DSN(t)
			const servers = 4
			errs := make(chan error, servers)
			var wg sync.WaitGroup
			for range servers {
				wg.Go(func() {
					db, err := storage.Open(ctx, dsn, chain.Rules{})
					if err == nil {
						db.Close()
					}
					errs <- err
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Errorf("concurrent start: %v", err)
				}
			}
			raw := fxRaw(t, e.Name, dsn)
			var applied, distinct int
			if err := raw.QueryRow(`SELECT COUNT(*), COUNT(DISTINCT version_id) FROM goose_db_version WHERE version_id > 0`).Scan(&applied, &distinct); err != nil {
				t.Fatal(err)
			}
			if known := len(fxKnownVersions(t, e.Name)); applied != known || distinct != known {
				t.Fatalf("%d migrations recorded (%d distinct), want each of the %d once", applied, distinct, known)
			}
		})
	}
}
