package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// placementPetition is a petition to the court for a placement
// authorisation, dated a minute ahead (within the clock skew allowed), so
// that it is never before the report just filed.
func placementPetition(urgent bool) schakel.ChainEventInput {
	var in schakel.ChainEventInput
	in.Type, in.At = "court_petition", time.Now().Add(time.Minute).Format(time.RFC3339)
	in.Details.Measure, in.Details.Urgent = "placement_authorisation", urgent
	return in
}

// TestCourtRequestWaitsForTheReview (issue 16, item 2): a petition for a
// placement authorisation is refused, leaving only its audit, until the
// case's placement-prevention review is held; then it is recorded. Other
// petitions and urgency elsewhere are not gated or refused at the field.
func TestCourtRequestWaitsForTheReview(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := reviewFixture(t, db, uc)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		refusedLeavesOnlyAudit(t, db, schakel.ECONFLICT, 2, func() error {
			_, err := uc.RecordEvent(ctx, sanne, caseID, placementPetition(false), storage.SourceAPI)
			if fe := schakel.FieldErrors(err); len(fe) != 1 || fe[0].Code != "review_required" || !strings.Contains(fe[0].Message, "uithuisplaatsing wordt overwogen") {
				t.Errorf("refusal without a review = %v %+v, want review_required naming the next step", err, fe)
			}
			return err
		})
		if _, err := uc.ConsiderPlacement(ctx, sanne, caseID, app.ConsiderInput{Reason: "Overwogen."}); err != nil {
			t.Fatal(err)
		}
		refusedLeavesOnlyAudit(t, db, schakel.ECONFLICT, 2, func() error {
			_, err := uc.RecordEvent(ctx, sanne, caseID, placementPetition(false), storage.SourceAPI)
			return err
		})
		supervision := placementPetition(false)
		supervision.Details.Measure = "supervision"
		if _, err := uc.RecordEvent(ctx, sanne, caseID, supervision, storage.SourceAPI); err != nil {
			t.Errorf("a petition for supervision waits for nothing: %v", err)
		}
		supervision.Details.Urgent = true
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 2, func() error {
			_, err := uc.RecordEvent(ctx, sanne, caseID, supervision, storage.SourceAPI)
			return err
		})
		heldReview(t, db, uc, caseID)
		e, err := uc.RecordEvent(ctx, sanne, caseID, placementPetition(false), storage.SourceAPI)
		if err != nil || e.Details.Measure != "placement_authorisation" {
			t.Fatalf("petition after the held review: %+v, %v", e, err)
		}
	})
}

// TestUrgentPetitionOpensTheReview: a petition for a spoedmachtiging goes
// through without a review, opens one due in five working days and puts a
// reminder in the team lead's work list; taking the urgency away afterwards
// is refused like a new request.
func TestUrgentPetitionOpensTheReview(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := reviewFixture(t, db, uc)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		e, err := uc.RecordEvent(ctx, sanne, caseID, placementPetition(true), storage.SourceAPI)
		if err != nil || !e.Details.Urgent {
			t.Fatalf("urgent petition: %+v, %v", e, err)
		}
		rs, err := uc.CaseReviews(ctx, sanne, caseID)
		if err != nil || len(rs) != 1 || !rs[0].Emergency || rs[0].Held() || rs[0].DueAt.Before(time.Now().Add(5*24*time.Hour)) {
			t.Fatalf("reviews after the urgent petition = %+v, %v", rs, err)
		}
		lead := demoActor(t, db, demo.Email("Linda", "vt"))
		items, err := app.New(db).Worklist(ctx, lead, app.WorkFilter{Scope: "mine"})
		if err != nil || !slices.ContainsFunc(items, func(it storage.WorkItem) bool {
			return it.CaseID == caseID && strings.Contains(it.Title, "Spoedmachtiging")
		}) {
			t.Errorf("team lead's work list = %+v, %v; want the reminder", items, err)
		}
		calm := placementPetition(false)
		calm.Corrects, calm.Reason = e.ID, "Toch geen spoed, gewoon verzoek."
		refusedLeavesOnlyAudit(t, db, schakel.ECONFLICT, 2, func() error {
			_, err := uc.RecordEvent(ctx, sanne, caseID, calm, storage.SourceAPI)
			return err
		})
	})
}
