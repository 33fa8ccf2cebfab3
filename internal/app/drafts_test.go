package app_test

import (
	"context"
	"testing"

	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestDraftsNamedAfterTheFamily: the list names each draft after the
// family names typed in it; a list that shows a name is audited, a list
// without names (nothing typed yet, or not a report yet) is not.
func TestDraftsNamedAfterTheFamily(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		me := demoActor(t, db, demo.Email("Sanne", "vt"))
		for _, data := range []string{`{"children":[],"adults":[]}`, `not json yet`} {
			if _, err := uc.SaveDraft(ctx, me, 0, data); err != nil {
				t.Fatal(err)
			}
		}
		before := auditRows(t, db)
		ds, err := uc.Drafts(ctx, me)
		if err != nil || len(ds) != 2 || ds[0].Family != "" || ds[1].Family != "" {
			t.Fatalf("unnamed drafts: %+v %v", ds, err)
		}
		if n := auditRows(t, db); n != before {
			t.Errorf("a list without names wrote %d audit entries", n-before)
		}
		if _, err := uc.SaveDraft(ctx, me, 0, `{"children":[{"family_name":"Jansen"}],"adults":[{"family_name":"de Vries"}]}`); err != nil {
			t.Fatal(err)
		}
		before = auditRows(t, db)
		ds, err = uc.Drafts(ctx, me)
		if err != nil || len(ds) != 3 {
			t.Fatalf("drafts: %+v %v", ds, err)
		}
		named := 0
		for _, d := range ds {
			if d.Family == "Jansen / de Vries" {
				named++
			}
			if d.Data != "" {
				t.Errorf("the list carries a draft's data: %+v", d)
			}
		}
		if named != 1 {
			t.Errorf("want one draft named Jansen / de Vries: %+v", ds)
		}
		if n := auditRows(t, db); n != before+1 {
			t.Errorf("a list with a family name wrote %d audit entries, want 1", n-before)
		}
	})
}

// TestDraftRoundTrip: a draft saved is read back as typed, updated in
// place, and gone after it is deleted; each step is audited.
func TestDraftRoundTrip(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		me := demoActor(t, db, demo.Email("Sanne", "vt"))
		before := auditRows(t, db)
		d, err := uc.SaveDraft(ctx, me, 0, `{"narrative":"eerst"}`)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.SaveDraft(ctx, me, d.ID, `{"narrative":"daarna"}`); err != nil {
			t.Fatal(err)
		}
		got, err := uc.Draft(ctx, me, d.ID)
		if err != nil || got.Data != `{"narrative":"daarna"}` || got.ID != d.ID {
			t.Fatalf("read back %+v %v", got, err)
		}
		if err := uc.DeleteDraft(ctx, me, d.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.Draft(ctx, me, d.ID); err == nil {
			t.Errorf("a deleted draft is still read")
		}
		if n := auditRows(t, db); n != before+4 {
			t.Errorf("save, save, read and delete wrote %d audit entries, want 4", n-before)
		}
	})
}
