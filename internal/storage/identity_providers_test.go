package storage_test

import (
	"context"
	"schakel/internal/app"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

func fxProvider(orgID int64, domains ...string) *schakel.IdentityProvider {
	return &schakel.IdentityProvider{OrganisationID: orgID, Issuer: "https://login.example", ClientID: "schakel",
		SecretRef: "env:SCHAKEL_OIDC_SECRET_T", Domains: domains}
}

func fxSetProvider(t *testing.T, db *storage.DB, actor *schakel.Actor, p *schakel.IdentityProvider) error {
	t.Helper()
	return app.New(db).SetIdentityProvider(context.Background(), actor, p)
}

func TestIdentityProviders(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		org, other := fxOrg(t, db, schakel.Jeugdbescherming), fxOrg(t, db, schakel.Wijkteam)
		admin, otherAdmin := fxPro(t, db, org, schakel.RoleAdmin), fxPro(t, db, other, schakel.RoleAdmin)
		po := fxPro(t, db, org, schakel.RolePrivacyOfficer)

		p := fxProvider(org.ID, "JB.example", "@jb-west.example")
		if err := fxSetProvider(t, db, fxActor(admin), p); err != nil {
			t.Fatalf("set: %v", err)
		}
		got, err := db.IdentityProviderForDomain(ctx, "jb.example")
		if err != nil || got.ID != p.ID || strings.Join(got.Domains, ",") != "jb-west.example,jb.example" || got.Claim != "email" {
			t.Fatalf("by domain: %+v %v", got, err)
		}
		if has, err := db.HasIdentityProviders(ctx); err != nil || !has {
			t.Fatalf("HasIdentityProviders = %v %v", has, err)
		}

		t.Run("another organisation's administrator is refused and audited", func(t *testing.T) {
			before := fxCount(t, db)
			err := fxSetProvider(t, db, fxActor(otherAdmin), fxProvider(org.ID, "evil.example"))
			fxWantCode(t, err, schakel.EFORBIDDEN)
			if n := fxCount(t, db); n != before+1 {
				t.Fatalf("a refusal leaves one entry, got %d", n-before)
			}
			_, err = app.New(db).IdentityProviderOf(ctx, fxActor(otherAdmin), org.ID)
			fxWantCode(t, err, schakel.EFORBIDDEN)
		})
		t.Run("a domain belongs to one organisation", func(t *testing.T) {
			err := fxSetProvider(t, db, fxActor(otherAdmin), fxProvider(other.ID, "jb.example"))
			fxWantCode(t, err, schakel.ECONFLICT)
			fxWantField(t, err, "domains")
		})
		t.Run("invalid input names the fields", func(t *testing.T) {
			bad := fxProvider(org.ID)
			bad.SecretRef = "letterlijk-geheim"
			err := fxSetProvider(t, db, fxActor(admin), bad)
			fxWantField(t, err, "secret_ref")
			fxWantField(t, err, "domains")
		})
		t.Run("changes are audited without the secret", func(t *testing.T) {
			es := fxTrail(t, db, po, storage.AuditFilter{UserID: admin.ID})
			if len(es) == 0 || es[0].ResourceType != "identity_provider" || es[0].Event != audit.EventCreate ||
				!strings.Contains(es[0].Detail, "env:SCHAKEL_OIDC_SECRET_T") {
				t.Fatalf("entries %+v", es)
			}
		})
		t.Run("removing ends single sign-on", func(t *testing.T) {
			if err := app.New(db).RemoveIdentityProvider(ctx, fxActor(admin), org.ID); err != nil {
				t.Fatal(err)
			}
			_, err := db.IdentityProviderForDomain(ctx, "jb.example")
			fxWantCode(t, err, schakel.ENOTFOUND)
		})
	})
}

