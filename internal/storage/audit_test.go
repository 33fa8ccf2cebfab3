package storage_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"schakel/internal/app"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestAuditCommitsWithTheChange checks that an audit entry lives and dies
// with the transaction it describes.
func TestAuditCommitsWithTheChange(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		org := fxOrg(t, db, schakel.VeiligThuis)
		worker := fxPro(t, db, org, schakel.RoleCaseWorker)
		before := fxCount(t, db)
		entry := audit.Entry{Event: audit.EventCreate, ResourceType: "region", AccessBasis: audit.BasisRole}

		t.Run("error after audit", func(t *testing.T) {
			boom := errors.New("boom")
			err := db.Update(ctx, func(tx *storage.Tx) error {
				if _, err := tx.CreateRegion("Mislukte regio"); err != nil {
					return err
				}
				tx.Audit(fxActor(worker), entry)
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("Update returned %v, want the function's error", err)
			}
			fxWantNoRegion(t, db, "Mislukte regio")
			if n := fxCount(t, db); n != before {
				t.Fatalf("audit entries %d, want %d: a failed transaction left its entry", n, before)
			}
		})

		t.Run("panic after audit", func(t *testing.T) {
			func() {
				defer func() {
					if recover() == nil {
						t.Fatal("the panic did not reach the caller")
					}
				}()
				_ = db.Update(ctx, func(tx *storage.Tx) error {
					if _, err := tx.CreateRegion("Paniekregio"); err != nil {
						return err
					}
					tx.Audit(fxActor(worker), entry)
					panic("boom")
				})
			}()
			fxWantNoRegion(t, db, "Paniekregio")
			if n := fxCount(t, db); n != before {
				t.Fatalf("audit entries %d, want %d after a panic", n, before)
			}
		})

		t.Run("failing statement after audit", func(t *testing.T) {
			// A database error (here: a professional of an organisation
			// that does not exist) rolls back the entry with the change.
			err := db.Update(ctx, func(tx *storage.Tx) error {
				if _, err := tx.CreateRegion("Foutregio"); err != nil {
					return err
				}
				tx.Audit(fxActor(worker), entry)
				_, err := app.AddDutyShiftIn(tx, nil, 987654, time.Now(), time.Now().Add(time.Hour))
				return err
			})
			if err == nil {
				t.Fatal("adding a shift for an unknown professional succeeded")
			}
			fxWantNoRegion(t, db, "Foutregio")
			if n := fxCount(t, db); n != before {
				t.Fatalf("audit entries %d, want %d", n, before)
			}
		})

		t.Run("success", func(t *testing.T) {
			if err := db.Update(ctx, func(tx *storage.Tx) error {
				if _, err := tx.CreateRegion("Goede regio"); err != nil {
					return err
				}
				tx.Audit(fxActor(worker), entry)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			regions, err := db.Regions(ctx)
			if err != nil || !slices.ContainsFunc(regions, func(r schakel.Region) bool { return r.Name == "Goede regio" }) {
				t.Fatalf("regions = %v, %v", regions, err)
			}
			if n := fxCount(t, db); n != before+1 {
				t.Fatalf("audit entries %d, want %d", n, before+1)
			}
		})
	})
}

func fxWantNoRegion(t *testing.T, db *storage.DB, name string) {
	t.Helper()
	regions, err := db.Regions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range regions {
		if r.Name == name {
			t.Fatalf("region %q was kept although its transaction failed", name)
		}
	}
}

// TestRefusalCommitsOnlyItsEntry checks tx.Refuse: the caller gets a
// forbidden error with the decision's reason, and the refusal stays in the
// trail.
func TestRefusalCommitsOnlyItsEntry(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		org := fxOrg(t, db, schakel.Gemeente)
		admin := fxPro(t, db, org, schakel.RoleAdmin)
		po := fxPro(t, db, org, schakel.RolePrivacyOfficer)
		before := fxCount(t, db)

		actor := fxActor(admin)
		actor.EmergencyReason = "wil even kijken hoe het met het gezin gaat"
		d := access.Decide(access.SubjectOf(&admin), access.Case, access.Read, access.Context{EmergencyReason: actor.EmergencyReason})
		if d.Allowed {
			t.Fatal("an administrator was allowed to read a case")
		}
		err := db.Update(ctx, func(tx *storage.Tx) error {
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: "41", Persons: []int64{7, 3}})
			return tx.Refuse(d)
		})
		se := fxWantCode(t, err, schakel.EFORBIDDEN)
		if se.Message != d.Reason || se.Message == "" {
			t.Fatalf("message %q, want the decision's reason %q", se.Message, d.Reason)
		}
		if n := fxCount(t, db); n != before+1 {
			t.Fatalf("audit entries %d, want %d (only the refusal)", n, before+1)
		}
		es := fxTrail(t, db, po, storage.AuditFilter{Outcome: audit.Refused})
		if len(es) != 1 {
			t.Fatalf("refused entries %d, want 1: %+v", len(es), es)
		}
		e := es[0]
		// The claimed emergency reason of a refused attempt is kept for the
		// privacy officer, but the entry is no emergency access.
		if e.Event != audit.EventRead || e.ResourceType != "case" || e.ResourceID != "41" ||
			e.AccessBasis != audit.BasisNone || e.Emergency || e.EmergencyReason != actor.EmergencyReason ||
			e.UserID != admin.ID || e.OrganisationID != org.ID || e.Detail != d.Reason ||
			!slices.Equal(e.Persons, []int64{3, 7}) {
			t.Fatalf("refusal entry %+v", e)
		}
	})
}

