package storage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// fxRead writes an audited read by p of the given persons at the clock's
// time.
func fxRead(t *testing.T, db *storage.DB, p schakel.Professional, event string, persons ...int64) {
	t.Helper()
	if err := db.Update(context.Background(), func(tx *storage.Tx) error {
		tx.Audit(fxActor(p), audit.Entry{Event: event, ResourceType: "case", ResourceID: "1",
			AccessBasis: audit.BasisParticipation, Persons: persons})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

func fxSeqs(es []audit.Entry) []int64 {
	var out []int64
	for _, e := range es {
		out = append(out, e.Seq)
	}
	return out
}

func TestListAudit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := fxSetClock(db)
		vt := fxOrg(t, db, schakel.VeiligThuis)
		jb := fxOrg(t, db, schakel.Jeugdbescherming)
		vtPO := fxPro(t, db, vt, schakel.RolePrivacyOfficer)
		vtWorker := fxPro(t, db, vt, schakel.RoleCaseWorker)
		vtAdmin := fxPro(t, db, vt, schakel.RoleAdmin)
		jbPO := fxPro(t, db, jb, schakel.RolePrivacyOfficer)
		jbWorker := fxPro(t, db, jb, schakel.RoleCaseWorker)

		start := clock.Now()
		fxRead(t, db, vtWorker, audit.EventRead, 7) // 09:00
		clock.Advance(time.Hour)
		fxRead(t, db, jbWorker, audit.EventRead, 7, 8) // 10:00
		clock.Advance(time.Hour)
		fxRead(t, db, vtWorker, audit.EventSearch) // 11:00
		clock.Advance(time.Hour)
		fxRead(t, db, vtWorker, audit.EventRead, 8) // 12:00
		clock.Advance(time.Hour)

		t.Run("own organisation only", func(t *testing.T) {
			es := fxTrail(t, db, vtPO, storage.AuditFilter{})
			if len(es) != 3 {
				t.Fatalf("%d entries, want the 3 of VT", len(es))
			}
			for i, e := range es {
				if e.OrganisationID != vt.ID || e.UserID != vtWorker.ID {
					t.Fatalf("entry of another organisation or user: %+v", e)
				}
				if i > 0 && e.Seq >= es[i-1].Seq {
					t.Fatalf("not newest first: %v", fxSeqs(es))
				}
			}
		})

		t.Run("filters", func(t *testing.T) {
			all := fxTrail(t, db, vtPO, storage.AuditFilter{UserID: vtWorker.ID})
			if len(all) != 3 {
				t.Fatalf("%d entries of the worker", len(all))
			}
			first, search, last := all[2], all[1], all[0]
			for _, tc := range []struct {
				name string
				f    storage.AuditFilter
				want []int64
			}{
				{"event", storage.AuditFilter{UserID: vtWorker.ID, Event: audit.EventSearch}, []int64{search.Seq}},
				{"person", storage.AuditFilter{PersonID: 8}, []int64{last.Seq}},
				{"person of another organisation's entry", storage.AuditFilter{PersonID: 7, UserID: vtWorker.ID}, []int64{first.Seq}},
				{"from", storage.AuditFilter{UserID: vtWorker.ID, From: start.Add(2 * time.Hour)}, []int64{last.Seq, search.Seq}},
				{"to", storage.AuditFilter{UserID: vtWorker.ID, To: start.Add(2 * time.Hour)}, []int64{first.Seq}},
				{"from in another zone", storage.AuditFilter{UserID: vtWorker.ID,
					From: start.Add(2 * time.Hour).In(time.FixedZone("CEST", 7200))}, []int64{last.Seq, search.Seq}},
				{"before", storage.AuditFilter{UserID: vtWorker.ID, BeforeSeq: last.Seq}, []int64{search.Seq, first.Seq}},
				{"limit", storage.AuditFilter{UserID: vtWorker.ID, Limit: 2}, []int64{last.Seq, search.Seq}},
				{"other user", storage.AuditFilter{UserID: jbWorker.ID}, nil},
			} {
				t.Run(tc.name, func(t *testing.T) {
					got := fxSeqs(fxTrail(t, db, vtPO, tc.f))
					if !slices.Equal(got, tc.want) {
						t.Fatalf("entries %v, want %v", got, tc.want)
					}
				})
			}
		})

		t.Run("refused and audited", func(t *testing.T) {
			for _, tc := range []struct {
				name  string
				actor schakel.Professional
				org   int64
			}{
				{"privacy officer of another organisation", jbPO, vt.ID},
				{"case worker of the organisation", vtWorker, vt.ID},
				{"administrator of the organisation", vtAdmin, vt.ID},
				{"privacy officer without an organisation filter", vtPO, 0},
			} {
				t.Run(tc.name, func(t *testing.T) {
					before := fxCount(t, db)
					_, err := app.New(db).ListAudit(ctx, fxActor(tc.actor), storage.AuditFilter{OrganisationID: tc.org})
					fxWantCode(t, err, schakel.EFORBIDDEN)
					if n := fxCount(t, db); n != before+1 {
						t.Fatalf("%d new entries, want the refusal", n-before)
					}
					po := vtPO
					if tc.actor.Organisation.ID == jb.ID {
						po = jbPO
					}
					es := fxTrail(t, db, po, storage.AuditFilter{UserID: tc.actor.ID, Outcome: audit.Refused, Limit: 1})
					if len(es) != 1 || es[0].Seq != before+1 || es[0].ResourceType != "audit_trail" || es[0].Event != audit.EventSearch {
						t.Fatalf("refusal entry %+v", es)
					}
				})
			}
		})

		t.Run("looking is audited", func(t *testing.T) {
			before := fxCount(t, db)
			fxTrail(t, db, vtPO, storage.AuditFilter{PersonID: 7})
			es := fxTrail(t, db, vtPO, storage.AuditFilter{UserID: vtPO.ID, Limit: 1})
			if len(es) != 1 || es[0].Seq != before+1 || es[0].Outcome != audit.Allowed || es[0].ResourceType != "audit_trail" ||
				es[0].AccessBasis != audit.BasisRole {
				t.Fatalf("the privacy officer's search is not in the trail: %+v", es)
			}
		})
	})
}

