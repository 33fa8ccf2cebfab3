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
		w := newPlanWorld(t, db)
		w.join(w.fatma, schakel.RoleUitvoering)
		w.join(w.rob, schakel.RoleAdvies)
		w.action(w.sanne, w.mohamed, schakel.ForParents, schakel.ActionTask, "2026-11-25")
		child := w.action(w.sanne, w.fatma, schakel.ForChild, schakel.ActionTask, "2026-11-26")
		v := w.version() // refused commands leave it as it is
		runRefused(t, db, strangerPlanCommands(t, w, v, child.ID))
		runRefused(t, db, draftPlanRefusals(w, v, child.ID))
		w.held()
		agreedPlanRefusals(t, w)
	})
}

// aReview is a valid check-plan-do review.
var aReview = plan.ReviewInput{Checked: "Acties nagelopen", Changed: "Niets", Why: "Loopt volgens plan", NextReviewDate: "2027-02-15"}

// anAction is a valid new action for Mohamed of Veilig Thuis.
func (w *planWorld) anAction() plan.ActionInput {
	return plan.ActionInput{Title: "Huisbezoek", OwnerOrganisationID: w.orgs["veilig_thuis"], OwnerProfessionalID: w.mohamed.Professional.ID,
		DueDate: "2026-11-27", Kind: schakel.ActionTask}
}

// agreeAs agrees the plan at the crisis table.
func (w *planWorld) agreeAs(by *schakel.Actor, version int64, consent string) func() error {
	return func() error {
		_, err := w.uc.AgreePlan(context.Background(), by, w.caseID, plan.AgreeInput{ConsultationID: w.consultation.ID, ReviewDate: "2027-01-15",
			Version: version, RegieConsent: consent})
		return err
	}
}

// strangerPlanCommands: the strangers try every plan command and read.
func strangerPlanCommands(t *testing.T, w *planWorld, v, actionID int64) []refused {
	ctx := context.Background()
	var cases []refused
	for who, a := range strangers(t, w.db) {
		cases = append(cases,
			refused{"action by " + who, schakel.EFORBIDDEN, 1, func() error { _, err := w.uc.AddAction(ctx, a, w.caseID, w.anAction()); return err }},
			refused{"action change by " + who, schakel.EFORBIDDEN, 1, func() error {
				_, err := w.uc.UpdateAction(ctx, a, w.caseID, actionID, plan.ActionChange{Status: ptrTo(schakel.ActionDone), Version: v})
				return err
			}},
			refused{"agreement by " + who, schakel.EFORBIDDEN, 1, w.agreeAs(a, v, "Sanne stemde in")},
			refused{"review by " + who, schakel.EFORBIDDEN, 1, func() error { _, err := w.uc.ReviewPlan(ctx, a, w.caseID, aReview); return err }},
			refused{"plan read by " + who, schakel.EFORBIDDEN, 1, func() error { _, err := w.uc.Plan(ctx, a, w.caseID); return err }},
			refused{"workspace read by " + who, schakel.EFORBIDDEN, 1, func() error { _, err := w.uc.Workspace(ctx, a, w.caseID); return err }},
		)
	}
	return cases
}

// draftPlanRefusals: wrong versions, invalid actions and changes, the
// rule on who changes an action, and a plan that cannot be agreed or
// reviewed yet.
func draftPlanRefusals(w *planWorld, v, actionID int64) []refused {
	ctx := context.Background()
	add := func(change func(*plan.ActionInput)) func() error {
		in := w.anAction()
		change(&in)
		return func() error { _, err := w.uc.AddAction(ctx, w.sanne, w.caseID, in); return err }
	}
	update := func(by *schakel.Actor, id int64, ch plan.ActionChange) func() error {
		return func() error { _, err := w.uc.UpdateAction(ctx, by, w.caseID, id, ch); return err }
	}
	done := ptrTo(schakel.ActionDone)
	return []refused{
		{"action due in the past", schakel.EINVALID, 0, add(func(in *plan.ActionInput) { in.DueDate = "2026-11-20" })},
		{"action for an organisation not on the case", schakel.EINVALID, 0, add(func(in *plan.ActionInput) {
			in.OwnerOrganisationID, in.OwnerProfessionalID = w.orgs["raad"], w.wouter.Professional.ID
		})},
		{"action on a stale version", schakel.ECONFLICT, 0, add(func(in *plan.ActionInput) { in.ExpectedVersion = v - 1 })},
		{"action change by neither owner nor regie", schakel.EFORBIDDEN, 1, update(w.rob, actionID, plan.ActionChange{Status: ptrTo(schakel.ActionCancelled), Version: v})},
		{"action change on a stale version", schakel.ECONFLICT, 0, update(w.fatma, actionID, plan.ActionChange{Status: done, Version: v - 1})},
		{"action change without a version", schakel.EINVALID, 0, update(w.fatma, actionID, plan.ActionChange{Status: done})},
		{"action change to an unknown status", schakel.EINVALID, 0, update(w.fatma, actionID, plan.ActionChange{Status: ptrTo("lost"), Version: v})},
		{"change of an action that is not on the case", schakel.ENOTFOUND, 0, update(w.sanne, actionID+1000, plan.ActionChange{Status: done, Version: v})},
		{"agreement at a table not held", schakel.EINVALID, 0, w.agreeAs(w.sanne, v, "")},
		{"review of a plan not agreed", schakel.ECONFLICT, 0, func() error { _, err := w.uc.ReviewPlan(ctx, w.sanne, w.caseID, aReview); return err }},
	}
}

// agreedPlanRefusals: at a table that was held, agreements that may not
// be, a dry run, the agreement, and reviews that may not be.
func agreedPlanRefusals(t *testing.T, w *planWorld) {
	ctx := context.Background()
	v := w.version()
	runRefused(t, w.db, []refused{
		{"agreement without regie or its consent", schakel.EINVALID, 0, w.agreeAs(w.fatma, v, "")},
		{"agreement on a stale version", schakel.ECONFLICT, 0, w.agreeAs(w.sanne, v-1, "")},
		{"agreement without a version", schakel.EINVALID, 0, w.agreeAs(w.sanne, 0, "")},
	})
	wantNothingWritten(t, w.db, "a dry run that may agree", app.ErrAgreeChecked, func() error {
		_, err := w.uc.AgreePlan(ctx, w.sanne, w.caseID, plan.AgreeInput{ConsultationID: w.consultation.ID, ReviewDate: "2027-01-15",
			Version: v, DryRun: true})
		return err
	})
	if err := w.agreeAs(w.sanne, v, "")(); err != nil {
		t.Fatalf("agree: %v", err)
	}
	v = w.version()
	review := func(change func(*plan.ReviewInput)) func() error {
		in := aReview
		change(&in)
		return func() error { _, err := w.uc.ReviewPlan(ctx, w.sanne, w.caseID, in); return err }
	}
	runRefused(t, w.db, []refused{
		{"agreement a second time", schakel.ECONFLICT, 0, w.agreeAs(w.sanne, v, "")},
		{"review without why", schakel.EINVALID, 0, review(func(in *plan.ReviewInput) { in.Why = "" })},
		{"review at a consultation of another case", schakel.EINVALID, 0, review(func(in *plan.ReviewInput) { in.ConsultationID = w.consultation.ID + 1000 })},
		{"review on a stale version", schakel.ECONFLICT, 0, review(func(in *plan.ReviewInput) { in.Version = v - 1 })},
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
