package storage_test

import (
	"context"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/bsn"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// smallTables do not grow with the region's families and cases: settings
// (among them the few cohorts a region compares), the organisations
// themselves and what each care provider says it offers (one row per
// provider). A full scan of any other table makes an intake slower the
// longer the region works with Schakel.
var smallTables = []string{"regions", "organisations", "chain_norms", "caseload_weights", "caseload_norms", "chain_secret",
	"identity_providers", "identity_provider_domains", "review_library", "cohorts", "audit_head", "goose_db_version", "care_profiles"}

var (
	sqliteScan   = regexp.MustCompile(`^SCAN ([a-z_]+)( |$)`)
	postgresScan = regexp.MustCompile(`Seq Scan on (\w+)`)
)

// TestIntakePlans files the intake's kinds of report (green and red, on a
// new family, on a known one found by fuzzy matching and by BSN) on every
// engine, explains every statement they issued and fails on a full scan of
// a table that grows with the region. It counts the statements of each
// report against a budget.
func TestIntakePlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		actor := demoWorld(t, db)
		type stmt struct {
			q    string
			args []any
		}
		var seen []stmt
		var count int
		record := func(q string, args []any) {
			count++
			if !slices.ContainsFunc(seen, func(s stmt) bool { return s.q == q }) {
				seen = append(seen, stmt{q, args})
			}
		}
		db.RecordStatements(record)
		defer db.RecordStatements(nil)
		withBSN := func(r intake.Report, n string) intake.Report { r.Children[0].BSN = n; return r }
		number := bsn.Generate(rand.New(rand.NewPCG(11, 12)))
		// most is the statement budget of each report on SQLite and on
		// PostgreSQL (issue 11: round trips are the intake's cost).
		// PostgreSQL adds the statement that locks the matching keys; it
		// writes a new family with its case and participation in one
		// statement, a rating that raises the case's colour with the new
		// colour in one, the events Schakel records itself together
		// (chain_events_kept.go), and what a transaction keeps for its
		// commit (phase runs, roll-ups, audit entries, waiting events) in
		// one more. A
		// case's facts and colour are read at most once per transaction
		// (none on a family the report registers), and a new family's
		// history, signals, crisis table and phase runs are not read, nor
		// the events of a case the report opens (its phases are derived
		// from the events the transaction kept).
		// noLawyers leaves the region without an active lawyer, so that a
		// red report's table misses one and the core organisations' team
		// leads are alerted (in one set of statements for all three).
		noLawyers := func() {
			for _, email := range []string{demo.Email("Ruud", "vt"), demo.Email("Ilse", "jb"), demo.Email("Hans", "raad"), demo.Email("Gerard", "rb")} {
				p, err := db.ProfessionalByEmail(ctx, email)
				if err != nil {
					t.Fatal(err)
				}
				if err := db.Update(ctx, func(tx *storage.Tx) error { return tx.SaveProfessionalActive(p.ID, false) }); err != nil {
					t.Fatal(err)
				}
			}
		}
		reports := []struct {
			name   string
			in     intake.Report
			most   [2]int // SQLite, PostgreSQL
			before func()
		}{
			{"green, new family", benchReport(1001, false), [2]int{18, 10}, nil},
			{"red, new family", benchReport(1002, true), [2]int{33, 22}, nil},
			{"green, known family (fuzzy)", benchReport(1001, false), [2]int{35, 25}, nil},
			{"red, known family (fuzzy)", benchReport(1002, true), [2]int{51, 38}, nil},
			{"green with BSN, new family", withBSN(benchReport(1003, false), number), [2]int{18, 10}, nil},
			{"red with BSN, known family", withBSN(benchReport(1003, true), number), [2]int{45, 35}, nil},
			{"red, new family, no lawyer for the table", benchReport(1004, true), [2]int{37, 26}, noLawyers},
		}
		for _, r := range reports {
			if r.before != nil {
				db.RecordStatements(nil)
				r.before()
				db.RecordStatements(record)
			}
			count = 0
			first := len(seen)
			if _, err := app.New(db).CreateReport(ctx, actor, r.in, ""); err != nil {
				t.Fatalf("%s: %v", r.name, err)
			}
			t.Logf("%s: %d statements", r.name, count)
			most := r.most[0]
			if db.Engine() == storage.Postgres {
				most = r.most[1]
			}
			if count > most {
				var news []string
				for _, s := range seen[first:] {
					news = append(news, strings.Join(strings.Fields(s.q), " "))
				}
				t.Errorf("%s: %d statements, want at most %d (statements not seen before:\n%s)", r.name, count, most, strings.Join(news, "\n"))
			}
		}
		db.RecordStatements(nil)
		for _, s := range seen {
			if strings.HasPrefix(s.q, "SET LOCAL ") {
				continue // a setting of the transaction (batch.go), no plan
			}
			plan, err := db.Explain(ctx, s.q, s.args)
			if err != nil {
				t.Fatal(err)
			}
			if testing.Verbose() {
				t.Logf("%s\n%s", strings.Join(strings.Fields(s.q), " "), plan)
			}
			if table := fullScan(db.Engine(), strings.TrimSpace(s.q), plan); table != "" {
				t.Errorf("full scan of %s in\n%s\nplan:\n%s", table, strings.Join(strings.Fields(s.q), " "), plan)
			}
		}
		t.Logf("%d distinct statements explained", len(seen))
	})
}

