package storage_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// TestRefusalKeepsOnlyItsAuditEntry proves that the transaction runner, not
// each command's care, drops everything a refused command wrote: a family
// inserted and an allowed read audited before the refusal are both gone,
// and the refusal's own entry stays.
func TestRefusalKeepsOnlyItsAuditEntry(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		ctx, db := context.Background(), env.db
		org := fxOrg(t, db, schakel.VeiligThuis)
		me := fxActor(fxPro(t, db, org, schakel.RoleIntake))
		before := fxCount(t, db)
		familiesBefore := countFamilies(t, env)
		err := db.Update(ctx, func(tx *storage.Tx) error {
			if _, err := tx.InsertFamily(org.RegionID, "Rotterdam"); err != nil {
				return err
			}
			tx.Audit(me, audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: "1", AccessBasis: audit.BasisRole})
			d := access.Decision{Allowed: false, Basis: audit.BasisNone, Reason: "test refusal"}
			tx.AuditDecision(me, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "case", ResourceID: "1"})
			return tx.Refuse(d)
		})
		fxWantCode(t, err, schakel.EFORBIDDEN)
		if got := countFamilies(t, env); got != familiesBefore {
			t.Errorf("families after refusal = %d, want %d (the insert must be rolled back)", got, familiesBefore)
		}
		if got := fxCount(t, db); got != before+1 {
			t.Fatalf("audit entries = %d, want %d (only the refusal)", got, before+1)
		}
		es := fxTrail(t, db, fxPro(t, db, org, schakel.RolePrivacyOfficer), storage.AuditFilter{})
		var refused int
		for _, e := range es {
			if e.ResourceType == "case" && e.ResourceID == "1" {
				if e.Outcome != audit.Refused {
					t.Errorf("kept entry %s with outcome %s; only the refusal may stay", e.Event, e.Outcome)
				}
				refused++
			}
		}
		if refused != 1 {
			t.Errorf("refusal entries = %d, want 1", refused)
		}
	})
}

func countFamilies(t *testing.T, env fxEnv) int {
	t.Helper()
	var n int
	if err := env.raw.QueryRow(`SELECT COUNT(*) FROM families`).Scan(&n); err != nil {
		t.Fatalf("count families: %v", err)
	}
	return n
}
