package storage_test

import (
	"context"
	"schakel/internal/app"
	"slices"
	"strconv"
	"testing"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

func fxCreate(db *storage.DB, actor *schakel.Actor, in schakel.ProfessionalInput) (int64, error) {
	var id int64
	err := db.Update(context.Background(), func(tx *storage.Tx) error {
		var err error
		id, err = app.CreateProfessionalIn(tx, actor, in)
		return err
	})
	return id, err
}

func TestProfessionalLifecycle(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		org := fxOrg(t, db, schakel.VeiligThuis)
		admin := fxPro(t, db, org, schakel.RoleAdmin)
		po := fxPro(t, db, org, schakel.RolePrivacyOfficer)

		// Create, by an administrator of the organisation.
		in := schakel.ProfessionalInput{OrganisationID: org.ID, Email: "  Eva.Jansen@Example.ORG ", Name: " Eva Jansen ",
			Team: "Artsen", Phone: "010-1234567",
			Roles:      []schakel.Role{schakel.RoleConfidentialDoc, schakel.RoleCaseWorker, schakel.RoleConfidentialDoc},
			Expertises: []schakel.Expertise{schakel.ExpSexualViolence, schakel.ExpDomestic}}
		id, err := fxCreate(db, fxActor(admin), in)
		if err != nil {
			t.Fatal(err)
		}
		p, err := db.Professional(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if p.Email != "eva.jansen@example.org" || p.Name != "Eva Jansen" || p.Team != "Artsen" || p.Phone != "010-1234567" ||
			!p.Active || p.Organisation.ID != org.ID || p.Organisation.Kind != schakel.VeiligThuis || p.CreatedAt.IsZero() {
			t.Fatalf("stored professional %+v", p)
		}
		if want := []schakel.Role{schakel.RoleCaseWorker, schakel.RoleConfidentialDoc}; !slices.Equal(p.Roles, want) {
			t.Fatalf("roles %v, want %v (sorted, without duplicates)", p.Roles, want)
		}
		if want := []schakel.Expertise{schakel.ExpDomestic, schakel.ExpSexualViolence}; !slices.Equal(p.Expertises, want) {
			t.Fatalf("expertises %v, want %v", p.Expertises, want)
		}
		byMail, err := db.ProfessionalByEmail(ctx, "EVA.JANSEN@example.org")
		if err != nil || byMail.ID != id {
			t.Fatalf("by e-mail: %v, %v", byMail.ID, err)
		}

		// List, with roles and expertises, and filters.
		all, err := db.ListProfessionals(ctx, storage.ProfessionalFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 3 {
			t.Fatalf("listed %d professionals, want 3", len(all))
		}
		for _, q := range all {
			if len(q.Roles) == 0 || q.Expertises == nil {
				t.Fatalf("listed %+v without roles or with nil expertises", q)
			}
			if q.ID == id && (!slices.Equal(q.Roles, p.Roles) || !slices.Equal(q.Expertises, p.Expertises)) {
				t.Fatalf("listed %+v, want the roles and expertises of %+v", q, p)
			}
		}

		// Update: name, team, roles and expertises change; e-mail and
		// organisation stay.
		err = db.Update(ctx, func(tx *storage.Tx) error {
			return app.UpdateProfessionalIn(tx, fxActor(admin), id, schakel.ProfessionalInput{Email: "ander@example.org",
				OrganisationID: 999, Name: "Eva de Jong", Team: "Crisisdienst",
				Roles: []schakel.Role{schakel.RoleTeamLead}, Expertises: nil})
		})
		if err != nil {
			t.Fatal(err)
		}
		p, _ = db.Professional(ctx, id)
		if p.Name != "Eva de Jong" || p.Team != "Crisisdienst" || p.Email != "eva.jansen@example.org" || p.Organisation.ID != org.ID ||
			!slices.Equal(p.Roles, []schakel.Role{schakel.RoleTeamLead}) || len(p.Expertises) != 0 {
			t.Fatalf("after update: %+v", p)
		}

		// Disable and enable.
		setActive := func(active bool) error {
			return db.Update(ctx, func(tx *storage.Tx) error { return app.SetProfessionalActiveIn(tx, fxActor(admin), id, active) })
		}
		if err := setActive(false); err != nil {
			t.Fatal(err)
		}
		if p, _ := db.Professional(ctx, id); p.Active {
			t.Fatal("still active after disabling")
		}
		active, err := db.ListProfessionals(ctx, storage.ProfessionalFilter{OrganisationID: org.ID, ActiveOnly: true})
		if err != nil || slices.ContainsFunc(active, func(q schakel.Professional) bool { return q.ID == id }) || len(active) != 2 {
			t.Fatalf("active list %v, %v: want the two others", active, err)
		}
		if err := setActive(true); err != nil {
			t.Fatal(err)
		}
		if p, _ := db.Professional(ctx, id); !p.Active {
			t.Fatal("not active after enabling")
		}

		// The administrator's acts are in the trail.
		es := fxTrail(t, db, po, storage.AuditFilter{UserID: admin.ID})
		var got []string
		for _, e := range es {
			if e.ResourceType == "professional" && e.ResourceID == strconv.FormatInt(id, 10) && e.Outcome == audit.Allowed {
				got = append(got, e.Event+" "+e.Detail)
			}
		}
		slices.Reverse(got)
		want := []string{"create ", "update ", "update active=false", "update active=true"}
		if !slices.Equal(got, want) {
			t.Fatalf("audited acts %q, want %q", got, want)
		}
	})
}

func TestProfessionalDuplicateEmail(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		org := fxOrg(t, db, schakel.Wijkteam)
		other := fxOrg(t, db, schakel.Schuldhulp)
		in := schakel.ProfessionalInput{OrganisationID: org.ID, Email: "kees@example.org", Name: "Kees", Roles: []schakel.Role{schakel.RoleCaseWorker}}
		if _, err := fxCreate(db, nil, in); err != nil {
			t.Fatal(err)
		}
		before := fxCount(t, db)
		// The same address in other capitals, in another organisation.
		in.Email, in.OrganisationID = " KEES@example.org", other.ID
		_, err := fxCreate(db, nil, in)
		fxWantCode(t, err, schakel.ECONFLICT)
		fxWantField(t, err, "email")
		if n := fxCount(t, db); n != before {
			t.Fatalf("a refused duplicate left %d audit entries", n-before)
		}
		ps, _ := db.ListProfessionals(context.Background(), storage.ProfessionalFilter{})
		if len(ps) != 1 {
			t.Fatalf("%d professionals after the duplicate, want 1", len(ps))
		}
	})
}

