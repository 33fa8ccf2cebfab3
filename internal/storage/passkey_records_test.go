package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestPasskeyRecords: passkeys are a professional's own (renamed and removed
// only by their owner's id), a credential id is stored once, a clone
// warning stays once set, and a removed professional takes them along.
func TestPasskeyRecords(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		fxSetClock(db)
		org := fxOrg(t, db, schakel.VeiligThuis)
		me, other := fxPro(t, db, org, schakel.RoleCaseWorker), fxPro(t, db, org, schakel.RoleCaseWorker)
		update := func(fn func(tx *storage.Tx) error) error { return db.Update(ctx, fn) }
		var id int64
		must(t, update(func(tx *storage.Tx) (err error) {
			id, err = tx.InsertPasskey(storage.Passkey{ProfessionalID: me.ID, CredentialID: "cred-a", Name: "laptop", Credential: []byte(`{"id":"a"}`), SignCount: 1})
			return err
		}))
		if err := update(func(tx *storage.Tx) error {
			_, err := tx.InsertPasskey(storage.Passkey{ProfessionalID: other.ID, CredentialID: "cred-a", Name: "dubbel", Credential: []byte(`{}`)})
			return err
		}); err == nil {
			t.Fatal("a credential id was stored twice")
		}
		must(t, update(func(tx *storage.Tx) error {
			if ok, err := tx.RenamePasskey(other.ID, id, "van een ander"); err != nil || ok {
				t.Errorf("another professional renamed it: %v %v", ok, err)
			}
			if ok, err := tx.RemovePasskey(other.ID, id); err != nil || ok {
				t.Errorf("another professional removed it: %v %v", ok, err)
			}
			if ok, err := tx.RenamePasskey(me.ID, id, "werklaptop"); err != nil || !ok {
				t.Errorf("rename: %v %v", ok, err)
			}
			if err := tx.PasskeyUsed(id, []byte(`{"id":"a","n":5}`), 5, true); err != nil {
				return err
			}
			return tx.PasskeyUsed(id, []byte(`{"id":"a","n":6}`), 6, false)
		}))
		must(t, update(func(tx *storage.Tx) error {
			keys, err := tx.Passkeys(me.ID)
			if err != nil {
				return err
			}
			if len(keys) != 1 || keys[0].Name != "werklaptop" || keys[0].SignCount != 6 || !keys[0].CloneWarning ||
				keys[0].LastUsedAt == nil || string(keys[0].Credential) != `{"id":"a","n":6}` {
				t.Errorf("stored passkey: %+v", keys)
			}
			return nil
		}))
		ok, err := db.HasSecondFactor(ctx, me.ID)
		if err != nil || !ok {
			t.Fatalf("HasSecondFactor with a passkey = %v, %v", ok, err)
		}
		must(t, update(func(tx *storage.Tx) error { return tx.RemoveSecondFactors(me.ID) }))
		if ok, err := db.HasSecondFactor(ctx, me.ID); err != nil || ok {
			t.Fatalf("after RemoveSecondFactors = %v, %v", ok, err)
		}
	})
}

// TestPasskeyCeremonies: one ceremony per owner and purpose, taken once,
// not after it expired, and not by another owner or purpose.
func TestPasskeyCeremonies(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := fxSetClock(db)
		me := fxPro(t, db, fxOrg(t, db, schakel.VeiligThuis), schakel.RoleCaseWorker)
		begin := func(owner, purpose, state string) {
			t.Helper()
			must(t, db.Update(ctx, func(tx *storage.Tx) error {
				return tx.BeginCeremony(owner, purpose, me.ID, []byte(state), 5*time.Minute)
			}))
		}
		take := func(owner, purpose string) (string, bool) {
			t.Helper()
			var state []byte
			var ok bool
			must(t, db.Update(ctx, func(tx *storage.Tx) error {
				pid, s, o, err := tx.TakeCeremony(owner, purpose)
				if o && pid != me.ID {
					t.Errorf("ceremony of %d, want %d", pid, me.ID)
				}
				state, ok = s, o
				return err
			}))
			return string(state), ok
		}
		begin("session-a", storage.CeremonyStepUp, "first")
		begin("session-a", storage.CeremonyStepUp, "second")
		if _, ok := take("session-b", storage.CeremonyStepUp); ok {
			t.Fatal("another session took the ceremony")
		}
		if _, ok := take("session-a", storage.CeremonyRegister); ok {
			t.Fatal("another purpose took the ceremony")
		}
		if s, ok := take("session-a", storage.CeremonyStepUp); !ok || s != "second" {
			t.Fatalf("take = %q %v, want the second one", s, ok)
		}
		if _, ok := take("session-a", storage.CeremonyStepUp); ok {
			t.Fatal("a ceremony was taken twice")
		}
		begin("login-x", storage.CeremonyLogin, "late")
		clock.Advance(5*time.Minute + time.Second)
		if _, ok := take("login-x", storage.CeremonyLogin); ok {
			t.Fatal("an expired ceremony was taken")
		}
		begin("session-c", storage.CeremonyRegister, "new") // clears the expired one
		counts, err := db.RowCounts(ctx)
		if err != nil || counts["passkey_ceremonies"] != 1 {
			t.Fatalf("ceremonies kept: %v, %v", counts["passkey_ceremonies"], err)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
