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

// TestRefusedAccountCommandsWriteNothingButAudit: organisations, accounts
// the on-duty roster, sessions and "who looked at my file", refused or invalid, leave every table as it was
// but for the refusal's audit entry.
func TestRefusedAccountCommandsWriteNothingButAudit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		joost := demoActor(t, db, demo.Email("Joost", "vt"))
		marco := demoActor(t, db, demo.Email("Marco", "jb"))
		vt := joost.Professional.Organisation
		fatma := demoActor(t, db, demo.Email("Fatma", "jb")).Professional
		account := schakel.ProfessionalInput{OrganisationID: vt.ID, Email: "nieuw@vt.example", Name: "Nieuwe Collega", Roles: []schakel.Role{schakel.RoleIntake}}
		now := time.Now()
		cases := []refused{
			{"an organisation by a worker", schakel.EFORBIDDEN, 1, func() error {
				return uc.CreateOrganisation(ctx, sanne, &schakel.Organisation{RegionID: vt.RegionID, Name: "Nieuw", Kind: schakel.Wijkteam})
			}},
			{"an organisation without a name", schakel.EINVALID, 0, func() error {
				return uc.CreateOrganisation(ctx, joost, &schakel.Organisation{RegionID: vt.RegionID, Name: " ", Kind: schakel.Wijkteam})
			}},
			{"an organisation's name twice", schakel.ECONFLICT, 0, func() error {
				return uc.CreateOrganisation(ctx, joost, &schakel.Organisation{RegionID: vt.RegionID, Name: vt.Name, Kind: vt.Kind})
			}},
			{"an account by a worker", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.CreateProfessional(ctx, sanne, account)
				return err
			}},
			{"an account in another organisation", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.CreateProfessional(ctx, marco, account)
				return err
			}},
			{"an account without roles", schakel.EINVALID, 0, func() error {
				in := account
				in.Roles = nil
				_, err := uc.CreateProfessional(ctx, joost, in)
				return err
			}},
			{"an account with an e-mail address in use", schakel.ECONFLICT, 0, func() error {
				in := account
				in.Email = sanne.Professional.Email
				_, err := uc.CreateProfessional(ctx, joost, in)
				return err
			}},
			{"changing an account of another organisation", schakel.EFORBIDDEN, 1, func() error {
				return uc.UpdateProfessional(ctx, joost, fatma.ID, schakel.ProfessionalInput{Name: "Fatma", Roles: []schakel.Role{schakel.RoleAdmin}})
			}},
			{"changing an account to no name", schakel.EINVALID, 0, func() error {
				return uc.UpdateProfessional(ctx, joost, sanne.Professional.ID, schakel.ProfessionalInput{Name: "", Roles: sanne.Professional.Roles})
			}},
			{"disabling an account of another organisation", schakel.EFORBIDDEN, 1, func() error {
				return uc.SetProfessionalActive(ctx, joost, fatma.ID, false)
			}},
			{"disabling one's own account", schakel.ECONFLICT, 0, func() error {
				return uc.SetProfessionalActive(ctx, joost, joost.Professional.ID, false)
			}},
			{"a shift by a worker", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.AddDutyShift(ctx, sanne, sanne.Professional.ID, now, now.Add(time.Hour))
				return err
			}},
			{"a shift that ends before it starts", schakel.EINVALID, 0, func() error {
				_, err := uc.AddDutyShift(ctx, joost, sanne.Professional.ID, now, now.Add(-time.Hour))
				return err
			}},
		}
		if err := db.CreateSession(ctx, sanne, "sanne-1", time.Hour); err != nil {
			t.Fatal(err)
		}
		mine, err := db.MySessions(ctx, sanne, "", time.Hour)
		if err != nil || len(mine) != 1 {
			t.Fatalf("sessions %v %v", mine, err)
		}
		cases = append(cases,
			refused{"another organisation's sessions", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.OrganisationSessions(ctx, marco, vt.ID, "", time.Hour)
				return err
			}},
			refused{"ending a session of another organisation", schakel.ENOTFOUND, 1, func() error {
				return uc.EndSessionByID(ctx, marco, mine[0].ID)
			}},
			refused{"who looked at a file one does not know", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.PersonAccesses(ctx, sanne, 424242, 0, 0)
				return err
			}},
			refused{"who looked at a file, a page too large", schakel.EINVALID, 0, func() error {
				_, err := uc.PersonAccesses(ctx, joost, 1, 0, storage.PersonAccessesMaxPageSize+1)
				return err
			}},
		)
		runRefused(t, db, cases)
	})
}