// TestAuditEntryFields checks that the NEN 7513 facts of the actor reach
// the stored entry and that the stored entry reads back exactly.
func TestAuditEntryFields(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		at := time.Date(2025, 5, 6, 7, 8, 9, 123456789, time.FixedZone("CEST", 2*3600))
		db.Now = func() time.Time { return at }
		org := fxOrg(t, db, schakel.VeiligThuis)
		doc := fxPro(t, db, org, schakel.RoleConfidentialDoc, schakel.RoleCaseWorker)
		po := fxPro(t, db, org, schakel.RolePrivacyOfficer)
		actor := &schakel.Actor{Professional: &doc, ClientAddr: "2001:db8::7", Workstation: "Mozilla/5.0 (X11)",
			OnBehalfOf: "API-token 'koppeling'", EmergencyReason: "kind mogelijk in acuut gevaar, ouders onbereikbaar"}
		d := access.Decide(access.SubjectOf(&doc), access.Case, access.Read, access.Context{EmergencyReason: actor.EmergencyReason})
		if !d.Allowed || !d.Emergency {
			t.Fatalf("emergency read refused: %+v", d)
		}
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: "9",
				Persons: []int64{12, 11, 12}, Detail: "noodtoegang"})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		fxSeal(t, db)
		es := fxTrail(t, db, po, storage.AuditFilter{UserID: doc.ID})
		if len(es) != 1 {
			t.Fatalf("entries of the doctor: %d, want 1", len(es))
		}
		e := es[0]
		want := audit.Entry{
			Seq: e.Seq, Version: audit.CurrentVersion, PrincipalKind: "professional", PrincipalID: doc.ID,
			At: at.UTC().Truncate(time.Microsecond), Event: audit.EventRead, Outcome: audit.Allowed,
			UserID: doc.ID, UserName: doc.Name, OnBehalfOf: "API-token 'koppeling'", OrganisationID: org.ID,
			Role: "case_worker,confidential_doctor", AccessBasis: audit.BasisEmergency, Emergency: true,
			EmergencyReason: actor.EmergencyReason, ClientAddr: "2001:db8::7", Workstation: "Mozilla/5.0 (X11)",
			ResourceType: "case", ResourceID: "9", Persons: []int64{11, 12}, Detail: "noodtoegang",
			PrevHash: e.PrevHash, Hash: e.Hash,
		}
		if fmt.Sprintf("%+v", e) != fmt.Sprintf("%+v", want) {
			t.Fatalf("stored entry\n  %+v\nwant\n  %+v", e, want)
		}
		if e.Hash != audit.ComputeHash(e) {
			t.Fatal("the entry as read back does not match its hash")
		}
	})
}

