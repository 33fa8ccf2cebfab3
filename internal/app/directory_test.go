package app_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// auditGrowth runs fn and returns how many audit entries it added.
func auditGrowth(t *testing.T, db *storage.DB, fn func()) int64 {
	t.Helper()
	before, err := db.RowCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fn()
	after, err := db.RowCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return after["audit_log"] - before["audit_log"]
}

// TestDirectoryReads: every professional reads the directory (regions,
// organisations, professionals, the roster) without an audit entry, as
// before the use cases; a family member is refused, audited once, and
// nothing else is written.
func TestDirectoryReads(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		vt := sanne.Professional.Organisation.ID
		now := time.Now()
		if n := auditGrowth(t, db, func() {
			pros, err := uc.Professionals(ctx, sanne, storage.ProfessionalFilter{OrganisationID: vt, ActiveOnly: true})
			if err != nil || len(pros) == 0 {
				t.Fatalf("professionals %v %v", pros, err)
			}
			for _, p := range pros {
				if p.Organisation.ID != vt || !p.Active {
					t.Errorf("filter not applied: %+v", p)
				}
			}
			if p, err := uc.Professional(ctx, sanne, pros[0].ID); err != nil || p.ID != pros[0].ID {
				t.Errorf("professional %+v %v", p, err)
			}
			if orgs, err := uc.Organisations(ctx, sanne); err != nil || len(orgs) == 0 {
				t.Errorf("organisations %v %v", orgs, err)
			}
			if rs, err := uc.Regions(ctx, sanne); err != nil || len(rs) == 0 {
				t.Errorf("regions %v %v", rs, err)
			}
			if _, err := uc.DutyRoster(ctx, sanne, now, now.Add(time.Hour)); err != nil {
				t.Errorf("roster: %v", err)
			}
		}); n != 0 {
			t.Errorf("directory reads wrote %d audit entries, want 0", n)
		}
		member := &schakel.Actor{FamilyMember: &schakel.FamilyMember{ID: 1, PersonID: 1, FamilyID: 1, Name: "Ouder"}}
		runRefused(t, db, []refused{
			{"organisations by a family member", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.Organisations(ctx, member)
				return err
			}},
			{"professionals by a family member", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.Professionals(ctx, member, storage.ProfessionalFilter{})
				return err
			}},
			{"the roster by a family member", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.DutyRoster(ctx, member, now, now.Add(time.Hour))
				return err
			}},
			{"municipalities by the system", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.Municipalities(ctx, schakel.SystemActor("test"), 0)
				return err
			}},
		})
		if n := auditGrowth(t, db, func() {
			if _, err := uc.Regions(ctx, member); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Errorf("regions by a family member: %v", err)
			}
		}); n != 1 {
			t.Errorf("a refused directory read wrote %d audit entries, want 1", n)
		}
	})
}

// TestProfessionalAccount: an organisation's administrator reads its
// accounts' login state, audited; an administrator of another organisation
// and a worker are refused, audited, and read nothing.
func TestProfessionalAccount(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		joost := demoActor(t, db, demo.Email("Joost", "vt"))
		marco := demoActor(t, db, demo.Email("Marco", "jb"))
		if n := auditGrowth(t, db, func() {
			acc, err := uc.ProfessionalAccount(ctx, joost, sanne.Professional.ID)
			if err != nil || acc.ID != sanne.Professional.ID || acc.Email != sanne.Professional.Email {
				t.Fatalf("account %+v %v", acc, err)
			}
			if acc.HasFactor || acc.Linked {
				t.Errorf("a demo account without factor or link: %+v", acc)
			}
		}); n != 1 {
			t.Errorf("reading an account wrote %d audit entries, want 1", n)
		}
		if _, err := uc.ProfessionalAccount(ctx, joost, 987654); schakel.ErrorCode(err) != schakel.ENOTFOUND {
			t.Errorf("an account that does not exist: %v", err)
		}
		runRefused(t, db, []refused{
			{"an account of another organisation", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.ProfessionalAccount(ctx, marco, sanne.Professional.ID)
				return err
			}},
			{"an account by a worker", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.ProfessionalAccount(ctx, sanne, joost.Professional.ID)
				return err
			}},
			{"another organisation's second-factor rule", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.SecondFactorRequiredOf(ctx, marco, joost.Professional.Organisation.ID)
				return err
			}},
		})
		if err := uc.SetSecondFactorRequired(ctx, joost, joost.Professional.Organisation.ID, true); err != nil {
			t.Fatal(err)
		}
		if req, err := uc.SecondFactorRequiredOf(ctx, joost, joost.Professional.Organisation.ID); err != nil || !req {
			t.Errorf("second factor required = %v, %v; want true", req, err)
		}
	})
}
