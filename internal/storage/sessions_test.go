package storage_test

import (
	"context"
	"schakel/internal/app"
	"testing"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// fxClock is a settable clock for db.Now.
type fxClock struct{ now time.Time }

func (c *fxClock) Now() time.Time                   { return c.now }
func (c *fxClock) Advance(d time.Duration) *fxClock { c.now = c.now.Add(d); return c }

func fxSetClock(db *storage.DB) *fxClock {
	c := &fxClock{now: time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)}
	db.Now = c.Now
	return c
}

func TestSessions(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := fxSetClock(db)
		org := fxOrg(t, db, schakel.VeiligThuis)
		worker := fxPro(t, db, org, schakel.RoleCaseWorker, schakel.RoleIntake)
		po := fxPro(t, db, org, schakel.RolePrivacyOfficer)
		const idle, maxAge = 30 * time.Minute, 2 * time.Hour

		if err := db.CreateSession(ctx, fxActor(worker), "hash-a", maxAge); err != nil {
			t.Fatal(err)
		}
		p, err := db.SessionProfessional(ctx, "hash-a", idle)
		if err != nil {
			t.Fatal(err)
		}
		if p.ID != worker.ID || p.Email != worker.Email || len(p.Roles) != 2 || p.Organisation.ID != org.ID {
			t.Fatalf("session professional %+v, want %+v", p, worker)
		}
		es := fxTrail(t, db, po, storage.AuditFilter{UserID: worker.ID, Event: audit.EventLogin})
		if len(es) != 1 || es[0].Outcome != audit.Allowed || es[0].AccessBasis != audit.BasisSelf || es[0].ClientAddr == "" {
			t.Fatalf("login entries %+v", es)
		}

		t.Run("unknown", func(t *testing.T) {
			_, err := db.SessionProfessional(ctx, "hash-onbekend", idle)
			fxWantCode(t, err, schakel.EUNAUTHENTICATED)
		})

		t.Run("activity keeps the session alive", func(t *testing.T) {
			// Three visits, each 20 minutes after the one before: longer
			// in total than the idle timeout, but never idle for so long.
			for i := range 3 {
				clock.Advance(20 * time.Minute)
				if _, err := db.SessionProfessional(ctx, "hash-a", idle); err != nil {
					t.Fatalf("visit %d: %v", i, err)
				}
			}
		})

		t.Run("absolute expiry", func(t *testing.T) {
			// Created at 09:00 with a maximum age of two hours; the
			// visits above brought the clock to 10:00.
			for clock.Now().Before(time.Date(2025, 6, 2, 11, 0, 0, 0, time.UTC)) {
				clock.Advance(20 * time.Minute)
				if _, err := db.SessionProfessional(ctx, "hash-a", idle); err != nil {
					t.Fatalf("at %s: %v", clock.Now().Format("15:04"), err)
				}
			}
			clock.Advance(time.Minute)
			_, err := db.SessionProfessional(ctx, "hash-a", idle)
			fxWantCode(t, err, schakel.EUNAUTHENTICATED)
		})

		t.Run("idle timeout", func(t *testing.T) {
			if err := db.CreateSession(ctx, fxActor(worker), "hash-b", maxAge); err != nil {
				t.Fatal(err)
			}
			clock.Advance(idle + time.Second)
			_, err := db.SessionProfessional(ctx, "hash-b", idle)
			fxWantCode(t, err, schakel.EUNAUTHENTICATED)
			// The idle session was removed: turning the clock back does
			// not revive it.
			clock.Advance(-idle)
			_, err = db.SessionProfessional(ctx, "hash-b", idle)
			fxWantCode(t, err, schakel.EUNAUTHENTICATED)
		})

		t.Run("logout", func(t *testing.T) {
			if err := db.CreateSession(ctx, fxActor(worker), "hash-c", maxAge); err != nil {
				t.Fatal(err)
			}
			if err := db.DeleteSession(ctx, "hash-c"); err != nil {
				t.Fatal(err)
			}
			_, err := db.SessionProfessional(ctx, "hash-c", idle)
			fxWantCode(t, err, schakel.EUNAUTHENTICATED)
		})

		t.Run("disabled account", func(t *testing.T) {
			if err := db.CreateSession(ctx, fxActor(po), "hash-po", maxAge); err != nil {
				t.Fatal(err)
			}
			// Disabled directly, as an operator would on the command line.
			if err := db.Update(ctx, func(tx *storage.Tx) error { return app.SetProfessionalActiveIn(tx, nil, po.ID, false) }); err != nil {
				t.Fatal(err)
			}
			_, err := db.SessionProfessional(ctx, "hash-po", idle)
			fxWantCode(t, err, schakel.EUNAUTHENTICATED)
			c, err := db.Credentials(ctx, po.Email)
			if err != nil || c.Active {
				t.Fatalf("credentials of the disabled account: %+v, %v", c, err)
			}
		})
	})
}

