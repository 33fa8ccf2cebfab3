package main

import (
	"bytes"
	"testing"
	"time"

	"schakel/internal/storage"
)

// TestWriteUnsealed: verify's line about entries not yet sealed, also when
// the sealer sealed them between verify's two reads (no oldest entry
// left): it once printed an age of 9,223,372,036 s then.
func TestWriteUnsealed(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		st   storage.AuditTrailState
		want string
	}{
		{"none", storage.AuditTrailState{}, ""},
		{"three, oldest 2 s", storage.AuditTrailState{Unsealed: 3, OldestUnsealed: now.Add(-2 * time.Second)},
			"3 entries not yet sealed, oldest 2 s (serve seals them; or run 'schakel audit seal')\n"},
		{"sealed meanwhile", storage.AuditTrailState{Unsealed: 3},
			"3 entries were not yet sealed when verification began and are sealed now (run verify again to check them)\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			writeUnsealed(&out, c.st, now)
			if out.String() != c.want {
				t.Errorf("got %q, want %q", out.String(), c.want)
			}
		})
	}
}