func TestProfessionalValidation(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		org := fxOrg(t, db, schakel.Politie)
		valid := func() schakel.ProfessionalInput {
			return schakel.ProfessionalInput{OrganisationID: org.ID, Email: "rachid@example.org", Name: "Rachid",
				Roles: []schakel.Role{schakel.RoleCaseWorker}}
		}
		for _, tc := range []struct {
			name   string
			change func(in *schakel.ProfessionalInput)
			code   string
			fields []string
		}{
			{"no e-mail", func(in *schakel.ProfessionalInput) { in.Email = "  " }, schakel.EINVALID, []string{"email"}},
			{"bad e-mail", func(in *schakel.ProfessionalInput) { in.Email = "rachid at example" }, schakel.EINVALID, []string{"email"}},
			{"e-mail with a display name", func(in *schakel.ProfessionalInput) { in.Email = "Rachid <rachid@example.org>" }, schakel.EINVALID, []string{"email"}},
			{"no name", func(in *schakel.ProfessionalInput) { in.Name = " " }, schakel.EINVALID, []string{"name"}},
			{"no organisation", func(in *schakel.ProfessionalInput) { in.OrganisationID = 0 }, schakel.EINVALID, []string{"organisation_id"}},
			{"unknown organisation", func(in *schakel.ProfessionalInput) { in.OrganisationID = 424242 }, schakel.EINVALID, []string{"organisation_id"}},
			{"no roles", func(in *schakel.ProfessionalInput) { in.Roles = nil }, schakel.EINVALID, []string{"roles"}},
			{"unknown role", func(in *schakel.ProfessionalInput) {
				in.Roles = []schakel.Role{"judge", schakel.RoleIntake, "root"}
			}, schakel.EINVALID, []string{"roles[0]", "roles[2]"}},
			{"unknown expertise", func(in *schakel.ProfessionalInput) {
				in.Expertises = []schakel.Expertise{schakel.ExpDebt, "astrology"}
			}, schakel.EINVALID, []string{"expertises[1]"}},
			{"everything wrong", func(in *schakel.ProfessionalInput) {
				*in = schakel.ProfessionalInput{Roles: []schakel.Role{"x"}}
			}, schakel.EINVALID, []string{"email", "name", "organisation_id", "roles[0]"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := fxCount(t, db)
				in := valid()
				tc.change(&in)
				_, err := fxCreate(db, nil, in)
				fxWantCode(t, err, tc.code)
				for _, f := range tc.fields {
					fxWantField(t, err, f)
				}
				if n := len(schakel.FieldErrors(err)); n != len(tc.fields) {
					t.Fatalf("%d field errors %+v, want %d", n, schakel.FieldErrors(err), len(tc.fields))
				}
				if n := fxCount(t, db); n != before {
					t.Fatal("an invalid account left an audit entry")
				}
			})
		}
		ps, _ := db.ListProfessionals(context.Background(), storage.ProfessionalFilter{})
		if len(ps) != 0 {
			t.Fatalf("invalid input stored %d professionals", len(ps))
		}
	})
}

