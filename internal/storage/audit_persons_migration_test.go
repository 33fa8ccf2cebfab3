package storage_test

import (
	"context"
	"slices"
	"testing"

	"schakel/internal/storage/storagetest"
)

// TestAuditPersonsMigration takes audit_persons through migration 00057
// (the table without its foreign key) and back: every row is kept both
// ways, and the rows still name their entries.
func TestAuditPersonsMigration(t *testing.T) {
	const without = 57
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			raw := fxRaw(t, e.Name, e.DSN(t))
			p := fxGoose(t, e.Name, raw)
			if _, err := p.UpTo(ctx, without-1); err != nil {
				t.Fatal(err)
			}
			exec := func(q string, args ...any) {
				t.Helper()
				if _, err := raw.ExecContext(ctx, fxRebind(e.Name, q), args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			for seq := 1; seq <= 3; seq++ {
				exec(`INSERT INTO audit_log (seq, at, event, outcome, prev_hash, hash) VALUES (?, CURRENT_TIMESTAMP, 'read', 'allowed', '', '')`, seq)
			}
			exec(`INSERT INTO audit_persons (person_id, seq) VALUES (7, 1), (7, 3), (9, 2), (9, 3)`)
			want := [][2]int64{{7, 1}, {7, 3}, {9, 2}, {9, 3}}
			check := func(when string) {
				t.Helper()
				rows, err := raw.QueryContext(ctx, `SELECT p.person_id, p.seq FROM audit_persons p JOIN audit_log a ON a.seq = p.seq ORDER BY 1, 2`)
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				var got [][2]int64
				for rows.Next() {
					var r [2]int64
					if err := rows.Scan(&r[0], &r[1]); err != nil {
						t.Fatal(err)
					}
					got = append(got, r)
				}
				if err := rows.Err(); err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("%s: audit_persons %v, want %v", when, got, want)
				}
			}
			if _, err := p.UpTo(ctx, without); err != nil {
				t.Fatal(err)
			}
			check("up")
			if _, err := p.DownTo(ctx, without-1); err != nil {
				t.Fatal(err)
			}
			check("down")
			if _, err := p.UpTo(ctx, without); err != nil {
				t.Fatal(err)
			}
			check("up again")
		})
	}
}