func TestPersonAccessLog(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		fxSetClock(db)
		vt := fxOrg(t, db, schakel.VeiligThuis)
		jb := fxOrg(t, db, schakel.Jeugdbescherming)
		vtPO := fxPro(t, db, vt, schakel.RolePrivacyOfficer)
		vtWorker := fxPro(t, db, vt, schakel.RoleCaseWorker)
		jbWorker := fxPro(t, db, jb, schakel.RoleCaseWorker)
		jbAdmin := fxPro(t, db, jb, schakel.RoleAdmin)

		// Only an organisation that knows the person answers the request.
		before := fxCount(t, db)
		_, err := fxPersonAccesses(ctx, db, fxActor(vtPO), 7)
		fxWantCode(t, err, schakel.EFORBIDDEN)
		if n := fxCount(t, db); n != before+1 {
			t.Fatalf("refusal left %d entries, want 1", n-before)
		}
		if err := db.KnowPersonForTest(ctx, vt.ID, vtWorker.ID, 7); err != nil {
			t.Fatal(err)
		}

		fxRead(t, db, vtWorker, audit.EventRead, 7)
		fxRead(t, db, jbWorker, audit.EventRead, 7, 8)
		fxRead(t, db, jbWorker, audit.EventRead, 8)

		es, err := fxPersonAccesses(ctx, db, fxActor(vtPO), 7)
		if err != nil {
			t.Fatal(err)
		}
		var users []int64
		for _, e := range es {
			if !slices.Contains(e.Persons, 7) {
				t.Fatalf("entry %+v does not concern person 7", e)
			}
			users = append(users, e.UserID)
		}
		// Every organisation's accesses, newest first.
		if want := []int64{jbWorker.ID, vtWorker.ID, vtPO.ID}; !slices.Equal(users, want) {
			t.Fatalf("accesses by %v, want %v", users, want)
		}

		for _, p := range []schakel.Professional{vtWorker, jbAdmin} {
			before := fxCount(t, db)
			_, err := fxPersonAccesses(ctx, db, fxActor(p), 7)
			fxWantCode(t, err, schakel.EFORBIDDEN)
			if n := fxCount(t, db); n != before+1 {
				t.Fatalf("refusal for %s left %d entries, want 1", p.Name, n-before)
			}
		}
		// The privacy officer's own look and the refused attempts are now
		// part of the person's access log too.
		es, err = fxPersonAccesses(ctx, db, fxActor(vtPO), 7)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 6 {
			t.Fatalf("%d accesses, want 6 (with the first refused request): %v", len(es), fxSeqs(es))
		}
		if es[0].UserID != jbAdmin.ID || es[0].Outcome != audit.Refused || es[0].ResourceType != "person_accesses" ||
			es[2].UserID != vtPO.ID || es[2].Outcome != audit.Allowed {
			t.Fatalf("access log %+v", es)
		}
		if _, err := fxPersonAccesses(ctx, db, fxActor(vtPO), 424242); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("access log of a person VT does not know: %v", err)
		}
	})
}
