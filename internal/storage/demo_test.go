package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

func TestDemoRegion(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Now()
		loaded, err := demo.Load(ctx, db, now)
		if err != nil || !loaded {
			t.Fatalf("first load: loaded=%v, %v", loaded, err)
		}
		entries := fxCount(t, db)
		loaded, err = demo.Load(ctx, db, now)
		if err != nil || loaded {
			t.Fatalf("second load: loaded=%v, %v; want a no-op", loaded, err)
		}
		if n := fxCount(t, db); n != entries {
			t.Fatalf("the second load wrote %d audit entries", n-entries)
		}
		if ok, err := demo.Loaded(ctx, db); err != nil || !ok {
			t.Fatalf("Loaded = %v, %v", ok, err)
		}

		regions, err := db.Regions(ctx)
		if err != nil || len(regions) != 1 || regions[0].Name != demo.RegionName {
			t.Fatalf("regions %v, %v", regions, err)
		}
		orgs, err := db.Organisations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[schakel.OrganisationKind]int{}
		for _, o := range orgs {
			kinds[o.Kind]++
		}
		for _, k := range schakel.OrganisationKinds {
			if kinds[k] == 0 {
				t.Errorf("no demo organisation of kind %s", k)
			}
		}

		ps, err := db.ListProfessionals(ctx, storage.ProfessionalFilter{ActiveOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != len(demo.Accounts()) {
			t.Fatalf("%d professionals, %d demo accounts", len(ps), len(demo.Accounts()))
		}
		roles := map[schakel.Role]bool{}
		exps := map[schakel.Expertise]bool{}
		perOrg := map[int64]int{}
		for _, p := range ps {
			perOrg[p.Organisation.ID]++
			for _, r := range p.Roles {
				roles[r] = true
			}
			for _, e := range p.Expertises {
				exps[e] = true
			}
		}
		for _, r := range schakel.Roles {
			if !roles[r] {
				t.Errorf("no demo professional has role %s", r)
			}
		}
		for _, e := range schakel.Expertises {
			if !exps[e] {
				t.Errorf("no demo professional has expertise %s", e)
			}
		}
		for _, o := range orgs {
			if perOrg[o.ID] < 2 {
				t.Errorf("%s has %d professionals, want several", o.Name, perOrg[o.ID])
			}
		}
		// Every account is on the printed list and can log in.
		for _, a := range demo.Accounts() {
			if !slices.ContainsFunc(ps, func(p schakel.Professional) bool { return p.Email == a.Email }) {
				t.Errorf("demo account %s not in the database", a.Email)
			}
		}
		c, err := db.Credentials(ctx, demo.Email("Sanne", "vt"))
		if err != nil || !c.Active || auth.CheckPassword(demo.Password, c.PasswordHash) != nil {
			t.Fatalf("the demo account cannot log in: %+v %v", c, err)
		}
	})
}

// TestDemoRoster checks that someone is on duty now and all through the
// two weeks loaded, and that Veilig Thuis always has a confidential doctor
// among its two people on duty.
func TestDemoRoster(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Now()
		if _, err := demo.Load(ctx, db, now); err != nil {
			t.Fatal(err)
		}
		ps, err := db.ListProfessionals(ctx, storage.ProfessionalFilter{})
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]schakel.Professional{}
		for _, p := range ps {
			byID[p.ID] = p
		}
		for _, at := range []time.Time{now, now.Add(3*24*time.Hour + 5*time.Hour), now.Add(7 * 24 * time.Hour)} {
			shifts, err := db.DutyRoster(ctx, at, at.Add(time.Second))
			if err != nil {
				t.Fatal(err)
			}
			if len(shifts) == 0 {
				t.Fatalf("nobody on duty at %s", at.Format(time.RFC3339))
			}
			vt, doctor := 0, false
			for _, s := range shifts {
				if s.Start.After(at) || !s.End.After(at) {
					t.Fatalf("shift %+v does not cover %s", s, at)
				}
				p := byID[s.ProfessionalID]
				if p.Organisation.Kind == schakel.VeiligThuis {
					vt++
					doctor = doctor || p.HasRole(schakel.RoleConfidentialDoc)
				}
			}
			if vt != 2 || !doctor {
				t.Fatalf("at %s Veilig Thuis has %d on duty (doctor among them: %v), want 2 with a doctor", at.Format(time.RFC3339), vt, doctor)
			}
		}
	})
}

func TestDemoRefusesForeignData(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		fxOrg(t, db, schakel.Gemeente)
		loaded, err := demo.Load(context.Background(), db, time.Now())
		if !errors.Is(err, demo.ErrNotEmpty) || loaded {
			t.Fatalf("demo into a database with other organisations: loaded=%v, %v", loaded, err)
		}
		if ok, _ := demo.Loaded(context.Background(), db); ok {
			t.Fatal("the demo region was added next to real data")
		}
	})
}