// TestAuditConcurrentWriters runs many audited transactions at once: the
// chain must come out without forks or gaps.
func TestAuditConcurrentWriters(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		org := fxOrg(t, db, schakel.Jeugdbescherming)
		worker := fxPro(t, db, org, schakel.RoleCaseWorker)
		before := fxCount(t, db)
		const goroutines, each = 8, 25
		var wg sync.WaitGroup
		errs := make(chan error, goroutines*each)
		for g := range goroutines {
			wg.Go(func() {
				for i := range each {
					err := db.Update(ctx, func(tx *storage.Tx) error {
						tx.Audit(fxActor(worker), audit.Entry{Event: audit.EventRead, ResourceType: "case",
							ResourceID: fmt.Sprintf("%d-%d", g, i), AccessBasis: audit.BasisParticipation})
						// Some transactions write two entries.
						if i%5 == 0 {
							tx.Audit(fxActor(worker), audit.Entry{Event: audit.EventExport, ResourceType: "case",
								ResourceID: fmt.Sprintf("%d-%d", g, i), AccessBasis: audit.BasisParticipation})
						}
						return nil
					})
					if err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("audited transaction: %v", err)
		}
		want := before + goroutines*each + goroutines*each/5
		if n := fxCount(t, db); n != want {
			t.Fatalf("verified %d entries, want %d", n, want)
		}
	})
}

// TestVerifyWhileWriting verifies the trail while other transactions append
// to it and the sealer chains them. A verification must see a consistent
// trail, never report the entries that were added or sealed while it ran
// as missing or forged.
func TestVerifyWhileWriting(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		org := fxOrg(t, db, schakel.Raad)
		worker := fxPro(t, db, org, schakel.RoleCaseWorker)
		// Enough entries that a verification takes more than one page.
		for range 2 {
			if err := db.Update(ctx, func(tx *storage.Tx) error {
				for range 2600 {
					tx.Audit(fxActor(worker), audit.Entry{Event: audit.EventRead, ResourceType: "case", AccessBasis: audit.BasisParticipation})
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		stop := make(chan struct{})
		var wg sync.WaitGroup
		// The sealer chains while others write and verification reads.
		sealing, stopSealing := context.WithCancel(ctx)
		sealed := make(chan struct{})
		go func() {
			defer close(sealed)
			db.NewAuditSealer().Run(sealing, 5*time.Millisecond, slog.New(slog.DiscardHandler))
		}()
		for range 4 {
			wg.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					if err := db.Update(ctx, func(tx *storage.Tx) error {
						tx.Audit(fxActor(worker), audit.Entry{Event: audit.EventRead, ResourceType: "case", AccessBasis: audit.BasisParticipation})
						return nil
					}); err != nil {
						t.Errorf("write: %v", err)
						return
					}
				}
			})
		}
		for i := range 10 {
			if _, err := db.VerifyAudit(ctx); err != nil {
				t.Errorf("verification %d during writes: %v", i, err)
			}
		}
		close(stop)
		wg.Wait()
		// Stopping the sealer seals what is left, as serve does at shutdown.
		stopSealing()
		<-sealed
		if st := fxTrailState(t, db); st.Unsealed != 0 || st.Sealed < 5200 {
			t.Fatalf("after the sealer stopped: %+v", st)
		}
	})
}