func TestTokens(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := fxSetClock(db)
		org := fxOrg(t, db, schakel.Zorgaanbieder)
		worker := fxPro(t, db, org, schakel.RoleCareCoordinator)
		var id1, id2 int64
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			var err error
			if id1, err = tx.CreateToken(worker.ID, "koppeling", "hash-1"); err != nil {
				return err
			}
			id2, err = tx.CreateToken(worker.ID, "rapportage", "hash-2")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		before := fxCount(t, db)

		p, name, err := db.TokenProfessional(ctx, "hash-1")
		if err != nil || p.ID != worker.ID || name != "koppeling" {
			t.Fatalf("token lookup = %d %q %v", p.ID, name, err)
		}
		_, _, err = db.TokenProfessional(ctx, "hash-onbekend")
		fxWantCode(t, err, schakel.EUNAUTHENTICATED)

		toks, err := db.Tokens(ctx, worker.ID)
		if err != nil || len(toks) != 2 {
			t.Fatalf("tokens %+v, %v", toks, err)
		}
		if toks[0].ID != id1 || toks[0].Name != "koppeling" || toks[0].LastUsedAt == nil || !toks[0].LastUsedAt.Equal(clock.Now()) ||
			toks[1].LastUsedAt != nil || toks[0].RevokedAt != nil || !toks[0].CreatedAt.Equal(clock.Now()) {
			t.Fatalf("tokens after one use: %+v", toks)
		}

		if err := db.Update(ctx, func(tx *storage.Tx) error { return tx.RevokeToken(id1) }); err != nil {
			t.Fatal(err)
		}
		_, _, err = db.TokenProfessional(ctx, "hash-1")
		fxWantCode(t, err, schakel.EUNAUTHENTICATED)
		if _, _, err := db.TokenProfessional(ctx, "hash-2"); err != nil {
			t.Fatalf("revoking one token ended the other: %v", err)
		}
		err = db.Update(ctx, func(tx *storage.Tx) error { return tx.RevokeToken(id1) })
		fxWantCode(t, err, schakel.ENOTFOUND)
		err = db.Update(ctx, func(tx *storage.Tx) error { return tx.RevokeToken(id2 + 100) })
		fxWantCode(t, err, schakel.ENOTFOUND)
		if n := fxCount(t, db); n != before+1 {
			t.Fatalf("%d audit entries for one revocation, want 1", n-before)
		}
		toks, _ = db.Tokens(ctx, worker.ID)
		if toks[0].RevokedAt == nil || !toks[0].RevokedAt.Equal(clock.Now()) || toks[1].RevokedAt != nil {
			t.Fatalf("tokens after revocation: %+v", toks)
		}
		// Duplicate secrets cannot be stored.
		if err := db.Update(ctx, func(tx *storage.Tx) error { _, err := tx.CreateToken(worker.ID, "dubbel", "hash-2"); return err }); err == nil {
			t.Fatal("a token hash was stored twice")
		}
	})
}
