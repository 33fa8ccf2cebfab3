package web_test

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// startWalkServer starts the server and opens a second, plain connection
// to its database: the walk compares the case's rows and reads the audit
// trail behind the server's back, so that no answer of the server itself
// has to be trusted.
func startWalkServer(t *testing.T, e storagetest.Engine) (*testServer, *sql.DB) {
	t.Helper()
	var dsn string
	inner := e.DSN
	e.DSN = func(t testing.TB) string { dsn = inner(t); return dsn }
	ts := startServer(t, e)
	driver := "pgx"
	if e.Name == storage.SQLite {
		driver, dsn = "sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)&_time_format=sqlite"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return ts, raw
}

func queryInt(t *testing.T, db *sql.DB, q string) int64 {
	t.Helper()
	var v sql.NullInt64
	if err := db.QueryRow(q).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v.Int64
}

func queryInts(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(v))
	}
	return out
}

// notAboutCase are tables whose rows change with anyone's work and hold no
// row of a case: the trail itself, logins, idempotency keys, aggregates.
var notAboutCase = []string{"audit_log", "audit_persons", "audit_head", "sessions", "api_tokens", "idempotency_keys",
	"phase_rollup", "event_rollup", "chain_secret", "goose_db_version"}

// caseKeys are the columns that tie a row to a case, with the table they
// point into.
var caseKeys = map[string]string{"case_id": "cases", "consultation_id": "consultations", "report_id": "reports",
	"person_id": "persons", "family_id": "families", "plan_id": "plans", "conversation_id": "family_conversations",
	"action_id": "plan_actions", "request_id": "colleague_requests", "review_id": "placement_reviews"}

// caseRows returns every row of every table that belongs to the cases (or
// is one of extra: table → ids), as text per table, to compare before and
// after the walk.
func caseRows(t *testing.T, db *sql.DB, engine string, cases []int64, extra map[string][]int64) map[string]string {
	t.Helper()
	tablesQ := `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	if engine == storage.SQLite {
		tablesQ = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	}
	rows, err := db.Query(tablesQ)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(notAboutCase, n) {
			tables = append(tables, n)
		}
	}
	rows.Close()
	slices.Sort(tables)
	in := func(ids []string) string {
		if len(ids) == 0 {
			return "(0)"
		}
		return "(" + strings.Join(ids, ",") + ")"
	}
	caseIDs := make([]string, len(cases))
	for i, c := range cases {
		caseIDs[i] = fmt.Sprint(c)
	}
	cols := map[string][]string{}
	for _, tb := range tables {
		r, err := db.Query(`SELECT * FROM ` + tb + ` WHERE 1 = 0`)
		if err != nil {
			t.Fatal(err)
		}
		cols[tb], _ = r.Columns()
		r.Close()
	}
	// The ids of each table's rows on the cases, then the rows that point at them.
	ids := map[string][]string{"cases": caseIDs}
	for _, tb := range tables {
		if tb != "cases" && slices.Contains(cols[tb], "id") && slices.Contains(cols[tb], "case_id") {
			ids[tb] = queryInts(t, db, `SELECT id FROM `+tb+` WHERE case_id IN `+in(caseIDs))
		}
	}
	ids["persons"] = queryInts(t, db, `SELECT DISTINCT person_id FROM report_persons WHERE report_id IN `+in(ids["reports"]))
	ids["families"] = queryInts(t, db, `SELECT DISTINCT family_id FROM cases WHERE id IN `+in(caseIDs))
	for tb, xs := range extra {
		for _, x := range xs {
			ids[tb] = append(ids[tb], fmt.Sprint(x))
		}
	}
	out := map[string]string{}
	for _, tb := range tables {
		var conds []string
		if slices.Contains(cols[tb], "id") && ids[tb] != nil {
			conds = append(conds, "id IN "+in(ids[tb]))
		}
		for col, target := range caseKeys {
			if slices.Contains(cols[tb], col) {
				conds = append(conds, col+" IN "+in(ids[target]))
			}
		}
		if len(conds) == 0 {
			continue
		}
		out[tb] = dumpRows(t, db, `SELECT * FROM `+tb+` WHERE `+strings.Join(conds, " OR "))
	}
	return out
}

func dumpRows(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, v := range vals {
			if s, ok := v.([]byte); ok {
				v = string(s)
			}
			fmt.Fprintf(&b, "%s=%v ", cols[i], v)
		}
		lines = append(lines, b.String())
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// trailEntry is what the walk reads of an audit entry.
type trailEntry struct {
	Seq                                     int64
	Event, Outcome, ResourceType, ResouceID string
}

func (e trailEntry) String() string {
	return fmt.Sprintf("#%d %s %s %s %s", e.Seq, e.Event, e.Outcome, e.ResourceType, e.ResouceID)
}

// trailOf returns the entries of user after seq.
func trailOf(t *testing.T, db *sql.DB, user, after int64) []trailEntry {
	t.Helper()
	rows, err := db.Query(fmt.Sprintf(`SELECT seq, event, outcome, resource_type, resource_id FROM audit_log
		WHERE user_id = %d AND seq > %d ORDER BY seq`, user, after))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []trailEntry
	for rows.Next() {
		var e trailEntry
		if err := rows.Scan(&e.Seq, &e.Event, &e.Outcome, &e.ResourceType, &e.ResouceID); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func queryString(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	var v sql.NullString
	if err := db.QueryRow(q).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v.String
}