// fxAuditRows writes n audited transactions by one professional and seals
// them; entries with an even seq name a person, so that audit_persons has
// rows too.
func fxAuditRows(t *testing.T, db *storage.DB, n int) {
	t.Helper()
	org := fxOrg(t, db, schakel.VeiligThuis)
	worker := fxPro(t, db, org, schakel.RoleCaseWorker)
	for i := range n {
		if err := db.Update(context.Background(), func(tx *storage.Tx) error {
			e := audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: fmt.Sprint(i),
				AccessBasis: audit.BasisParticipation, Detail: fmt.Sprintf("lezing %d", i)}
			if i%2 == 1 {
				e.Persons = []int64{100 + int64(i)}
			}
			tx.Audit(fxActor(worker), e)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	fxSeal(t, db)
}

// fxDropAppendOnly removes the triggers that make audit_log and
// audit_seals append-only, as an attacker with database access could.
func fxDropAppendOnly(t *testing.T, env fxEnv) {
	t.Helper()
	if env.engine == storage.Postgres {
		fxRawExec(t, env, `DROP TRIGGER audit_log_no_update ON audit_log`)
		fxRawExec(t, env, `DROP TRIGGER audit_seals_no_update ON audit_seals`)
		return
	}
	for _, trigger := range []string{"audit_log_no_update", "audit_log_no_delete", "audit_seals_no_update", "audit_seals_no_delete"} {
		fxRawExec(t, env, `DROP TRIGGER `+trigger)
	}
}

// fxRemoveEntry removes entry seq with its index by person and its seal.
func fxRemoveEntry(t *testing.T, env fxEnv, seq int64) {
	t.Helper()
	for _, table := range []string{"audit_persons", "audit_seals", "audit_log"} {
		fxRawExec(t, env, `DELETE FROM `+table+` WHERE seq = ?`, seq)
	}
}

// TestAuditTampering changes and removes entries behind the storage
// package's back; VerifyAudit must name the first broken entry.
func TestAuditTampering(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tamper  func(t *testing.T, env fxEnv, last int64) // last: seq of the newest entry
		wantSeq func(last int64) int64
	}{
		{"changed detail", func(t *testing.T, env fxEnv, last int64) {
			fxRawExec(t, env, `UPDATE audit_log SET detail = 'niets gezien' WHERE seq = ?`, last-5)
		}, func(last int64) int64 { return last - 5 }},
		{"changed time", func(t *testing.T, env fxEnv, last int64) {
			// Move an entry one hour back in time; the value must be
			// written the way the storage package writes it, hence a
			// read-modify-write through the driver.
			var at time.Time
			if err := env.raw.QueryRow(fxRebind(env.engine, `SELECT at FROM audit_log WHERE seq = ?`), last-3).Scan(&at); err != nil {
				t.Fatal(err)
			}
			fxRawExec(t, env, `UPDATE audit_log SET at = ? WHERE seq = ?`, at.Add(-time.Hour).UTC(), last-3)
		}, func(last int64) int64 { return last - 3 }},
		{"changed user", func(t *testing.T, env fxEnv, last int64) {
			fxRawExec(t, env, `UPDATE audit_log SET user_id = NULL, user_name = '' WHERE seq = ?`, last-2)
		}, func(last int64) int64 { return last - 2 }},
		{"changed persons", func(t *testing.T, env fxEnv, last int64) {
			fxRawExec(t, env, `UPDATE audit_log SET persons = '' WHERE seq = ?`, last-4)
		}, func(last int64) int64 { return last - 4 }},
		{"removed middle", func(t *testing.T, env fxEnv, last int64) {
			fxRemoveEntry(t, env, last-4)
		}, func(last int64) int64 { return last - 4 }},
		{"removed middle, its seal kept", func(t *testing.T, env fxEnv, last int64) {
			fxRawExec(t, env, `DELETE FROM audit_persons WHERE seq = ?`, last-4)
			fxRawExec(t, env, `DELETE FROM audit_log WHERE seq = ?`, last-4)
		}, func(last int64) int64 { return last - 4 }},
		{"removed first", func(t *testing.T, env fxEnv, last int64) {
			fxRemoveEntry(t, env, 1)
		}, func(last int64) int64 { return 1 }},
		{"removed last", func(t *testing.T, env fxEnv, last int64) {
			fxRemoveEntry(t, env, last)
		}, func(last int64) int64 { return last }},
		{"removed last and head rolled back", func(t *testing.T, env fxEnv, last int64) {
			// Rolling the head back as well is caught by its hash: the
			// attacker cannot know the hash of the entry before.
			fxRemoveEntry(t, env, last)
			fxRawExec(t, env, `UPDATE audit_head SET seq = seq - 1 WHERE id = 1`)
		}, func(last int64) int64 { return last - 1 }},
		{"seal removed", func(t *testing.T, env fxEnv, last int64) {
			// The entry looks unsealed, but it lies before the head.
			fxRawExec(t, env, `DELETE FROM audit_seals WHERE seq = ?`, last-6)
		}, func(last int64) int64 { return last - 6 }},
		{"seal changed", func(t *testing.T, env fxEnv, last int64) {
			fxRawExec(t, env, `UPDATE audit_seals SET hash = ? WHERE seq = ?`, strings.Repeat("0", 64), last-3)
		}, func(last int64) int64 { return last - 3 }},
		{"forged entry after the head", func(t *testing.T, env fxEnv, last int64) {
			// A well-formed, correctly chained entry added behind the
			// storage package's back, without moving the head.
			var prev string
			if err := env.raw.QueryRow(fxRebind(env.engine, `SELECT hash FROM audit_seals WHERE seq = ?`), last).Scan(&prev); err != nil {
				t.Fatal(err)
			}
			e := audit.Entry{Seq: last + 1, At: time.Now().UTC().Truncate(time.Microsecond), Event: audit.EventRead,
				Outcome: audit.Allowed, AccessBasis: audit.BasisRole, ResourceType: "case", PrevHash: prev}
			e.Hash = audit.ComputeHash(e)
			fxRawExec(t, env, `INSERT INTO audit_log (seq, at, event, outcome, access_basis, resource_type)
				VALUES (?, ?, ?, ?, ?, ?)`, e.Seq, e.At, e.Event, e.Outcome, e.AccessBasis, e.ResourceType)
			fxRawExec(t, env, `INSERT INTO audit_seals (seq, prev_hash, hash) VALUES (?, ?, ?)`, e.Seq, e.PrevHash, e.Hash)
		}, func(last int64) int64 { return last + 1 }},
		{"two changed entries", func(t *testing.T, env fxEnv, last int64) {
			fxRawExec(t, env, `UPDATE audit_log SET resource_id = CASE seq WHEN ? THEN 'b' ELSE 'a' END WHERE seq IN (?, ?)`,
				last-6, last-7, last-6)
		}, func(last int64) int64 { return last - 7 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // each case has databases of its own
			fxEachRaw(t, func(t *testing.T, env fxEnv) {
				ctx := context.Background()
				fxAuditRows(t, env.db, 12)
				last := fxCount(t, env.db)
				fxDropAppendOnly(t, env)
				tc.tamper(t, env, last)
				_, err := env.db.VerifyAudit(ctx)
				var br *audit.Break
				if !errors.As(err, &br) {
					t.Fatalf("VerifyAudit after tampering: %v, want an *audit.Break", err)
				}
				if want := tc.wantSeq(last); br.Seq != want {
					t.Fatalf("break names entry %d (%s), want %d", br.Seq, br.Reason, want)
				}
				if !strings.Contains(err.Error(), fmt.Sprint(br.Seq)) {
					t.Fatalf("message %q does not name the entry", err)
				}
			})
		})
	}
}

// TestAuditAppendOnly checks that the database itself refuses to change or
// remove audit entries while its triggers are in place.
func TestAuditAppendOnly(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		fxAuditRows(t, env.db, 3)
		before := fxCount(t, env.db)
		for _, q := range []string{
			`UPDATE audit_log SET detail = 'anders' WHERE seq = 2`,
			`UPDATE audit_log SET seq = seq + 100`,
			`DELETE FROM audit_log WHERE seq = 2`,
			`DELETE FROM audit_log`,
		} {
			if _, err := env.raw.Exec(q); err == nil {
				t.Errorf("%s: allowed", q)
			} else if !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v, want the append-only refusal", q, err)
			}
		}
		if n := fxCount(t, env.db); n != before {
			t.Fatalf("entries %d after refused changes, want %d", n, before)
		}

		// An unsealed entry cannot change either; its seal is appended
		// once, and a seal neither changes nor goes.
		fxReads(t, env.db, 1)
		last := before + 3 // fxReads' organisation, professional and read
		for _, q := range []string{
			`UPDATE audit_log SET detail = 'anders' WHERE seq = ?`,
			`UPDATE audit_log SET persons = '9' WHERE seq = ?`,
			`UPDATE audit_log SET organisation_id = NULL WHERE seq = ?`,
			`DELETE FROM audit_log WHERE seq = ?`,
		} {
			if _, err := env.raw.Exec(fxRebind(env.engine, q), last); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s on an unsealed entry: %v, want the append-only refusal", q, err)
			}
		}
		fxRawExec(t, env, `INSERT INTO audit_seals (seq, prev_hash, hash) VALUES (?, 'x', 'y')`, last)
		if _, err := env.raw.Exec(fxRebind(env.engine, `INSERT INTO audit_seals (seq, prev_hash, hash) VALUES (?, 'x', 'z')`), last); err == nil {
			t.Error("a sealed entry was sealed again")
		}
		for _, q := range []string{
			`UPDATE audit_seals SET hash = 'z' WHERE seq = ?`,
			`UPDATE audit_seals SET seq = seq + 1 WHERE seq = ?`,
			`DELETE FROM audit_seals WHERE seq = ?`,
		} {
			if _, err := env.raw.Exec(fxRebind(env.engine, q), last); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v, want the append-only refusal", q, err)
			}
		}
	})
}

