// Package storagetest opens throw-away databases for tests: always an
// SQLite file, and a fresh PostgreSQL schema when SCHAKEL_TEST_POSTGRES
// holds a DSN, so that the same test runs on both engines.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"schakel/internal/chain"
	"schakel/internal/storage"
)

// Engine is one database engine a test can run on.
type Engine struct {
	Name string
	// DSN returns the DSN of a new, empty database on this engine.
	DSN func(t testing.TB) string
}

// Engines returns SQLite and, when configured, PostgreSQL. With
// SCHAKEL_TEST_ONLY_POSTGRES=1 as well it returns PostgreSQL alone: CI
// runs the suite on SQLite first and then, under the race detector, on
// PostgreSQL, where running the SQLite half again would only repeat it at
// a tenth of the speed (the race detector instruments modernc.org/sqlite).
func Engines() []Engine {
	pg := os.Getenv("SCHAKEL_TEST_POSTGRES") != ""
	if pg && os.Getenv("SCHAKEL_TEST_ONLY_POSTGRES") == "1" {
		return []Engine{{Name: storage.Postgres, DSN: postgresDSN}}
	}
	es := []Engine{SQLite()}
	if pg {
		es = append(es, Engine{Name: storage.Postgres, DSN: postgresDSN})
	}
	return es
}

// SQLite returns the SQLite engine, always available, for a test that
// needs that engine itself (its file settings, or a comparison with
// PostgreSQL).
func SQLite() Engine { return Engine{Name: storage.SQLite, DSN: sqliteDSN} }

// Each runs fn once per engine as a subtest with a fresh, migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *storage.DB)) {
	t.Helper()
	for _, e := range Engines() {
		t.Run(e.Name, func(t *testing.T) {
			fn(t, Open(t, e))
		})
	}
}

// Open returns a fresh, migrated database on engine e, closed when the test ends.
func Open(t testing.TB, e Engine) *storage.DB {
	t.Helper()
	return OpenWith(t, e, chain.Rules{})
}

// OpenWith is Open with other phase rules than the chain's own, for a test
// that shows storage derives case_phases through the rules it is given.
func OpenWith(t testing.TB, e Engine, rules storage.PhaseRules) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), e.DSN(t), rules)
	if err != nil {
		t.Fatalf("open %s: %v", e.Name, err)
	}
	t.Cleanup(func() {
		// A read of a case that ran again as a transaction left an audit
		// entry for rows nobody received (storage.ReadAudited): the reads
		// of every test must fit in one pass.
		if _, reruns := db.AuditedReadStats(); reruns > 0 {
			t.Errorf("%d audited reads ran again as transactions, each leaving an entry for a read nobody received", reruns)
		}
		db.Close()
	})
	return db
}

func sqliteDSN(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "schakel.db")
}

// postgresDSN creates a schema of its own and points search_path at it, so
// that tests can run in parallel in one database without seeing each other.
func postgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv("SCHAKEL_TEST_POSTGRES")
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("a random schema name: %v", err)
	}
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Logf("drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("SCHAKEL_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
