package app_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

func TestPlanAgreeRules(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		w.join(w.fatma, schakel.RoleUitvoering)

		// Bad input: an owner organisation not on the case, a due date in
		// the past. Clear field errors, nothing saved.
		_, err := w.uc.AddAction(ctx, w.sanne, w.caseID, plan.ActionInput{Title: "Onderzoek", OwnerOrganisationID: w.orgs["raad"],
			OwnerProfessionalID: w.wouter.Professional.ID, DueDate: "2026-11-30", Kind: schakel.ActionTask})
		wantField(t, err, "owner_organisation_id")
		_, err = w.uc.AddAction(ctx, w.sanne, w.caseID, plan.ActionInput{Title: "Gesprek", OwnerOrganisationID: w.orgs["veilig_thuis"],
			OwnerProfessionalID: w.mohamed.Professional.ID, DueDate: "2026-11-20", Kind: schakel.ActionTask})
		wantField(t, err, "due_date")
		if n := w.rows("plan_actions"); n != 0 {
			t.Fatalf("%d actions saved after refusals", n)
		}

		parents := w.action(w.sanne, w.mohamed, schakel.ForParents, schakel.ActionTask, "2026-11-25")
		if parents.Owner.ID != w.orgs["veilig_thuis"] || parents.OwnerProfessional.ID != w.mohamed.Professional.ID || parents.DueDate != "2026-11-25" {
			t.Fatalf("action %+v", parents)
		}
		w.action(w.sanne, w.mohamed, "", schakel.ActionSafetyAgreement, "2026-11-23")

		// The crisis table has not been held yet: the plan waits for it.
		_, err = w.uc.AgreePlan(ctx, w.sanne, w.caseID, plan.AgreeInput{ConsultationID: w.consultation.ID, ReviewDate: "2027-01-15", Version: w.version()})
		wantField(t, err, "consultation_id")
		w.begin()
		if _, err := w.uc.RecordAttendance(ctx, w.sanne, w.consultation.ID, plan.AttendanceInput{Present: []int64{w.sanne.Professional.ID, w.fatma.Professional.ID}}); err != nil {
			t.Fatalf("attendance: %v", err)
		}
		// Someone without regie needs the regie's recorded consent.
		_, err = w.uc.AgreePlan(ctx, w.fatma, w.caseID, plan.AgreeInput{ConsultationID: w.consultation.ID, ReviewDate: "2027-01-15", Version: w.version()})
		wantField(t, err, "regie_consent")

		// Nobody talks with the child yet: refused, naming what is missing.
		v := w.version()
		_, err = w.uc.AgreePlan(ctx, w.sanne, w.caseID, plan.AgreeInput{ConsultationID: w.consultation.ID, ReviewDate: "2027-01-15", Version: v})
		wantField(t, err, "talks_with_child")
		w.action(w.fatma, w.fatma, schakel.ForChild, schakel.ActionTask, "2026-11-26")

		p, err := w.uc.Plan(ctx, w.sanne, w.caseID)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Missing) != 0 || len(p.TalksWithChild) != 1 || p.TalksWithChild[0].ID != w.fatma.Professional.ID || p.Status != schakel.PlanDraft {
			t.Fatalf("plan %+v", p)
		}
		if p.Actions[0].Kind != schakel.ActionSafetyAgreement {
			t.Errorf("safety agreements come first: %+v", p.Actions[0])
		}
		// A stale version: someone added an action since.
		_, err = w.uc.AgreePlan(ctx, w.sanne, w.caseID, plan.AgreeInput{ConsultationID: w.consultation.ID, ReviewDate: "2027-01-15", Version: v})
		wantCode(t, err, schakel.ECONFLICT)
		_, err = w.uc.AgreePlan(ctx, w.sanne, w.caseID, plan.AgreeInput{ConsultationID: w.consultation.ID, ReviewDate: "2027-01-15"})
		wantField(t, err, "version")
		agreed, err := w.uc.AgreePlan(ctx, w.sanne, w.caseID, plan.AgreeInput{ConsultationID: w.consultation.ID, ReviewDate: "2027-01-15", Version: p.Version})
		if err != nil {
			t.Fatalf("agree: %v", err)
		}
		if agreed.Status != schakel.PlanAgreed || agreed.ReviewDate != "2027-01-15" || agreed.AgreedBy == nil || *agreed.ConsultationID != w.consultation.ID {
			t.Fatalf("agreed plan %+v", agreed)
		}
		// Agreeing twice: 409, with the fresh version too.
		_, err = w.uc.AgreePlan(ctx, w.sanne, w.caseID, plan.AgreeInput{ConsultationID: w.consultation.ID, ReviewDate: "2027-01-15", Version: agreed.Version})
		wantCode(t, err, schakel.ECONFLICT)

		afterAgreement(t, w)
		_ = parents
	})
}