func TestLoginWithIdentity(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		org, other := fxOrg(t, db, schakel.Jeugdbescherming), fxOrg(t, db, schakel.Wijkteam)
		admin, worker := fxPro(t, db, org, schakel.RoleAdmin), fxPro(t, db, org, schakel.RoleCaseWorker)
		stranger := fxPro(t, db, other, schakel.RoleCaseWorker)
		po := fxPro(t, db, org, schakel.RolePrivacyOfficer)
		p := fxProvider(org.ID, "jb.example")
		if err := fxSetProvider(t, db, nil, p); err != nil {
			t.Fatal(err)
		}
		browser := &schakel.Actor{ClientAddr: "192.0.2.7", Workstation: "testbrowser"}
		login := func(sub, claim, hash string) (schakel.Professional, error) {
			return app.New(db).LoginWithIdentity(ctx, browser, storage.OIDCLogin{ProviderID: p.ID, Subject: sub, Claim: claim, SessionHash: hash, MaxAge: time.Hour})
		}

		// First login: linked by the e-mail claim (any case), then by subject.
		got, err := login("sub-worker", strings.ToUpper(worker.Email), "h1")
		if err != nil || got.ID != worker.ID {
			t.Fatalf("first login: %+v %v", got, err)
		}
		if got, err = login("sub-worker", "changed@elsewhere.example", "h2"); err != nil || got.ID != worker.ID {
			t.Fatalf("login by subject: %+v %v", got, err)
		}
		if pid, err := db.SessionIdentityProvider(ctx, "h2"); err != nil || pid != p.ID {
			t.Fatalf("session provider %d %v", pid, err)
		}
		es := fxTrail(t, db, po, storage.AuditFilter{UserID: worker.ID})
		var logins, links int
		for _, e := range es {
			switch {
			case e.Event == audit.EventLogin && e.Detail == "method oidc" && e.Outcome == audit.Allowed:
				logins++
			case e.ResourceType == "professional_identity":
				links++
			}
		}
		if logins != 2 || links != 1 {
			t.Fatalf("audit: %d logins, %d links in %+v", logins, links, es)
		}

		tests := []struct {
			name, sub, claim string
			want             error
			adminTold        bool
		}{
			{"unknown e-mail", "sub-x", "nieuw@jb.example", app.ErrUnknownIdentity, true},
			{"a professional of another organisation", "sub-y", stranger.Email, app.ErrUnknownIdentity, true},
			{"a second subject for a linked professional", "sub-z", worker.Email, app.ErrIdentityTaken, true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := fxCount(t, db)
				_, err := login(tt.sub, tt.claim, "h-"+tt.sub)
				if err != tt.want {
					t.Fatalf("got %v, want %v", err, tt.want)
				}
				if _, err := db.SessionProfessional(ctx, "h-"+tt.sub, time.Hour); err == nil {
					t.Fatal("a refused login opened a session")
				}
				if n := fxCount(t, db); n != before+1 {
					t.Fatalf("want one audit entry, got %d", n-before)
				}
				items, err := app.New(db).Worklist(ctx, fxActor(admin), app.WorkFilter{Scope: "mine"})
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, it := range items {
					found = found || (it.Kind == "notice" && strings.Contains(it.Title, tt.claim))
				}
				if found != tt.adminTold {
					t.Fatalf("administrator told: %v, want %v (%+v)", found, tt.adminTold, items)
				}
			})
		}
		t.Run("the administrator is told once per identity", func(t *testing.T) {
			if _, err := login("sub-x", "nieuw@jb.example", "h-again"); err != app.ErrUnknownIdentity {
				t.Fatal(err)
			}
			items, err := app.New(db).Worklist(ctx, fxActor(admin), app.WorkFilter{Scope: "mine"})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, it := range items {
				if strings.Contains(it.Title, "nieuw@jb.example") {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("%d work items for one identity", n)
			}
		})
		t.Run("a disabled account", func(t *testing.T) {
			if err := db.Update(ctx, func(tx *storage.Tx) error { return app.SetProfessionalActiveIn(tx, nil, worker.ID, false) }); err != nil {
				t.Fatal(err)
			}
			if _, err := login("sub-worker", worker.Email, "h-off"); err != app.ErrAccountDisabled {
				t.Fatalf("got %v", err)
			}
		})
		t.Run("flows are used once and expire", func(t *testing.T) {
			f := storage.OIDCFlow{StateHash: "s1", NonceHash: "n1", ProviderID: p.ID, Next: "/x", StepUpSession: "sessie-hash"}
			if err := db.StartOIDCFlow(ctx, f, time.Minute); err != nil {
				t.Fatal(err)
			}
			got, err := db.TakeOIDCFlow(ctx, "s1")
			f.StartedAt = got.StartedAt // when it began: the clock of a fresh login at the provider
			if err != nil || got != f || got.StartedAt.IsZero() {
				t.Fatalf("take: %+v %v", got, err)
			}
			_, err = db.TakeOIDCFlow(ctx, "s1")
			fxWantCode(t, err, schakel.ENOTFOUND)
			if err := db.StartOIDCFlow(ctx, storage.OIDCFlow{StateHash: "s2", NonceHash: "n", ProviderID: p.ID, Next: "/"}, -time.Second); err != nil {
				t.Fatal(err)
			}
			_, err = db.TakeOIDCFlow(ctx, "s2")
			fxWantCode(t, err, schakel.ENOTFOUND)
		})
	})
}