// TestProfessionalAdminOfOtherOrganisation checks that an administrator
// manages only the own organisation's accounts, that other roles manage
// none, and that every refusal is in the trail with nothing changed.
func TestProfessionalAdminOfOtherOrganisation(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		vt := fxOrg(t, db, schakel.VeiligThuis)
		jb := fxOrg(t, db, schakel.Jeugdbescherming)
		vtWorker := fxPro(t, db, vt, schakel.RoleCaseWorker)
		vtLead := fxPro(t, db, vt, schakel.RoleTeamLead)
		jbAdmin := fxPro(t, db, jb, schakel.RoleAdmin)
		jbPO := fxPro(t, db, jb, schakel.RolePrivacyOfficer)
		vtPO := fxPro(t, db, vt, schakel.RolePrivacyOfficer)

		for _, tc := range []struct {
			name  string
			actor schakel.Professional
			do    func(tx *storage.Tx, a *schakel.Actor) error
		}{
			{"admin creates in another organisation", jbAdmin, func(tx *storage.Tx, a *schakel.Actor) error {
				_, err := app.CreateProfessionalIn(tx, a, schakel.ProfessionalInput{OrganisationID: vt.ID, Email: "indringer@example.org",
					Name: "Indringer", Roles: []schakel.Role{schakel.RoleAdmin}})
				return err
			}},
			{"admin creates invalid input in another organisation", jbAdmin, func(tx *storage.Tx, a *schakel.Actor) error {
				_, err := app.CreateProfessionalIn(tx, a, schakel.ProfessionalInput{OrganisationID: vt.ID, Roles: []schakel.Role{"root"}})
				return err
			}},
			{"admin updates in another organisation", jbAdmin, func(tx *storage.Tx, a *schakel.Actor) error {
				return app.UpdateProfessionalIn(tx, a, vtWorker.ID, schakel.ProfessionalInput{Name: "Gewijzigd", Roles: []schakel.Role{schakel.RoleAdmin}})
			}},
			{"admin disables in another organisation", jbAdmin, func(tx *storage.Tx, a *schakel.Actor) error {
				return app.SetProfessionalActiveIn(tx, a, vtWorker.ID, false)
			}},
			{"team lead creates in the own organisation", vtLead, func(tx *storage.Tx, a *schakel.Actor) error {
				_, err := app.CreateProfessionalIn(tx, a, schakel.ProfessionalInput{OrganisationID: vt.ID, Email: "nieuw@example.org",
					Name: "Nieuw", Roles: []schakel.Role{schakel.RoleIntake}})
				return err
			}},
			{"case worker gives himself the admin role", vtWorker, func(tx *storage.Tx, a *schakel.Actor) error {
				return app.UpdateProfessionalIn(tx, a, vtWorker.ID, schakel.ProfessionalInput{Name: vtWorker.Name, Roles: []schakel.Role{schakel.RoleAdmin}})
			}},
			{"privacy officer disables a colleague", jbPO, func(tx *storage.Tx, a *schakel.Actor) error {
				return app.SetProfessionalActiveIn(tx, a, jbAdmin.ID, false)
			}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := fxCount(t, db)
				err := db.Update(ctx, func(tx *storage.Tx) error { return tc.do(tx, fxActor(tc.actor)) })
				fxWantCode(t, err, schakel.EFORBIDDEN)
				if n := fxCount(t, db); n != before+1 {
					t.Fatalf("%d new audit entries, want the refusal only", n-before)
				}
				po := vtPO
				if tc.actor.Organisation.ID == jb.ID {
					po = jbPO
				}
				es := fxTrail(t, db, po, storage.AuditFilter{UserID: tc.actor.ID, Outcome: audit.Refused, Limit: 1})
				if len(es) != 1 || es[0].Seq != before+1 || es[0].ResourceType != "professional" || es[0].AccessBasis != audit.BasisNone {
					t.Fatalf("refusal entry %+v", es)
				}
			})
		}
		// Nothing changed.
		ps, _ := db.ListProfessionals(ctx, storage.ProfessionalFilter{OrganisationID: vt.ID})
		if len(ps) != 3 {
			t.Fatalf("VT has %d accounts, want 3", len(ps))
		}
		for _, p := range ps {
			if !p.Active || p.HasRole(schakel.RoleAdmin) || p.Name == "Gewijzigd" {
				t.Fatalf("account changed by a refused attempt: %+v", p)
			}
		}
		if p, _ := db.Professional(ctx, jbAdmin.ID); !p.Active {
			t.Fatal("the privacy officer disabled the administrator")
		}
	})
}

