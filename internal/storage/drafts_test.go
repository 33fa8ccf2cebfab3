package storage_test

import (
	"context"
	"schakel/internal/app"
	"testing"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestDraftsNamedAfterTheFamily: the list names each draft after the
// family names typed in it; a list that shows a name is audited, a list
// without names (nothing typed yet, or not a report yet) is not.
func TestDraftsNamedAfterTheFamily(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		org := fxOrg(t, db, schakel.VeiligThuis)
		me := fxActor(fxPro(t, db, org, schakel.RoleIntake))
		if _, err := app.New(db).SaveDraft(ctx, me, 0, `{"children":[],"adults":[]}`); err != nil {
			t.Fatal(err)
		}
		if _, err := app.New(db).SaveDraft(ctx, me, 0, `not json yet`); err != nil {
			t.Fatal(err)
		}
		before := fxCount(t, db)
		ds, err := app.New(db).Drafts(ctx, me)
		if err != nil || len(ds) != 2 || ds[0].Family != "" || ds[1].Family != "" {
			t.Fatalf("unnamed drafts: %+v %v", ds, err)
		}
		if n := fxCount(t, db); n != before {
			t.Errorf("a list without names wrote %d audit entries", n-before)
		}
		if _, err := app.New(db).SaveDraft(ctx, me, 0, `{"children":[{"family_name":"Jansen"}],"adults":[{"family_name":"de Vries"}]}`); err != nil {
			t.Fatal(err)
		}
		before = fxCount(t, db)
		ds, err = app.New(db).Drafts(ctx, me)
		if err != nil || len(ds) != 3 {
			t.Fatalf("drafts: %+v %v", ds, err)
		}
		named := 0
		for _, d := range ds {
			if d.Family == "Jansen / de Vries" {
				named++
			}
		}
		if named != 1 {
			t.Errorf("want one draft named Jansen / de Vries: %+v", ds)
		}
		if n := fxCount(t, db); n != before+1 {
			t.Errorf("a list with a family name wrote %d audit entries, want 1", n-before)
		}
	})
}