// TestAuditAnchor rewrites an entry and every hash after it, head
// included, as someone with full database access could. The chain alone
// cannot see that; an anchor kept outside (AuditHead before the rewrite)
// can.
func TestAuditAnchor(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		ctx := context.Background()
		fxAuditRows(t, env.db, 8)
		anchor, err := env.db.AuditHead(ctx)
		if err != nil || anchor.Seq == 0 || len(anchor.Hash) != 64 {
			t.Fatalf("head %+v %v", anchor, err)
		}
		fxAuditRows(t, env.db, 4) // the trail goes on after the anchor
		if _, err := env.db.VerifyAudit(ctx, anchor); err != nil {
			t.Fatalf("an intact trail with its anchor: %v", err)
		}

		fxDropAppendOnly(t, env)
		from := anchor.Seq - 3
		entries, err := env.db.AuditEntriesFrom(ctx, from-1)
		if err != nil {
			t.Fatal(err)
		}
		prev := entries[0].Hash
		for _, e := range entries[1:] {
			if e.Seq == from {
				e.Detail = "niets gezien"
			}
			e.PrevHash = prev
			e.Hash = audit.ComputeHash(e)
			fxRawExec(t, env, `UPDATE audit_log SET detail = ? WHERE seq = ?`, e.Detail, e.Seq)
			fxRawExec(t, env, `UPDATE audit_seals SET prev_hash = ?, hash = ? WHERE seq = ?`, e.PrevHash, e.Hash, e.Seq)
			prev = e.Hash
		}
		fxRawExec(t, env, `UPDATE audit_head SET hash = ? WHERE id = 1`, prev)

		if _, err := env.db.VerifyAudit(ctx); err != nil {
			t.Fatalf("the chain alone should not see a consistent rewrite (else this test tests nothing): %v", err)
		}
		_, err = env.db.VerifyAudit(ctx, anchor)
		var br *audit.Break
		if !errors.As(err, &br) || br.Seq != anchor.Seq || !strings.Contains(br.Reason, "anchor") {
			t.Fatalf("VerifyAudit with the anchor: %v", err)
		}
		// An anchor beyond the end: entries were removed.
		_, err = env.db.VerifyAudit(ctx, audit.Anchor{Seq: anchor.Seq + 100, Hash: anchor.Hash})
		if !errors.As(err, &br) || br.Seq != anchor.Seq+100 {
			t.Fatalf("an anchor beyond the trail: %v", err)
		}
	})
}
