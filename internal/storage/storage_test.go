package storage_test

import (
	"context"
	"schakel/internal/app"
	"testing"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

func TestOpenAndMigrate(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		cur, known, err := db.SchemaVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if cur != known || cur == 0 {
			t.Fatalf("schema at %d, binary knows %d", cur, known)
		}
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			rid, err := tx.CreateRegion("Testregio")
			if err != nil {
				return err
			}
			return app.CreateOrganisationIn(tx, nil, &schakel.Organisation{RegionID: rid, Name: "VT", Kind: schakel.VeiligThuis})
		}); err != nil {
			t.Fatal(err)
		}
		orgs, err := db.Organisations(ctx)
		if err != nil || len(orgs) != 1 {
			t.Fatalf("organisations = %v, %v", orgs, err)
		}
	})
}
