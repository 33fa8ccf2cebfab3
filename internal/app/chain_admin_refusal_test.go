package app_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestRefusedChainAdminWritesNothingButAudit: cohorts, norms, the event
// log export and the work list, refused or invalid, leave every table as it was but for the
// refusal's audit entry.
func TestRefusedChainAdminWritesNothingButAudit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		linda := demoActor(t, db, demo.Email("Linda", "vt"))
		joost := demoActor(t, db, demo.Email("Joost", "vt"))
		res, err := uc.CreateReport(ctx, sanne, redReport("Mila", ""), "")
		if err != nil {
			t.Fatalf("report: %v", err)
		}
		pilot, err := uc.CreateCohort(ctx, linda, app.CohortInput{Name: "Pilot", Kind: "cohort"})
		if err != nil {
			t.Fatalf("cohort: %v", err)
		}
		cases := []refused{
			{"a cohort by a worker", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.CreateCohort(ctx, sanne, app.CohortInput{Name: "Eigen pilot"})
				return err
			}},
			{"a cohort without a name", schakel.EINVALID, 0, func() error {
				_, err := uc.CreateCohort(ctx, linda, app.CohortInput{Name: " ", Kind: "cohort"})
				return err
			}},
			{"a cohort of an unknown kind", schakel.EINVALID, 0, func() error {
				_, err := uc.CreateCohort(ctx, linda, app.CohortInput{Name: "Nieuw", Kind: "groep"})
				return err
			}},
			{"a cohort's name twice", schakel.ECONFLICT, 0, func() error {
				_, err := uc.CreateCohort(ctx, linda, app.CohortInput{Name: "Pilot", Kind: "cohort"})
				return err
			}},
			{"tagging a case one is not on", schakel.EFORBIDDEN, 2, func() error {
				return uc.TagCase(ctx, demoActor(t, db, demo.Email("Meryem", "kompas")), res.CaseID, pilot.ID, true)
			}},
			{"tagging a case with an unknown cohort", schakel.EINVALID, 0, func() error {
				return uc.TagCase(ctx, sanne, res.CaseID, pilot.ID+100, true)
			}},
			{"a norm by a worker", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.SetNorm(ctx, sanne, "vt_investigation", chain.Norm{Amount: 8, Unit: chain.Weeks, Source: "regio"})
				return err
			}},
			{"a norm of zero weeks", schakel.EINVALID, 0, func() error {
				_, err := uc.SetNorm(ctx, joost, "vt_investigation", chain.Norm{Amount: 0, Unit: chain.Weeks, Source: "regio"})
				return err
			}},
			{"a norm of an unknown phase", schakel.ENOTFOUND, 0, func() error {
				_, err := uc.SetNorm(ctx, joost, "nope", chain.Norm{Amount: 8, Unit: chain.Weeks, Source: "regio"})
				return err
			}},
			{"a work list for Schakel itself", schakel.EFORBIDDEN, 0, func() error {
				_, err := uc.Worklist(ctx, schakel.SystemActor("test"), app.WorkFilter{})
				return err
			}},
			{"the event log by a worker", schakel.EFORBIDDEN, 1, func() error {
				_, err := uc.ExportEventLog(ctx, sanne, storage.ExportFilter{}, "csv", func(chain.LogRow) error { return nil })
				return err
			}},
		}
		runRefused(t, db, cases)
	})
}
