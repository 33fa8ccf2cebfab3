package app_test

import (
	"context"
	"errors"
	"testing"

	"schakel"
	"schakel/internal/storage"
)

// refusedLeavesOnlyAudit runs a command that must be refused (or fail
// validation) with want, and proves that afterwards every table holds exactly
// as many rows as before, except the audit trail, which may hold the refusal's
// entries (with the persons they name) and nothing else (at most maxAudit new entries, 0 for a validation
// error that touches no personal data).
func refusedLeavesOnlyAudit(t *testing.T, db *storage.DB, want string, maxAudit int64, command func() error) {
	t.Helper()
	ctx := context.Background()
	before, err := db.RowCounts(ctx)
	if err != nil {
		t.Fatalf("row counts: %v", err)
	}
	err = command()
	var se *schakel.Error
	if !errors.As(err, &se) || se.Code != want {
		t.Fatalf("command error = %v, want code %s", err, want)
	}
	after, err := db.RowCounts(ctx)
	if err != nil {
		t.Fatalf("row counts: %v", err)
	}
	for table, n := range after {
		grew := n - before[table]
		switch {
		case table == "audit_log" && grew >= 0 && grew <= maxAudit:
		case table == "audit_log":
			t.Errorf("audit_log grew by %d, want 0..%d (only the refusal)", grew, maxAudit)
		case table == "audit_persons" && grew >= 0:
			// the persons the refusal's entries name, for "who looked at my file"
		case grew != 0:
			t.Errorf("table %s changed by %d rows after a refused command", table, grew)
		}
	}
}
