package storage

import (
	"fmt"
	"testing"
)

func TestRebind(t *testing.T) {
	pg, lite := dialect{engine: Postgres, numbered: true}, dialect{engine: SQLite}
	tests := []struct {
		name string
		d    dialect
		in   string
		want string
	}{
		{"no placeholders", pg, `SELECT 1`, `SELECT 1`},
		{"numbered in order", pg, `SELECT a FROM t WHERE b = ? AND c IN (?, ?)`, `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)`},
		{"ten and more", pg, `VALUES (?,?,?,?,?,?,?,?,?,?,?)`, `VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`},
		{"SQLite keeps its marks", lite, `SELECT a FROM t WHERE b = ?`, `SELECT a FROM t WHERE b = ?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 2 { // the second answer comes from what was kept
				if got := tt.d.rebind(tt.in); got != tt.want {
					t.Fatalf("rebind(%q) = %q, want %q", tt.in, got, tt.want)
				}
			}
		})
	}
	t.Run("past what is kept", func(t *testing.T) {
		for i := range rebound.limit + 10 {
			q := fmt.Sprintf(`SELECT %d WHERE a = ? AND b = ?`, i)
			if got, want := pg.rebind(q), fmt.Sprintf(`SELECT %d WHERE a = $1 AND b = $2`, i); got != want {
				t.Fatalf("rebind(%q) = %q, want %q", q, got, want)
			}
		}
		if n := rebound.size(); n > rebound.limit {
			t.Errorf("%d texts kept, want at most %d", n, rebound.limit)
		}
	})
}