func TestProfessionalCannotDisableSelf(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		org := fxOrg(t, db, schakel.Gemeente)
		admin := fxPro(t, db, org, schakel.RoleAdmin)
		err := db.Update(context.Background(), func(tx *storage.Tx) error { return app.SetProfessionalActiveIn(tx, fxActor(admin), admin.ID, false) })
		fxWantCode(t, err, schakel.ECONFLICT)
		if p, _ := db.Professional(context.Background(), admin.ID); !p.Active {
			t.Fatal("the administrator disabled the own account")
		}
	})
}

func TestProfessionalNotFound(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		org := fxOrg(t, db, schakel.Gemeente)
		admin := fxPro(t, db, org, schakel.RoleAdmin)
		_, err := db.Professional(ctx, 9999)
		fxWantCode(t, err, schakel.ENOTFOUND)
		_, err = db.ProfessionalByEmail(ctx, "niemand@example.org")
		fxWantCode(t, err, schakel.ENOTFOUND)
		err = db.Update(ctx, func(tx *storage.Tx) error { return app.SetProfessionalActiveIn(tx, fxActor(admin), 9999, false) })
		fxWantCode(t, err, schakel.ENOTFOUND)
		err = db.Update(ctx, func(tx *storage.Tx) error {
			return app.UpdateProfessionalIn(tx, fxActor(admin), 9999, schakel.ProfessionalInput{Name: "X", Roles: []schakel.Role{schakel.RoleIntake}})
		})
		fxWantCode(t, err, schakel.ENOTFOUND)
		err = db.Update(ctx, func(tx *storage.Tx) error { return tx.SetPassword(9999, "x") })
		fxWantCode(t, err, schakel.ENOTFOUND)
	})
}

