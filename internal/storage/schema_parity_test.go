package storage_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestSchemaParity migrates a fresh SQLite database and a fresh PostgreSQL
// schema and compares what the two catalogues say: tables, columns (type
// under parityTypes, NOT NULL, default), primary keys, indexes (columns,
// uniqueness, partial predicate), foreign keys and check constraints. The
// two migration trees are written by hand; this is what keeps them one
// schema. A difference is reported as the lines only one engine has.
func TestSchemaParity(t *testing.T) {
	var pg *storagetest.Engine
	for _, e := range storagetest.Engines() {
		if e.Name == storage.Postgres {
			pg = &e
		}
	}
	if pg == nil {
		t.Skip("SCHAKEL_TEST_POSTGRES is not set: the schema parity test needs PostgreSQL (CI runs it in the PostgreSQL suite)")
	}
	lite := paritySchema(t, storagetest.SQLite())
	post := paritySchema(t, *pg)
	if len(lite) < 10 || len(post) < 10 {
		t.Fatalf("read %d lines from SQLite and %d from PostgreSQL: the catalogue queries found no schema", len(lite), len(post))
	}
	onlyLite, onlyPost := paritySetDiff(lite, post), paritySetDiff(post, lite)
	for _, l := range onlyLite {
		t.Errorf("only in SQLite:     %s", l)
	}
	for _, l := range onlyPost {
		t.Errorf("only in PostgreSQL: %s", l)
	}
}

// paritySchema migrates a fresh database on e and describes its schema as
// a sorted list of lines, one per fact, in a form both engines share.
func paritySchema(t *testing.T, e storagetest.Engine) []string {
	t.Helper()
	dsn := e.DSN(t)
	db, err := storage.Open(context.Background(), dsn, chain.Rules{})
	if err != nil {
		t.Fatalf("migrate %s: %v", e.Name, err)
	}
	db.Close()
	raw := fxRaw(t, e.Name, dsn)
	var s parityTables
	if e.Name == storage.Postgres {
		s, err = postgresSchema(raw)
	} else {
		s, err = sqliteSchema(raw)
	}
	if err != nil {
		t.Fatalf("read %s catalogue: %v", e.Name, err)
	}
	return s.lines()
}

// parityTypes maps each engine's declared column type to one name. It is
// strict where the engines can differ: SQLite's INTEGER (one 64-bit class)
// may be PostgreSQL integer or bigint, but a PostgreSQL smallint must be
// declared SMALLINT in SQLite too; timestamps are with time zone. A type
// not listed comes out as "unmapped …" and never matches.
var parityTypes = map[string]string{
	"sqlite:INTEGER":                       "integer",
	"sqlite:SMALLINT":                      "smallint",
	"sqlite:TEXT":                          "text",
	"sqlite:BOOLEAN":                       "boolean",
	"sqlite:TIMESTAMP":                     "timestamp",
	"sqlite:REAL":                          "float",
	"sqlite:DATE":                          "date",
	"postgres:bigint":                      "integer",
	"postgres:integer":                     "integer",
	"postgres:smallint":                    "smallint",
	"postgres:text":                        "text",
	"postgres:boolean":                     "boolean",
	"postgres:timestamp with time zone":    "timestamp",
	"postgres:double precision":            "float",
	"postgres:date":                        "date",
	"postgres:timestamp without time zone": "unmapped timestamp without time zone (use TIMESTAMPTZ)",
}

func parityType(engine, declared string) string {
	if n, ok := parityTypes[engine+":"+declared]; ok {
		return n
	}
	return "unmapped " + engine + " " + declared
}

type parityColumn struct {
	typ     string
	notNull bool
	dflt    string
}

type parityTable struct {
	columns     map[string]parityColumn
	primaryKey  []string
	indexes     []string // "unique? name? (cols) where pred"
	foreignKeys []string // "(cols) -> table(cols) on delete X"
	checks      []string // "columns [..] literals [..]"
}

type parityTables map[string]*parityTable

func (s parityTables) table(name string) *parityTable {
	if s[name] == nil {
		s[name] = &parityTable{columns: map[string]parityColumn{}}
	}
	return s[name]
}

