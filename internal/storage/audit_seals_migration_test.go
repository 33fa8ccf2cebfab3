package storage_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
)

// TestAuditSealsMigration takes a trail through migration 00068 (the chain
// links out of audit_log into audit_seals) and back: every link is kept
// both ways, an unsealed entry stays unsealed, and after the migration
// audit_log refuses every UPDATE.
func TestAuditSealsMigration(t *testing.T) {
	const seals = 68
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			raw := fxRaw(t, e.Name, e.DSN(t))
			p := fxGoose(t, e.Name, raw)
			if _, err := p.UpTo(ctx, seals-1); err != nil {
				t.Fatal(err)
			}
			exec := func(q string, args ...any) error {
				_, err := raw.ExecContext(ctx, fxRebind(e.Name, q), args...)
				return err
			}
			// Two sealed entries and one unsealed: seq, prev_hash, hash.
			want := [][3]string{{"1", "", "h1"}, {"2", "h1", "h2"}, {"3", "", ""}}
			for _, r := range want {
				if err := exec(`INSERT INTO audit_log (seq, at, event, outcome, prev_hash, hash) VALUES (?, CURRENT_TIMESTAMP, 'read', 'allowed', ?, ?)`,
					r[0], r[1], r[2]); err != nil {
					t.Fatal(err)
				}
			}
			links := func(q string) [][3]string {
				t.Helper()
				rows, err := raw.QueryContext(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				var got [][3]string
				for rows.Next() {
					var r [3]string
					if err := rows.Scan(&r[0], &r[1], &r[2]); err != nil {
						t.Fatal(err)
					}
					got = append(got, r)
				}
				if err := rows.Err(); err != nil {
					t.Fatal(err)
				}
				return got
			}
			up := func(when string) {
				t.Helper()
				if _, err := p.UpTo(ctx, seals); err != nil {
					t.Fatal(err)
				}
				got := links(`SELECT CAST(a.seq AS TEXT), COALESCE(s.prev_hash, ''), COALESCE(s.hash, '')
					FROM audit_log a LEFT JOIN audit_seals s ON s.seq = a.seq ORDER BY a.seq`)
				if !slices.Equal(got, want) {
					t.Fatalf("%s: links %v, want %v", when, got, want)
				}
				if err := exec(`UPDATE audit_log SET detail = 'x' WHERE seq = 3`); err == nil || !strings.Contains(err.Error(), "append-only") {
					t.Fatalf("%s: an UPDATE of an unsealed entry: %v, want the append-only refusal", when, err)
				}
			}
			up("up")
			if _, err := p.DownTo(ctx, seals-1); err != nil {
				t.Fatal(err)
			}
			if got := links(`SELECT CAST(seq AS TEXT), prev_hash, hash FROM audit_log ORDER BY seq`); !slices.Equal(got, want) {
				t.Fatalf("down: links %v, want %v", got, want)
			}
			// The schema before lets the sealer write the link of an
			// unsealed entry, and nothing else.
			if err := exec(`UPDATE audit_log SET prev_hash = 'h2', hash = 'h3' WHERE seq = 3`); err != nil {
				t.Fatalf("down: sealing entry 3: %v", err)
			}
			if err := exec(`UPDATE audit_log SET hash = 'h9' WHERE seq = 2`); err == nil {
				t.Fatal("down: a sealed entry was changed")
			}
			want[2] = [3]string{"3", "h2", "h3"}
			up("up again")
		})
	}
}
