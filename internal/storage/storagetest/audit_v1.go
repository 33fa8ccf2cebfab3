package storagetest

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/pressly/goose/v3"

	"schakel/internal/audit"
	"schakel/internal/storage"
)

// principalsMigration is the migration that added audit format versions;
// the fixture trail was written by the schema before it.
const principalsMigration = 9

// AuditV1 is the audit trail in storage/testdata/audit_trail_v1.json: 75
// entries written by Schakel before audit format version 2 (demo region and
// families, command-line tokens, a failed login, a refusal).
type AuditV1 struct {
	Entries []audit.Entry `json:"entries"`
	Head    audit.Anchor  `json:"head"`
}

// LoadAuditV1 reads the fixture trail.
func LoadAuditV1(t testing.TB) AuditV1 {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(storageDir(t), "testdata", "audit_trail_v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f AuditV1
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// DatabaseWithTrail returns the DSN of a new database on engine e at the
// schema level before audit format versions, holding the trail as rows of
// that schema, with its head. It is not opened: storage.Open upgrades it
// the way a production database is upgraded.
func DatabaseWithTrail(t testing.TB, e Engine, trail AuditV1) string {
	t.Helper()
	ctx := context.Background()
	dsn := e.DSN(t)
	driver, d, rawDSN := "sqlite", goose.DialectSQLite3, "file:"+dsn+"?_time_format=sqlite"
	if e.Name == storage.Postgres {
		driver, d, rawDSN = "pgx", goose.DialectPostgres, dsn
	}
	raw, err := sql.Open(driver, rawDSN)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	p, err := goose.NewProvider(d, raw, os.DirFS(filepath.Join(storageDir(t), "migrations", e.Name)), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	var before int64
	for _, s := range p.ListSources() {
		if s.Version < principalsMigration {
			before = max(before, s.Version)
		}
	}
	if _, err := p.UpTo(ctx, before); err != nil {
		t.Fatal(err)
	}
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) {
		t.Helper()
		if e.Name == storage.Postgres {
			for i := 1; strings.Contains(q, "?"); i++ {
				q = strings.Replace(q, "?", "$"+strconv.Itoa(i), 1)
			}
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	null := func(v int64) sql.NullInt64 { return sql.NullInt64{Int64: v, Valid: v != 0} }
	for _, a := range trail.Entries {
		exec(`INSERT INTO audit_log (seq, at, event, outcome, user_id, user_name, on_behalf_of,
			organisation_id, role, access_basis, emergency, emergency_reason, client_addr, workstation,
			resource_type, resource_id, persons, detail, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.Seq, a.At, a.Event, a.Outcome, null(a.UserID), a.UserName, a.OnBehalfOf,
			null(a.OrganisationID), a.Role, a.AccessBasis, a.Emergency, a.EmergencyReason, a.ClientAddr, a.Workstation,
			a.ResourceType, a.ResourceID, audit.PersonsText(a.Persons), a.Detail, a.PrevHash, a.Hash)
		for _, pid := range a.Persons {
			exec(`INSERT INTO audit_persons (person_id, seq) VALUES (?, ?)`, pid, a.Seq)
		}
	}
	exec(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, trail.Head.Seq, trail.Head.Hash)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return dsn
}

// storageDir is the directory of package storage, found from this file.
func storageDir(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the storage package")
	}
	return filepath.Dir(filepath.Dir(file))
}
