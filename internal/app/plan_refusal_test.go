package app_test

import (
	"context"
	"errors"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// refused is one command that must fail with want and leave nothing but at
// most maxAudit audit entries (1: the refusal; 0: an invalid or stale
// command, which touches no personal data and keeps nothing).
type refused struct {
	name     string
	want     string
	maxAudit int64
	command  func() error
}

func runRefused(t *testing.T, db *storage.DB, cases []refused) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			refusedLeavesOnlyAudit(t, db, c.want, c.maxAudit, c.command)
		})
	}
}

// strangers are the attackers every command on a case must refuse: an
// organisation of the region that is not on the case, and a professional
// of another region whose organisation is of a kind that is on it.
func strangers(t *testing.T, db *storage.DB) map[string]*schakel.Actor {
	t.Helper()
	return map[string]*schakel.Actor{
		"an outsider organisation": demoActor(t, db, demo.Email("Meryem", "kompas")),
		"another region":           outsiderElsewhere(t, db),
	}
}

// TestRefusedPlanCommandsWriteNothingButAudit: every refused or invalid
// command on the action plan leaves every table as it was, but for the
// refusal's audit entry.
func TestRefusedPlanCommandsWriteNothingButAudit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		w.join(w.fatma, schakel.RoleUitvoering)
		w.join(w.rob, schakel.RoleAdvies)
		w.action(w.sanne, w.mohamed, schakel.ForParents, schakel.ActionTask, "2026-11-25")
		child := w.action(w.sanne, w.fatma, schakel.ForChild, schakel.ActionTask, "2026-11-26")
		good := plan.ActionInput{Title: "Huisbezoek", OwnerOrganisationID: w.orgs["veilig_thuis"], OwnerProfessionalID: w.mohamed.Professional.ID,
			DueDate: "2026-11-27", Kind: schakel.ActionTask}
		agree := func(by *schakel.Actor, version int64, consent string) func() error {
			return func() error {
				_, err := w.uc.AgreePlan(ctx, by, w.caseID, plan.AgreeInput{ConsultationID: w.consultation.ID, ReviewDate: "2027-01-15",
					Version: version, RegieConsent: consent})
				return err
			}
		}
		review := plan.ReviewInput{Checked: "Acties nagelopen", Changed: "Niets", Why: "Loopt volgens plan", NextReviewDate: "2027-02-15"}
		v := w.version() // refused commands leave it as it is
		cases := []refused{}
		for who, a := range strangers(t, db) {
			cases = append(cases,
				refused{"action by " + who, schakel.EFORBIDDEN, 1, func() error { _, err := w.uc.AddAction(ctx, a, w.caseID, good); return err }},
				refused{"action change by " + who, schakel.EFORBIDDEN, 1, func() error {
					_, err := w.uc.UpdateAction(ctx, a, w.caseID, child.ID, plan.ActionChange{Status: ptrTo(schakel.ActionDone), Version: v})
					return err
				}},
				refused{"agreement by " + who, schakel.EFORBIDDEN, 1, agree(a, v, "Sanne stemde in")},
				refused{"review by " + who, schakel.EFORBIDDEN, 1, func() error { _, err := w.uc.ReviewPlan(ctx, a, w.caseID, review); return err }},
				refused{"plan read by " + who, schakel.EFORBIDDEN, 1, func() error { _, err := w.uc.Plan(ctx, a, w.caseID); return err }},
				refused{"workspace read by " + who, schakel.EFORBIDDEN, 1, func() error { _, err := w.uc.Workspace(ctx, a, w.caseID); return err }},
			)
		}
		stale := v - 1
		past, foreign := good, good
		past.DueDate = "2026-11-20"
		foreign.OwnerOrganisationID, foreign.OwnerProfessionalID = w.orgs["raad"], w.wouter.Professional.ID
		staleAdd := good
		staleAdd.ExpectedVersion = stale
		cases = append(cases,
			refused{"action due in the past", schakel.EINVALID, 0, func() error { _, err := w.uc.AddAction(ctx, w.sanne, w.caseID, past); return err }},
			refused{"action for an organisation not on the case", schakel.EINVALID, 0, func() error { _, err := w.uc.AddAction(ctx, w.sanne, w.caseID, foreign); return err }},
			refused{"action on a stale version", schakel.ECONFLICT, 0, func() error { _, err := w.uc.AddAction(ctx, w.sanne, w.caseID, staleAdd); return err }},
			refused{"action change by neither owner nor regie", schakel.EFORBIDDEN, 1, func() error {
				_, err := w.uc.UpdateAction(ctx, w.rob, w.caseID, child.ID, plan.ActionChange{Status: ptrTo(schakel.ActionCancelled), Version: v})
				return err
			}},
			refused{"action change on a stale version", schakel.ECONFLICT, 0, func() error {
				_, err := w.uc.UpdateAction(ctx, w.fatma, w.caseID, child.ID, plan.ActionChange{Status: ptrTo(schakel.ActionDone), Version: stale})
				return err
			}},
			refused{"action change without a version", schakel.EINVALID, 0, func() error {
				_, err := w.uc.UpdateAction(ctx, w.fatma, w.caseID, child.ID, plan.ActionChange{Status: ptrTo(schakel.ActionDone)})
				return err
			}},
			refused{"action change to an unknown status", schakel.EINVALID, 0, func() error {
				_, err := w.uc.UpdateAction(ctx, w.fatma, w.caseID, child.ID, plan.ActionChange{Status: ptrTo("lost"), Version: v})
				return err
			}},
			refused{"change of an action that is not on the case", schakel.ENOTFOUND, 0, func() error {
				_, err := w.uc.UpdateAction(ctx, w.sanne, w.caseID, child.ID+1000, plan.ActionChange{Status: ptrTo(schakel.ActionDone), Version: v})
				return err
			}},
			refused{"agreement at a table not held", schakel.EINVALID, 0, agree(w.sanne, v, "")},
			refused{"review of a plan not agreed", schakel.ECONFLICT, 0, func() error { _, err := w.uc.ReviewPlan(ctx, w.sanne, w.caseID, review); return err }},
		)
		runRefused(t, db, cases)

		w.held()
		v = w.version()
		runRefused(t, db, []refused{
			{"agreement without regie or its consent", schakel.EINVALID, 0, agree(w.fatma, v, "")},
			{"agreement on a stale version", schakel.ECONFLICT, 0, agree(w.sanne, v-1, "")},
			{"agreement without a version", schakel.EINVALID, 0, agree(w.sanne, 0, "")},
		})
		wantNothingWritten(t, db, "a dry run that may agree", app.ErrAgreeChecked, func() error {
			_, err := w.uc.AgreePlan(ctx, w.sanne, w.caseID, plan.AgreeInput{ConsultationID: w.consultation.ID, ReviewDate: "2027-01-15",
				Version: v, DryRun: true})
			return err
		})
		if err := agree(w.sanne, v, "")(); err != nil {
			t.Fatalf("agree: %v", err)
		}
		v = w.version()
		bad := review
		bad.Why = ""
		elsewhere := review
		elsewhere.ConsultationID = w.consultation.ID + 1000
		runRefused(t, db, []refused{
			{"agreement a second time", schakel.ECONFLICT, 0, agree(w.sanne, v, "")},
			{"review without why", schakel.EINVALID, 0, func() error { _, err := w.uc.ReviewPlan(ctx, w.sanne, w.caseID, bad); return err }},
			{"review at a consultation of another case", schakel.EINVALID, 0, func() error { _, err := w.uc.ReviewPlan(ctx, w.sanne, w.caseID, elsewhere); return err }},
			{"review on a stale version", schakel.ECONFLICT, 0, func() error {
				r := review
				r.Version = v - 1
				_, err := w.uc.ReviewPlan(ctx, w.sanne, w.caseID, r)
				return err
			}},
		})
	})
}

// wantNothingWritten runs a command that answers want without writing
// anything at all, not even to the audit trail.
func wantNothingWritten(t *testing.T, db *storage.DB, name string, want error, command func() error) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		before, err := db.RowCounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if err := command(); !errors.Is(err, want) {
			t.Fatalf("error %v, want %v", err, want)
		}
		after, err := db.RowCounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for table, n := range after {
			if n != before[table] {
				t.Errorf("table %s changed by %d rows", table, n-before[table])
			}
		}
	})
}
