package storage_test

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

// TestReplayAndCorrectionPlans explains the statements of paths the other
// plan tests pass by because their data never takes them: an intake sent
// again with its idempotency key (an API client retrying), a placement
// authorisation on the guardian's work list (with the check whether a
// placement used it), the court order corrected and withdrawn, and the
// work list narrowed to the cases an organisation takes part in.
func TestReplayAndCorrectionPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, baseReport())
		w, sanne, uc, caseID := pc.w, pc.sanne, pc.uc, pc.filed.CaseID
		fatma := w.actor(t, demo.Email("Fatma", "jb"))
		pc.join(t, fatma, schakel.RoleUitvoering)
		retried := benchReport(21, false)
		var order schakel.ChainEventInput
		order.Type, order.At = "court_order", w.now.Format(time.RFC3339)
		order.Details.Measure, order.Details.EndsAt = "placement_authorisation", w.now.AddDate(0, 11, 0).Format(time.RFC3339)
		var recorded storage.ChainEvent
		steps := []planStep{
			{"an intake with an idempotency key", func() error {
				_, err := uc.CreateReport(ctx, sanne, retried, "plans-retry-1")
				return err
			}},
			{"the same intake sent again", func() error {
				res, err := uc.CreateReport(ctx, sanne, retried, "plans-retry-1")
				if err == nil && !res.Replayed {
					t.Error("the retried intake was filed again instead of answered from its key")
				}
				return err
			}},
			{"a placement authorisation", func() (err error) {
				recorded, err = uc.RecordEvent(ctx, fatma, caseID, order, "hand")
				return err
			}},
			{"the guardian's work list", func() error { _, err := uc.Worklist(ctx, fatma, app.WorkFilter{Scope: "mine"}); return err }},
			{"correct the court order", func() (err error) {
				fixed := order
				fixed.Details.EndsAt = w.now.AddDate(1, 0, 0).Format(time.RFC3339)
				fixed.Corrects, fixed.Reason = recorded.ID, "De machtiging geldt een jaar, niet elf maanden."
				recorded, err = uc.RecordEvent(ctx, fatma, caseID, fixed, "hand")
				return err
			}},
			{"withdraw the court order", func() error {
				var gone schakel.ChainEventInput
				gone.Type, gone.Corrects, gone.Withdraw, gone.Reason = "court_order", recorded.ID, true, "Vastgelegd bij het verkeerde gezin."
				_, err := uc.RecordEvent(ctx, fatma, caseID, gone, "hand")
				return err
			}},
			{"the work list of an organisation's cases", func() error {
				_, err := uc.Worklist(ctx, sanne, app.WorkFilter{Scope: "organisation", OrganisationID: sanne.Professional.Organisation.ID})
				return err
			}},
		}
		checkStepPlans(t, db, waitsForSecondRater, steps)
	})
}

// TestDueJobPlans does the same for the jobs of every serve process on a
// day they find work: the week's caseloads of teams that hold cases, a
// provider reminded of a request for care it has not answered, and an
// organisation's membership review opened, answered in part by its
// administrator and, past its deadline, closed with the accounts nobody
// confirmed suspended.
func TestDueJobPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, benchReport(22, true))
		w, uc := pc.w, pc.uc
		lead := w.actor(t, demo.Email("Erik", "jb"))
		thomas := w.actor(t, demo.Email("Thomas", "jb"))
		pc.traumaCare(t)
		admin := w.actor(t, demo.Email("Joost", "vt"))
		pc.join(t, thomas, schakel.RoleUitvoering)
		pc.team(t, "Team West", lead, lead, thomas)
		pc.hold(t, lead, thomas)
		req := pc.askTraumaCare(t)
		at := func(when time.Time) { db.Now = func() time.Time { return when } }
		var run app.MembershipRun
		checkHistoryPlans(t, db, nil, []historyStep{{planStep{"the week's caseloads of teams", func() error {
			n, err := uc.RecordCaseloadWeek(ctx)
			if err == nil && n == 0 {
				t.Error("no team's week was written")
			}
			return err
		}}, "the hourly job that keeps each team's and worker's caseload of the week counts every case they hold"}})
		steps := []planStep{
			{"a provider reminded", func() error {
				at(req.Deadline.Add(-time.Hour))
				n, err := uc.RemindCareProviders(ctx)
				if err == nil && n == 0 {
					t.Error("no provider was reminded")
				}
				return err
			}},
			{"a membership review opens", func() (err error) {
				at(w.now.AddDate(2, 0, 0))
				if run, err = uc.ReviewMembership(ctx); err == nil && run.Opened == 0 {
					t.Errorf("no review opened: %+v", run)
				}
				return err
			}},
			{"an administrator confirms who still works here", func() error {
				// Only himself: the accounts nobody confirms are suspended at the close.
				_, err := uc.MarkMembership(ctx, admin, admin.Professional.Organisation.ID, app.MembershipMarks{StillHere: []int64{admin.Professional.ID}})
				return err
			}},
			{"the review closes", func() (err error) {
				at(w.now.AddDate(2, 2, 0))
				if run, err = uc.ReviewMembership(ctx); err == nil && (run.Closed == 0 || run.Suspended == 0) {
					t.Errorf("no review closed with suspended accounts: %+v", run)
				}
				return err
			}},
		}
		checkStepPlans(t, db, nil, steps)
	})
}