// TestDisableEndsSessionsAndTokens checks that disabling an account logs it
// out everywhere at once.
func TestDisableEndsSessionsAndTokens(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		org := fxOrg(t, db, schakel.BlijfGroep)
		admin := fxPro(t, db, org, schakel.RoleAdmin)
		worker := fxPro(t, db, org, schakel.RoleCaseWorker)
		if err := db.CreateSession(ctx, fxActor(worker), "sessie-1", 12*time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateSession(ctx, fxActor(worker), "sessie-2", 12*time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateSession(ctx, fxActor(admin), "sessie-admin", 12*time.Hour); err != nil {
			t.Fatal(err)
		}
		var tokenIDs []int64
		for _, h := range []string{"token-1", "token-2"} {
			if err := db.Update(ctx, func(tx *storage.Tx) error {
				id, err := tx.CreateToken(worker.ID, "koppeling", h)
				tokenIDs = append(tokenIDs, id)
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.SessionProfessional(ctx, "sessie-1", time.Hour); err != nil {
			t.Fatalf("live session refused before disabling: %v", err)
		}
		if _, _, err := db.TokenProfessional(ctx, "token-1"); err != nil {
			t.Fatalf("live token refused before disabling: %v", err)
		}

		if err := db.Update(ctx, func(tx *storage.Tx) error { return app.SetProfessionalActiveIn(tx, fxActor(admin), worker.ID, false) }); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"sessie-1", "sessie-2"} {
			_, err := db.SessionProfessional(ctx, s, time.Hour)
			fxWantCode(t, err, schakel.EUNAUTHENTICATED)
		}
		for _, h := range []string{"token-1", "token-2"} {
			_, _, err := db.TokenProfessional(ctx, h)
			fxWantCode(t, err, schakel.EUNAUTHENTICATED)
		}
		toks, err := db.Tokens(ctx, worker.ID)
		if err != nil || len(toks) != 2 {
			t.Fatalf("tokens %v, %v", toks, err)
		}
		for _, tok := range toks {
			if tok.RevokedAt == nil {
				t.Fatalf("token %d not revoked", tok.ID)
			}
		}
		// Enabling again does not bring back what was ended.
		if err := db.Update(ctx, func(tx *storage.Tx) error { return app.SetProfessionalActiveIn(tx, fxActor(admin), worker.ID, true) }); err != nil {
			t.Fatal(err)
		}
		_, err = db.SessionProfessional(ctx, "sessie-1", time.Hour)
		fxWantCode(t, err, schakel.EUNAUTHENTICATED)
		_, _, err = db.TokenProfessional(ctx, "token-1")
		fxWantCode(t, err, schakel.EUNAUTHENTICATED)
		// Other accounts are untouched.
		if _, err := db.SessionProfessional(ctx, "sessie-admin", time.Hour); err != nil {
			t.Fatalf("the administrator's session ended too: %v", err)
		}
	})
}

func TestOrganisations(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		vt := fxOrg(t, db, schakel.VeiligThuis)
		admin := fxPro(t, db, vt, schakel.RoleAdmin)
		worker := fxPro(t, db, vt, schakel.RoleCaseWorker)
		create := func(a *schakel.Actor, o *schakel.Organisation) error {
			return db.Update(ctx, func(tx *storage.Tx) error { return app.CreateOrganisationIn(tx, a, o) })
		}
		o := schakel.Organisation{RegionID: vt.RegionID, Name: "Kompas Jeugdzorg", Kind: schakel.Zorgaanbieder}
		if err := create(fxActor(admin), &o); err != nil || o.ID == 0 {
			t.Fatalf("create: %v (id %d)", err, o.ID)
		}
		got, err := db.Organisation(ctx, o.ID)
		if err != nil || got != o {
			t.Fatalf("read back %+v, %v; want %+v", got, err, o)
		}
		dup := schakel.Organisation{RegionID: vt.RegionID, Name: "Kompas Jeugdzorg", Kind: schakel.Zorgaanbieder}
		err = create(fxActor(admin), &dup)
		fxWantCode(t, err, schakel.ECONFLICT)
		fxWantField(t, err, "name")
		err = create(fxActor(admin), &schakel.Organisation{RegionID: vt.RegionID, Name: " ", Kind: "bank"})
		fxWantCode(t, err, schakel.EINVALID)
		fxWantField(t, err, "name")
		fxWantField(t, err, "kind")
		before := fxCount(t, db)
		err = create(fxActor(worker), &schakel.Organisation{RegionID: vt.RegionID, Name: "Eigen clubje", Kind: schakel.Wijkteam})
		fxWantCode(t, err, schakel.EFORBIDDEN)
		if n := fxCount(t, db); n != before+1 {
			t.Fatalf("refusal left %d entries, want 1", n-before)
		}
		_, err = db.Organisation(ctx, 98765)
		fxWantCode(t, err, schakel.ENOTFOUND)
		orgs, _ := db.Organisations(ctx)
		if len(orgs) != 2 {
			t.Fatalf("%d organisations, want 2", len(orgs))
		}
	})
}

