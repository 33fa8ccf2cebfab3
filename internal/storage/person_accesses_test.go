package storage_test

import (
	"context"
	"schakel/internal/app"
	"testing"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// fxPersonAccesses returns the newest page of accesses to person.
func fxPersonAccesses(ctx context.Context, db *storage.DB, a *schakel.Actor, person int64) ([]audit.Entry, error) {
	page, err := app.New(db).PersonAccesses(ctx, a, person, 0, 0)
	return page.Entries, err
}

// TestPersonAccessesPages writes more accesses to one person than fit on
// a page and pages through them: every entry comes back exactly once, newest
// first, and the last page says that it is the last.
func TestPersonAccessesPages(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		vt := fxOrg(t, db, schakel.VeiligThuis)
		po := fxPro(t, db, vt, schakel.RolePrivacyOfficer)
		worker := fxPro(t, db, vt, schakel.RoleCaseWorker)
		if err := db.KnowPersonForTest(ctx, vt.ID, worker.ID, 7); err != nil {
			t.Fatal(err)
		}
		const accesses = 2*storage.PersonAccessesPageSize + 37
		// Accesses to person 7, with accesses to others in between that
		// must not show.
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			for i := range accesses {
				tx.Audit(fxActor(worker), audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: "1",
					AccessBasis: audit.BasisParticipation, Persons: []int64{7, 8}})
				if i%10 == 0 {
					tx.Audit(fxActor(worker), audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: "2",
						AccessBasis: audit.BasisParticipation, Persons: []int64{9}})
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		// Before the first look, person 7 was reached by the accesses
		// written above and by nothing else.
		newest := fxCount(t, db)
		var seen []int64
		var before int64
		pages := 0
		for {
			page, err := app.New(db).PersonAccesses(ctx, fxActor(po), 7, before, 0)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, e := range page.Entries {
				if e.Seq > newest {
					continue // the privacy officer's own looks, written after the first page
				}
				seen = append(seen, e.Seq)
			}
			if page.Next == 0 {
				break
			}
			if len(page.Entries) != storage.PersonAccessesPageSize || page.Next != page.Entries[len(page.Entries)-1].Seq {
				t.Fatalf("page %d: %d entries, next %d; want a full page ending at the cursor", pages, len(page.Entries), page.Next)
			}
			before = page.Next
			if pages > 10 {
				t.Fatal("paging does not end")
			}
		}
		if pages != 3 || len(seen) != accesses {
			t.Fatalf("%d pages with %d of the %d accesses", pages, len(seen), accesses)
		}
		for i := 1; i < len(seen); i++ {
			if seen[i] >= seen[i-1] {
				t.Fatalf("entries out of order or repeated at %d: %d after %d", i, seen[i], seen[i-1])
			}
		}

		// A smaller page; a page size over the maximum is refused.
		page, err := app.New(db).PersonAccesses(ctx, fxActor(po), 7, 0, 5)
		if err != nil || len(page.Entries) != 5 || page.Next != page.Entries[4].Seq {
			t.Fatalf("page of 5: %d entries, next %d, %v", len(page.Entries), page.Next, err)
		}
		_, err = app.New(db).PersonAccesses(ctx, fxActor(po), 7, 0, storage.PersonAccessesMaxPageSize+1)
		fxWantCode(t, err, schakel.EINVALID)

		// Looking at an older page is itself in the trail, with the cursor.
		es, err := fxPersonAccesses(ctx, db, fxActor(po), 7)
		if err != nil {
			t.Fatal(err)
		}
		var paged int
		for _, e := range es {
			if e.ResourceType == "person_accesses" && e.UserID == po.ID && e.Detail != "" {
				paged++
			}
		}
		if paged != 2 {
			t.Errorf("%d looks at older pages in the trail, want 2", paged)
		}
	})
}

// TestPersonAccessesOtherPrincipals checks that a family member and the
// system get no answer through the professionals' route, and that each
// attempt is audited under its principal.
func TestPersonAccessesOtherPrincipals(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		for _, a := range []*schakel.Actor{
			{FamilyMember: &schakel.FamilyMember{ID: 4, PersonID: 7, FamilyID: 1, Name: "Ouder"}, ClientAddr: "192.0.2.4"},
			schakel.SystemActor("geplande taak"),
		} {
			before := fxCount(t, db)
			_, err := fxPersonAccesses(ctx, db, a, 7)
			fxWantCode(t, err, schakel.EFORBIDDEN)
			if n := fxCount(t, db); n != before+1 {
				t.Fatalf("%s: the refusal left %d entries, want 1", a.Kind(), n-before)
			}
		}
		vt := fxOrg(t, db, schakel.VeiligThuis)
		po := fxPro(t, db, vt, schakel.RolePrivacyOfficer)
		if err := db.KnowPersonForTest(ctx, vt.ID, po.ID, 7); err != nil {
			t.Fatal(err)
		}
		es, err := fxPersonAccesses(ctx, db, fxActor(po), 7)
		if err != nil || len(es) != 2 {
			t.Fatalf("accesses to person 7: %d, %v", len(es), err)
		}
		if es[0].PrincipalKind != "system" || es[0].OnBehalfOf != "geplande taak" ||
			es[1].PrincipalKind != "family_member" || es[1].PrincipalID != 4 || es[1].UserName != "Ouder" {
			t.Fatalf("refusals recorded as %+v", es)
		}
		for _, e := range es {
			if e.Outcome != audit.Refused || e.Version != audit.Version2 {
				t.Errorf("entry %d: outcome %s, version %d", e.Seq, e.Outcome, e.Version)
			}
		}
	})
}
