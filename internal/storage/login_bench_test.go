package storage_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/storage"
)

// BenchmarkTokenLogin looks up an API token with its professional, as
// every API request does before anything else.
func BenchmarkTokenLogin(b *testing.B) {
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		ctx := context.Background()
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			_, err := tx.CreateToken(actor.Professional.ID, "bench", "benchhash")
			return err
		}); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, _, _, err := db.TokenLogin(ctx, "benchhash"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