// afterAgreement: an action added after the agreement is marked as such,
// and a check-plan-do review moves the review date.
func afterAgreement(t *testing.T, w *planWorld) {
	t.Helper()
	ctx := context.Background()
	// Added after agreement: marked as such.
	w.db.Now = func() time.Time { return w.now.Add(time.Hour) }
	later := w.action(w.sanne, w.mohamed, schakel.ForNetwork, schakel.ActionGoal, "2026-12-20")
	p, _ := w.uc.Plan(ctx, w.sanne, w.caseID)
	for _, a := range p.Actions {
		if (a.ID == later.ID) != a.AfterAgreement {
			t.Errorf("action %d after agreement = %v", a.ID, a.AfterAgreement)
		}
	}

	// Check-plan-do.
	_, err := w.uc.ReviewPlan(ctx, w.sanne, w.caseID, plan.ReviewInput{Checked: "Acties nagelopen", Changed: "Niets", Why: "Alles loopt volgens plan", NextReviewDate: "2027-02-15"})
	if err != nil {
		t.Fatal(err)
	}
	p, _ = w.uc.Plan(ctx, w.sanne, w.caseID)
	if len(p.Reviews) != 1 || p.ReviewDate != "2027-02-15" || p.Reviews[0].By.ID != w.sanne.Professional.ID {
		t.Fatalf("after review %+v", p)
	}
}

func TestPlanNoLostUpdate(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		a := w.action(w.sanne, w.mohamed, schakel.ForParents, schakel.ActionTask, "2026-11-25")
		v := w.version()
		// Two people change the same plan from the same version at once:
		// one wins, the other is told (409) and nothing of theirs lands.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		changes := []plan.ActionChange{
			{Status: ptrTo(schakel.ActionDone), Version: v},
			{DueDate: ptrTo("2026-12-01"), Version: v},
		}
		for i := range changes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = w.uc.UpdateAction(ctx, w.sanne, w.caseID, a.ID, changes[i])
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
			} else {
				wantCode(t, err, schakel.ECONFLICT)
			}
		}
		if won != 1 {
			t.Fatalf("%d of 2 concurrent changes won: %v", won, errs)
		}
		p, _ := w.uc.Plan(ctx, w.sanne, w.caseID)
		got := p.Actions[0]
		if (got.Status == schakel.ActionDone) == (got.DueDate == "2026-12-01") {
			t.Fatalf("exactly one change must have landed: %+v", got)
		}
		// Without a version a change is refused with a field error.
		_, err := w.uc.UpdateAction(ctx, w.sanne, w.caseID, a.ID, plan.ActionChange{Status: ptrTo(schakel.ActionCancelled)})
		wantField(t, err, "version")
		// Concurrent additions (no version) all land.
		var n atomic.Int64
		for range 5 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := w.uc.AddFinding(ctx, w.mohamed, w.caseID, app.FindingInput{Column: schakel.ColumnWorries, Text: "Vader drinkt"}); err == nil {
					n.Add(1)
				} else {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if n.Load() != 5 || w.rows("findings") != 5 {
			t.Fatalf("%d of 5 concurrent findings", n.Load())
		}
	})
}
