package storage

import "testing"

// The default number of PostgreSQL connections follows the cores: three
// each, never fewer than 6 (a long export holds one) nor more than 20
// (several processes share max_connections).
func TestPostgresConnsFor(t *testing.T) {
	for _, tc := range []struct{ cores, want int }{{1, 6}, {2, 6}, {3, 9}, {4, 12}, {6, 18}, {7, 20}, {64, 20}} {
		if got := postgresConnsFor(tc.cores); got != tc.want {
			t.Errorf("%d cores: %d connections, want %d", tc.cores, got, tc.want)
		}
	}
}
