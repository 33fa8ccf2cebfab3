package storage_test

import (
	"context"
	"errors"
	"testing"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestAuditTrailWrittenBeforeFormatVersion2 upgrades a database holding a
// trail written before audit format version 2 (testdata/audit_trail_v1.json,
// produced by the code of that time) and verifies it, then appends version 2
// entries and verifies the mixed trail. A copy with one entry changed must
// break at that entry.
func TestAuditTrailWrittenBeforeFormatVersion2(t *testing.T) {
	trail := storagetest.LoadAuditV1(t)
	if len(trail.Entries) != 75 || trail.Head.Seq != 75 {
		t.Fatalf("fixture holds %d entries up to %d, want 75", len(trail.Entries), trail.Head.Seq)
	}
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			dsn := storagetest.DatabaseWithTrail(t, e, trail)
			db, err := storage.Open(ctx, dsn, chain.Rules{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if n, err := db.VerifyAudit(ctx, trail.Head); err != nil || n != 75 {
				t.Fatalf("old trail after the upgrade: %d entries, %v", n, err)
			}
			// New entries by the system (an organisation and an account
			// made as the command line makes them) and by a professional
			// (a privacy officer looking at the trail), chained to the old.
			po := fxPro(t, db, fxOrg(t, db, schakel.Wijkteam), schakel.RolePrivacyOfficer)
			fxTrail(t, db, po, storage.AuditFilter{})
			// The sealer chains the new entries to the old trail.
			fxSeal(t, db)
			n, err := db.VerifyAudit(ctx, trail.Head)
			if err != nil || n <= 75 {
				t.Fatalf("mixed trail: %d entries, %v", n, err)
			}
			rows, err := fxRaw(t, e.Name, dsn).Query(`SELECT format_version, principal_kind, COUNT(*) FROM audit_log GROUP BY format_version, principal_kind`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			kinds := map[int]map[string]int64{audit.Version1: {}, audit.Version2: {}}
			for rows.Next() {
				var v int
				var kind string
				var count int64
				if err := rows.Scan(&v, &kind, &count); err != nil {
					t.Fatal(err)
				}
				if kinds[v] == nil {
					t.Fatalf("entries of unknown version %d", v)
				}
				kinds[v][kind] = count
			}
			if kinds[audit.Version1][""] != 75 || len(kinds[audit.Version1]) != 1 {
				t.Errorf("old entries read as %v, want 75 of version 1 without a principal", kinds[audit.Version1])
			}
			if kinds[audit.Version2]["system"] == 0 || kinds[audit.Version2]["professional"] == 0 {
				t.Errorf("new entries %v, want version 2 entries of the system and of a professional", kinds[audit.Version2])
			}
		})
	}
}

// TestAuditTrailBeforeFormatVersion2Tampered loads copies of the old trail
// with one entry changed and checks that verification names that entry.
func TestAuditTrailBeforeFormatVersion2Tampered(t *testing.T) {
	for _, tc := range []struct {
		name   string
		seq    int64
		tamper func(e *audit.Entry)
	}{
		{"detail", 30, func(e *audit.Entry) { e.Detail += " (aangepast)" }},
		{"persons", 12, func(e *audit.Entry) { e.Persons = append(e.Persons, 999) }},
		{"user of the last", 75, func(e *audit.Entry) { e.UserID++ }},
		{"hash", 2, func(e *audit.Entry) { e.Hash = e.PrevHash }},
	} {
		for _, eng := range storagetest.Engines() {
			t.Run(tc.name+"/"+eng.Name, func(t *testing.T) {
				trail := storagetest.LoadAuditV1(t)
				tc.tamper(&trail.Entries[tc.seq-1])
				dsn := storagetest.DatabaseWithTrail(t, eng, trail)
				db, err := storage.Open(context.Background(), dsn, chain.Rules{})
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				n, err := db.VerifyAudit(context.Background())
				var br *audit.Break
				if !errors.As(err, &br) || br.Seq != tc.seq {
					t.Fatalf("verification of a trail changed at %d: %v", tc.seq, err)
				}
				if n != tc.seq-1 && !(tc.seq == 75 && n == 75) {
					t.Errorf("%d entries verified before the break at %d", n, tc.seq)
				}
			})
		}
	}
}