func TestDutyRoster(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		vt := fxOrg(t, db, schakel.VeiligThuis)
		jb := fxOrg(t, db, schakel.Jeugdbescherming)
		lead := fxPro(t, db, vt, schakel.RoleTeamLead)
		worker := fxPro(t, db, vt, schakel.RoleCaseWorker)
		jbWorker := fxPro(t, db, jb, schakel.RoleCaseWorker)
		start := time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC)
		add := func(a *schakel.Actor, pid int64, from, to time.Time) error {
			return db.Update(ctx, func(tx *storage.Tx) error { _, err := app.AddDutyShiftIn(tx, a, pid, from, to); return err })
		}
		if err := add(fxActor(lead), worker.ID, start, start.Add(24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		err := add(fxActor(lead), jbWorker.ID, start, start.Add(24*time.Hour))
		fxWantCode(t, err, schakel.EFORBIDDEN)
		err = add(fxActor(worker), worker.ID, start, start.Add(24*time.Hour))
		fxWantCode(t, err, schakel.EFORBIDDEN)
		err = add(fxActor(lead), worker.ID, start, start)
		fxWantCode(t, err, schakel.EINVALID)
		fxWantField(t, err, "end")
		err = add(fxActor(lead), 4242, start, start.Add(time.Hour))
		fxWantCode(t, err, schakel.ENOTFOUND)

		for _, tc := range []struct {
			name     string
			from, to time.Time
			want     int
		}{
			{"inside", start.Add(time.Hour), start.Add(2 * time.Hour), 1},
			{"overlapping the start", start.Add(-time.Hour), start.Add(time.Minute), 1},
			{"ending at the start", start.Add(-time.Hour), start, 0},
			{"starting at the end", start.Add(24 * time.Hour), start.Add(25 * time.Hour), 0},
			{"another zone, same instant", start.In(time.FixedZone("CEST", 7200)).Add(time.Hour), start.Add(2 * time.Hour), 1},
		} {
			t.Run(tc.name, func(t *testing.T) {
				es, err := db.DutyRoster(ctx, tc.from, tc.to)
				if err != nil {
					t.Fatal(err)
				}
				if len(es) != tc.want {
					t.Fatalf("%d shifts, want %d", len(es), tc.want)
				}
				if tc.want == 1 {
					e := es[0]
					if e.ProfessionalID != worker.ID || e.Name != worker.Name || e.Kind != schakel.VeiligThuis ||
						!e.Start.Equal(start) || !e.End.Equal(start.Add(24*time.Hour)) {
						t.Fatalf("shift %+v", e)
					}
				}
			})
		}
	})
}
