package storage_test

import (
	"context"
	"schakel/internal/app"
	"testing"
	"time"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

func TestSessionsYouCanSee(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := fxSetClock(db)
		org, other := fxOrg(t, db, schakel.Jeugdbescherming), fxOrg(t, db, schakel.Wijkteam)
		worker, admin := fxPro(t, db, org, schakel.RoleCaseWorker), fxPro(t, db, org, schakel.RoleAdmin)
		otherAdmin := fxPro(t, db, other, schakel.RoleAdmin)
		const idle = 30 * time.Minute
		for _, h := range []string{"w1", "w2"} {
			if err := db.CreateSession(ctx, fxActor(worker), h, time.Hour); err != nil {
				t.Fatal(err)
			}
			clock.Advance(time.Minute)
		}
		mine, err := db.MySessions(ctx, fxActor(worker), "w2", idle)
		if err != nil || len(mine) != 2 || !mine[0].Current || mine[1].Current || mine[0].LoginMethod != schakel.LoginPassword ||
			mine[0].ClientAddr == "" || mine[0].UserAgent == "" || mine[0].ID == "" {
			t.Fatalf("my sessions %+v %v", mine, err)
		}

		// Another organisation's administrator sees none and ends none.
		_, err = app.New(db).OrganisationSessions(ctx, fxActor(otherAdmin), org.ID, "", idle)
		fxWantCode(t, err, schakel.EFORBIDDEN)
		before := fxCount(t, db)
		fxWantCode(t, app.New(db).EndSessionByID(ctx, fxActor(otherAdmin), mine[1].ID), schakel.ENOTFOUND)
		if fxCount(t, db) != before+1 {
			t.Fatal("a refused attempt to end a session leaves one audit entry")
		}
		// The organisation's administrator sees and ends them.
		all, err := app.New(db).OrganisationSessions(ctx, fxActor(admin), org.ID, "", idle)
		if err != nil || len(all) != 2 || all[0].Name != worker.Name {
			t.Fatalf("organisation sessions %+v %v", all, err)
		}
		if err := app.New(db).EndSessionByID(ctx, fxActor(admin), mine[1].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SessionProfessional(ctx, "w1", idle); err == nil {
			t.Fatal("an ended session still works")
		}
		// The owner ends the others; the current one stays.
		if err := db.CreateSession(ctx, fxActor(worker), "w3", time.Hour); err != nil {
			t.Fatal(err)
		}
		if n, err := db.EndOtherSessions(ctx, fxActor(worker), "w2"); err != nil || n != 1 {
			t.Fatalf("ended %d others: %v", n, err)
		}
		if mine, err = db.MySessions(ctx, fxActor(worker), "w2", idle); err != nil || len(mine) != 1 || !mine[0].Current {
			t.Fatalf("after ending the others: %+v %v", mine, err)
		}
		// An idle session is not listed.
		clock.Advance(idle + time.Minute)
		if mine, err = db.MySessions(ctx, fxActor(worker), "w2", idle); err != nil || len(mine) != 0 {
			t.Fatalf("idle sessions listed: %+v %v", mine, err)
		}
	})
}

func TestUnlinkIdentityEndsEverything(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		org := fxOrg(t, db, schakel.Jeugdbescherming)
		worker, admin := fxPro(t, db, org, schakel.RoleCaseWorker), fxPro(t, db, org, schakel.RoleAdmin)
		p := fxProvider(org.ID, "jb-unlink.example")
		if err := fxSetProvider(t, db, nil, p); err != nil {
			t.Fatal(err)
		}
		if _, err := app.New(db).LoginWithIdentity(ctx, &schakel.Actor{ClientAddr: "192.0.2.1"}, storage.OIDCLogin{ProviderID: p.ID, Subject: "s", Claim: worker.Email,
			SessionHash: "u1", MaxAge: time.Hour}); err != nil {
			t.Fatal(err)
		}
		var tokenID int64
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			var err error
			tokenID, err = tx.CreateToken(worker.ID, "koppeling", "token-hash")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if linked, err := db.IsLinked(ctx, worker.ID); err != nil || !linked {
			t.Fatalf("linked %v %v", linked, err)
		}
		if err := app.New(db).UnlinkIdentity(ctx, fxActor(admin), worker.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SessionProfessional(ctx, "u1", time.Hour); err == nil {
			t.Fatal("the session outlived the unlink")
		}
		if _, _, err := db.TokenProfessional(ctx, "token-hash"); err == nil {
			t.Fatalf("token %d outlived the unlink", tokenID)
		}
		err := app.New(db).UnlinkIdentity(ctx, fxActor(admin), worker.ID)
		fxWantCode(t, err, schakel.ENOTFOUND)
	})
}