// fullScan returns the first table a plan reads whole, or reads through an
// index only by columns that do not single out a family, case or person
// (a type, a status, a region, a time bounded on one side), when that table
// grows with the region; or "". SQLite's plan of an INSERT … VALUES lists
// only the foreign-key checks of child tables it would run if deferred
// violations were outstanding, which the intake never has; subqueries it
// reads as a co-routine are not tables.
func fullScan(engine, q, plan string) string {
	lines := strings.Split(plan, "\n")
	if engine == storage.Postgres {
		return postgresFullScan(lines)
	}
	if strings.HasPrefix(q, "INSERT") && !strings.Contains(q, "SELECT") {
		return ""
	}
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if m := sqliteScan.FindStringSubmatch(line); m != nil && grows(tableOf(q, m[1])) &&
			!strings.Contains(plan, "CO-ROUTINE "+m[1]) && !strings.Contains(plan, "MATERIALIZE "+m[1]) {
			return m[1]
		}
		if m := sqliteSearch.FindStringSubmatch(line); m != nil && grows(tableOf(q, m[1])) && !selective(strings.Split(m[2], " AND ")) {
			return m[1] + " (by " + m[2] + ")"
		}
	}
	return ""
}

// postgresFullScan finds sequential scans only: with sequential scans
// discouraged, one in the plan means no index could serve the statement.
// Which index PostgreSQL picks among several depends on statistics that a
// test database of a few rows does not have, so that choice is checked on
// SQLite, which plans by the shape of the indexes alone (Schakel runs no
// ANALYZE on it).
func postgresFullScan(lines []string) string {
	for _, line := range lines {
		if m := postgresScan.FindStringSubmatch(line); m != nil && grows(m[1]) {
			return m[1]
		}
	}
	return ""
}

var (
	sqliteSearch = regexp.MustCompile(`^SEARCH (\w+) USING .*?\((.*)\)`)
)

// grows reports whether a table grows with the region.
func grows(table string) bool { return !slices.Contains(smallTables, table) }

// tableOf is the table a plan's name stands for in statement q: SQLite's
// plans name a table by its alias.
func tableOf(q, name string) string {
	m := regexp.MustCompile(`(?i)\b(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?` + regexp.QuoteMeta(name) + `\b`).FindStringSubmatch(q)
	if m == nil || strings.EqualFold(m[1], "SELECT") {
		return name
	}
	return m[1]
}

// broad columns alone do not single out a family, case or person.
var broad = []string{"type", "status", "kind", "region_id", "superseded", "withdrawn", "active", "month", "municipality"}

// selective reports whether index conditions ("col=?", "col>?", …) single
// out a few rows: an equality on a column that is not broad, a column
// bounded on both sides (a time window), or an end after a moment (a duty
// shift that has not ended, a request whose deadline is ahead: the current
// and planned ones, however long the region's history).
func selective(conds []string) bool {
	lower, upper := map[string]bool{}, map[string]bool{}
	for _, c := range conds {
		c = strings.ReplaceAll(c, " ", "")
		col := strings.TrimRight(c, "=<>?$0123456789")
		op := strings.TrimPrefix(c, col)
		switch {
		case strings.HasPrefix(op, "=") && !slices.Contains(broad, col):
			return true
		case strings.HasPrefix(op, ">") && (col == "ends_at" || col == "deadline"):
			return true
		case strings.HasPrefix(op, ">"):
			lower[col] = true
		case strings.HasPrefix(op, "<"):
			upper[col] = true
		}
	}
	for col := range lower {
		if upper[col] {
			return true
		}
	}
	return false
}

// demoWorld loads the demo and returns its intake worker.
func demoWorld(t testing.TB, db *storage.DB) *schakel.Actor {
	t.Helper()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, workdays.Location())
	if _, err := demo.Load(context.Background(), db, now); err != nil {
		t.Fatal(err)
	}
	p, err := db.ProfessionalByEmail(context.Background(), demo.Email("Sanne", "vt"))
	if err != nil {
		t.Fatal(err)
	}
	return &schakel.Actor{Professional: &p, ClientAddr: "127.0.0.1"}
}
