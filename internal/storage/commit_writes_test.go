package storage

import (
	"slices"
	"strings"
	"testing"
)

func TestCombineCommitWrites(t *testing.T) {
	phases := commitWrite{stmt: "INSERT INTO case_phases VALUES (?)", args: []any{1}}
	rollup := commitWrite{stmt: "INSERT INTO event_rollup VALUES (?, ?) ON CONFLICT DO NOTHING", args: []any{2, 3}}
	audit := commitWrite{with: []string{"audit_entries_0 AS (INSERT INTO audit_log VALUES (?) RETURNING seq)"},
		stmt: "INSERT INTO audit_persons SELECT ?, seq FROM audit_entries_0", args: []any{4, 5}}
	for _, tc := range []struct {
		name     string
		ws       []commitWrite
		wantSQL  string
		wantArgs []any
	}{
		{"one write is itself", []commitWrite{phases}, "INSERT INTO case_phases VALUES (?)", []any{1}},
		{"one write with its parts", []commitWrite{audit},
			"WITH audit_entries_0 AS (INSERT INTO audit_log VALUES (?) RETURNING seq)\nINSERT INTO audit_persons SELECT ?, seq FROM audit_entries_0",
			[]any{4, 5}},
		{"every write but the last is a part, arguments in the order of the text", []commitWrite{phases, rollup, audit},
			"WITH commit_write_0 AS (INSERT INTO case_phases VALUES (?)),\n" +
				"commit_write_1 AS (INSERT INTO event_rollup VALUES (?, ?) ON CONFLICT DO NOTHING),\n" +
				"audit_entries_0 AS (INSERT INTO audit_log VALUES (?) RETURNING seq)\n" +
				"INSERT INTO audit_persons SELECT ?, seq FROM audit_entries_0",
			[]any{1, 2, 3, 4, 5}},
		{"a write with parts before others", []commitWrite{audit, phases},
			"WITH audit_entries_0 AS (INSERT INTO audit_log VALUES (?) RETURNING seq),\n" +
				"commit_write_0 AS (INSERT INTO audit_persons SELECT ?, seq FROM audit_entries_0)\n" +
				"INSERT INTO case_phases VALUES (?)",
			[]any{4, 5, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, args := combineCommitWrites(tc.ws)
			if q != tc.wantSQL {
				t.Errorf("statement\n%s\nwant\n%s", q, tc.wantSQL)
			}
			if !slices.Equal(args, tc.wantArgs) {
				t.Errorf("arguments %v, want %v", args, tc.wantArgs)
			}
			if n := strings.Count(q, "?"); n != len(args) {
				t.Errorf("%d placeholders for %d arguments", n, len(args))
			}
			// A batched read (a last write without parts) with its audit
			// entries in front is joined through the kept texts
			// (joined.go): the same statement, twice.
			last := tc.ws[len(tc.ws)-1]
			for i := 0; i < 2 && len(last.with) == 0; i++ {
				if q, args := withAuditWrites(tc.ws[:len(tc.ws)-1], last.stmt, last.args); q != tc.wantSQL || !slices.Equal(args, tc.wantArgs) {
					t.Errorf("as a read's writes: statement\n%s\nwant\n%s\narguments %v, want %v", q, tc.wantSQL, args, tc.wantArgs)
				}
			}
		})
	}
}
