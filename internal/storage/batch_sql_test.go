package storage

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestJSONAggregateDeclines(t *testing.T) {
	for _, tc := range []struct {
		name, q string
		ok      bool
	}{
		{"plain", `SELECT a.id, a.name FROM t a WHERE a.case_id = ? ORDER BY a.id`, true},
		{"function in columns", `SELECT COALESCE(p.id, 0), p.name FROM p WHERE p.x IN (SELECT y FROM z GROUP BY y)`, true},
		{"union", `SELECT a FROM t UNION ALL SELECT b FROM u`, false},
		{"group by", `SELECT a, COUNT(*) FROM t GROUP BY a`, false},
		{"aggregate", `SELECT COUNT(*) FROM t WHERE x = ?`, false},
		{"limit", `SELECT a FROM t ORDER BY a LIMIT 5`, false},
		{"distinct", `SELECT DISTINCT a FROM t`, false},
		{"alias", `SELECT a AS b FROM t`, false},
		{"parameter in order", `SELECT a FROM t ORDER BY a = ?`, false},
		{"not a select", `UPDATE t SET a = 1`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, engine := range []string{SQLite, Postgres} {
				if _, ok := jsonAggregate(tc.q, engine); ok != tc.ok {
					t.Errorf("%s: jsonAggregate(%q) ok = %v, want %v", engine, tc.q, ok, tc.ok)
				}
			}
		})
	}
}

func TestSplitJSONRows(t *testing.T) {
	for _, text := range []string{
		`[]`,
		`[[1,"a",null,true]]`,
		`[[1, "a \"quoted\" ] , [x", 2.5], [ -3 , "é\u00e9" , false ]]`,
		`[[]]`,
	} {
		var want [][]json.RawMessage
		if err := json.Unmarshal([]byte(text), &want); err != nil {
			t.Fatal(err)
		}
		got, err := splitJSONRows([]byte(text))
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		for i := range want {
			if len(want[i]) == 0 && len(got[i]) == 0 {
				continue
			}
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("%s row %d: got %q, want %q", text, i, got[i], want[i])
			}
		}
	}
	for _, bad := range []string{`[[1,2]`, `[["a]]`, `[[{"a":1}]]`, `{}`, `[[1,]]x`} {
		if _, err := splitJSONRows([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// aggregated answers as jsonAggregate does, from what it kept the second
// time, for statements it can and cannot aggregate.
func TestAggregatedKeepsTheAnswer(t *testing.T) {
	for _, q := range []string{
		`SELECT a, b FROM t WHERE c = ? ORDER BY a`,
		`SELECT a FROM t UNION SELECT b FROM u`,
	} {
		for _, engine := range []string{SQLite, Postgres} {
			want, wantOK := jsonAggregate(q, engine)
			for range 2 {
				if got, ok := aggregated(q, engine); got != want || ok != wantOK {
					t.Errorf("%s: aggregated(%q) = %q, %v; want %q, %v", engine, q, got, ok, want, wantOK)
				}
			}
		}
	}
}