func (s parityTables) lines() []string {
	var out []string
	for name, tb := range s {
		out = append(out, "table "+name)
		for c, col := range tb.columns {
			l := fmt.Sprintf("column %s.%s %s", name, c, col.typ)
			if col.notNull {
				l += " not null"
			}
			if col.dflt != "" {
				l += " default " + col.dflt
			}
			out = append(out, l)
		}
		out = append(out, fmt.Sprintf("primary key %s(%s)", name, strings.Join(tb.primaryKey, ", ")))
		for _, x := range tb.indexes {
			out = append(out, "index on "+name+" "+x)
		}
		for _, x := range tb.foreignKeys {
			out = append(out, "foreign key "+name+x)
		}
		for _, x := range tb.checks {
			out = append(out, "check on "+name+" "+x)
		}
	}
	sort.Strings(out)
	return out
}

// paritySetDiff returns the lines of a that b lacks.
func paritySetDiff(a, b []string) []string {
	var out []string
	for _, l := range a {
		if !slices.Contains(b, l) {
			out = append(out, l)
		}
	}
	return out
}

// parityIndex renders one index. Names count only for indexes created by
// CREATE INDEX (a UNIQUE constraint's index is named by the engine).
// SQLite carries the primary key in every index of a WITHOUT ROWID table
// (those have a composite key here), so the PostgreSQL tree appends primary
// key columns to those covering indexes; trailing primary key columns are
// therefore left out on both sides for every table whose key is composite.
func parityIndex(name string, unique bool, cols []string, pred string, pk []string) string {
	for len(pk) > 1 && len(cols) > 1 && slices.Contains(pk, cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	l := ""
	if unique {
		l = "unique "
	}
	if name != "" {
		l += name + " "
	}
	l += "(" + strings.Join(cols, ", ") + ")"
	if pred != "" {
		l += " where " + parityExpr(pred)
	}
	return l
}

// parityExpr normalises an expression for comparison: lower case, no
// PostgreSQL casts, no parentheses or blanks.
func parityExpr(s string) string {
	s = parityNoCasts(strings.ToLower(s))
	return strings.NewReplacer("(", "", ")", "", " ", "", "\n", "", "\t", "").Replace(s)
}

// parityNoCasts drops the casts PostgreSQL writes into the expressions it
// shows ('a'::text, ARRAY[…]::text[]), which SQLite does not have.
func parityNoCasts(s string) string {
	for _, cast := range []string{"::text[]", "::text", "::bigint", "::integer", "::smallint", "::boolean", "::double precision", "::timestamp with time zone", "::date"} {
		s = strings.ReplaceAll(s, cast, "")
	}
	return s
}

// parityCheck renders a check constraint by what survives each engine's
// rewriting of it (PostgreSQL turns IN into = ANY (ARRAY[…]) and BETWEEN
// into two comparisons): the columns it names and the literals it holds.
func parityCheck(expr string, columns map[string]parityColumn) string {
	var cols, lits []string
	for _, tok := range parityTokens(parityNoCasts(expr)) {
		switch {
		case strings.HasPrefix(tok, "'"):
			lits = append(lits, tok)
		case tok[0] >= '0' && tok[0] <= '9':
			lits = append(lits, tok)
		default:
			if _, ok := columns[strings.ToLower(tok)]; ok {
				cols = append(cols, strings.ToLower(tok))
			}
		}
	}
	sort.Strings(cols)
	sort.Strings(lits)
	return fmt.Sprintf("columns [%s] literals [%s]", strings.Join(slices.Compact(cols), " "), strings.Join(slices.Compact(lits), " "))
}

// parityTokens splits an SQL expression into identifiers, numbers and
// quoted strings, dropping everything else.
func parityTokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\'':
			j := i + 1
			for j < len(s) && s[j] != '\'' {
				j++
			}
			out = append(out, s[i:min(j+1, len(s))])
			i = j + 1
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '.' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			out = append(out, s[i:j])
			i = j
		default:
			i++
		}
	}
	return out
}

// parityQuery runs q and calls scan for each row.
func parityQuery(raw *sql.DB, q string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := raw.Query(q, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", q, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
