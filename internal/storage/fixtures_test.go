package storage_test

// Fixtures shared by the storage tests. Names start with fx so that they do
// not clash with helpers of other test files in this package.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"schakel/internal/app"
	"strings"
	"sync/atomic"
	"testing"

	_ "modernc.org/sqlite" // the raw "sqlite" driver for tampering tests

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// fxEnv is a fresh database with a raw connection to the same data, for
// tests that must go around the storage package (tampering, fake schema
// versions).
type fxEnv struct {
	engine string
	dsn    string
	db     *storage.DB
	raw    *sql.DB
}

// fxEachRaw runs fn once per engine, like storagetest.Each, and also hands
// over a raw database/sql connection on the same database.
func fxEachRaw(t *testing.T, fn func(t *testing.T, env fxEnv)) {
	t.Helper()
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			dsn := e.DSN(t)
			db, err := storage.Open(context.Background(), dsn, chain.Rules{})
			if err != nil {
				t.Fatalf("open %s: %v", e.Name, err)
			}
			t.Cleanup(func() { db.Close() })
			fn(t, fxEnv{engine: e.Name, dsn: dsn, db: db, raw: fxRaw(t, e.Name, dsn)})
		})
	}
}

// fxRaw opens a plain database/sql connection on dsn: the modernc "sqlite"
// driver on the same file, or pgx with the test's search_path.
func fxRaw(t *testing.T, engine, dsn string) *sql.DB {
	t.Helper()
	var raw *sql.DB
	var err error
	if engine == storage.Postgres {
		raw, err = sql.Open("pgx", dsn)
	} else {
		raw, err = sql.Open("sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)&_time_format=sqlite")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	if err := raw.Ping(); err != nil {
		t.Fatal(err)
	}
	return raw
}

// fxRawExec runs a statement with '?' placeholders on the raw connection.
func fxRawExec(t *testing.T, env fxEnv, q string, args ...any) {
	t.Helper()
	if _, err := env.raw.Exec(fxRebind(env.engine, q), args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func fxRebind(engine, q string) string {
	if engine != storage.Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

var fxSeq atomic.Int64

// fxOrg adds an organisation of kind k (in a test region) and returns it.
func fxOrg(t *testing.T, db *storage.DB, k schakel.OrganisationKind) schakel.Organisation {
	t.Helper()
	o := schakel.Organisation{Name: fmt.Sprintf("%s %d", k.Dutch(), fxSeq.Add(1)), Kind: k}
	err := db.Update(context.Background(), func(tx *storage.Tx) error {
		rid, err := tx.CreateRegion("Testregio")
		if err != nil {
			return err
		}
		o.RegionID = rid
		return app.CreateOrganisationIn(tx, nil, &o)
	})
	if err != nil {
		t.Fatalf("create organisation: %v", err)
	}
	return o
}

// fxPro adds a professional of org with roles and returns it as stored.
func fxPro(t *testing.T, db *storage.DB, org schakel.Organisation, roles ...schakel.Role) schakel.Professional {
	t.Helper()
	n := fxSeq.Add(1)
	in := schakel.ProfessionalInput{OrganisationID: org.ID, Email: fmt.Sprintf("p%d@schakel.test", n),
		Name: fmt.Sprintf("Medewerker %d", n), Team: "Team", Roles: roles, PasswordHash: "x"}
	var id int64
	err := db.Update(context.Background(), func(tx *storage.Tx) error {
		var err error
		id, err = app.CreateProfessionalIn(tx, nil, in)
		return err
	})
	if err != nil {
		t.Fatalf("create professional: %v", err)
	}
	p, err := db.Professional(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fxActor is p acting from a browser.
func fxActor(p schakel.Professional) *schakel.Actor {
	return &schakel.Actor{Professional: &p, ClientAddr: "192.0.2.10", Workstation: "testbrowser"}
}

// fxCount seals the audit trail and returns its number of entries,
// verifying the chain.
func fxCount(t *testing.T, db *storage.DB) int64 {
	t.Helper()
	fxSeal(t, db)
	n, err := db.VerifyAudit(context.Background())
	if err != nil {
		t.Fatalf("verify audit: %v", err)
	}
	return n
}

// fxSeal chains every audit entry written so far, as serve's sealer does
// within a second.
func fxSeal(t *testing.T, db *storage.DB) storage.SealResult {
	t.Helper()
	res, err := db.SealAudit(context.Background())
	if err != nil {
		t.Fatalf("seal audit: %v", err)
	}
	return res
}

// fxTrail returns the audit entries of org, newest first, as its privacy
// officer sees them. Looking adds one entry, after the ones returned.
func fxTrail(t *testing.T, db *storage.DB, po schakel.Professional, f storage.AuditFilter) []audit.Entry {
	t.Helper()
	if f.OrganisationID == 0 {
		f.OrganisationID = po.Organisation.ID
	}
	es, err := app.New(db).ListAudit(context.Background(), fxActor(po), f)
	if err != nil {
		t.Fatalf("list audit: %v", err)
	}
	return es
}

// fxWantCode fails unless err is a *schakel.Error with code.
func fxWantCode(t *testing.T, err error, code string) *schakel.Error {
	t.Helper()
	var se *schakel.Error
	if !errors.As(err, &se) {
		t.Fatalf("error %v (%T), want a *schakel.Error with code %q", err, err, code)
	}
	if se.Code != code {
		t.Fatalf("error code %q (%v), want %q", se.Code, err, code)
	}
	return se
}

// fxWantField fails unless err names field among its field errors.
func fxWantField(t *testing.T, err error, field string) {
	t.Helper()
	var names []string
	for _, f := range schakel.FieldErrors(err) {
		if f.Field == field {
			if f.Message == "" || f.Code == "" {
				t.Fatalf("field error %+v lacks a code or message", f)
			}
			return
		}
		names = append(names, f.Field)
	}
	t.Fatalf("error %v names fields %v, want %q", err, names, field)
}
