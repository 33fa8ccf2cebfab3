package storage_test

import (
	"bytes"
	"context"
	"testing"

	"schakel"
	"schakel/internal/sealed"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestTOTPKeysSealedAtRest: with a key, an app's key is stored sealed and
// read back plain; keys written before (unsealed) keep working and are
// sealed by SealTOTPSecrets, once; without the key a sealed key is not
// readable.
func TestTOTPKeysSealedAtRest(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			db := storagetest.Open(t, e)
			ctx := context.Background()
			pid := fxPro(t, db, fxOrg(t, db, schakel.VeiligThuis), schakel.RoleCaseWorker).ID
			const key = "JBSWY3DPEHPK3PXP"
			enrol := func() {
				t.Helper()
				err := db.Update(ctx, func(tx *storage.Tx) error {
					if err := tx.SetPendingTOTP(pid, key); err != nil {
						return err
					}
					ok, err := tx.ConfirmTOTP(pid, key, 1)
					if err == nil && !ok {
						t.Errorf("confirm refused")
					}
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			read := func() (string, error) {
				var f storage.TOTPFactor
				err := db.View(ctx, func(tx *storage.Tx) error {
					var err error
					f, _, err = tx.TOTPFactor(pid)
					return err
				})
				return f.Secret, err
			}
			enrol() // before encryption: stored as it is
			box, err := sealed.New(bytes.Repeat([]byte{3}, 32))
			if err != nil {
				t.Fatal(err)
			}
			db.Secrets = box
			if got, err := read(); err != nil || got != key {
				t.Fatalf("an unsealed key after turning encryption on: %q %v", got, err)
			}
			if n, err := db.SealTOTPSecrets(ctx); err != nil || n != 1 {
				t.Fatalf("sealed %d, %v; want 1", n, err)
			}
			if n, _ := db.SealTOTPSecrets(ctx); n != 0 {
				t.Fatalf("a second run sealed %d", n)
			}
			if got, err := read(); err != nil || got != key {
				t.Fatalf("a sealed key read back: %q %v", got, err)
			}
			enrol() // with encryption: a new key, sealed, confirmed by its plain value
			if got, err := read(); err != nil || got != key {
				t.Fatalf("a key enrolled sealed: %q %v", got, err)
			}
			db.Secrets = nil
			if _, err := read(); err == nil {
				t.Fatal("a sealed key read without the key")
			}
			db.Secrets = box
		})
	}
}
