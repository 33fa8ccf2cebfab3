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

// TestWaitingForCaseHolder: a child with a running measure and no case
// holder at the youth-protection organisation is on its waiting list, on
// the team board and (as a count, its waiting time withheld for fewer
// than five children) in the chain dashboard; a case holder takes it off.
func TestWaitingForCaseHolder(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := holderCase(t, db, uc)
		erik := demoActor(t, db, demo.Email("Erik", "jb"))
		thomas := demoActor(t, db, demo.Email("Thomas", "jb"))
		team, err := uc.CreateTeam(ctx, erik, app.TeamInput{Name: "Team West", LeadID: erik.Professional.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.PutTeamMember(ctx, erik, team.ID, app.MemberInput{ProfessionalID: thomas.Professional.ID, HoursPerWeek: 36}); err != nil {
			t.Fatal(err)
		}
		board, err := uc.TeamCaseload(ctx, erik, team.ID)
		if err != nil || len(board.Waiting) != 0 {
			t.Fatalf("waiting before any measure: %v, %+v", err, board.Waiting)
		}
		var in schakel.ChainEventInput
		ordered := time.Now().UTC().Add(time.Minute)
		in.Type, in.At = "court_order", ordered.Format(time.RFC3339)
		in.Details.Measure, in.Details.EndsAt = "supervision", ordered.AddDate(0, 11, 0).Format(time.RFC3339)
		if _, err := uc.RecordEvent(ctx, thomas, caseID, in, "hand"); err != nil {
			t.Fatalf("court order: %v %+v", err, schakel.FieldErrors(err))
		}
		// Three days later.
		real := db.Now
		db.Now = func() time.Time { return real().Add(72*time.Hour + time.Hour) }
		defer func() { db.Now = real }()
		board, err = uc.TeamCaseload(ctx, erik, team.ID)
		if err != nil || len(board.Waiting) != 1 || board.Waiting[0].CaseID != caseID || board.Waiting[0].Children != 1 ||
			board.Waiting[0].Days != 3 || board.WaitingChildren != 1 {
			t.Fatalf("waiting after the order: %v, %+v", err, board.Waiting)
		}
		d, err := uc.Dashboard(ctx, erik, storage.LeadtimeFilter{RegionID: erik.Professional.Organisation.RegionID}, "")
		if err != nil || d.HolderWaiting.Children != 1 || d.HolderWaiting.Cases != 1 || !d.HolderWaiting.Suppressed || d.HolderWaiting.MedianDays != nil {
			t.Errorf("dashboard: %v, %+v, want 1 child, its waiting time withheld", err, d.HolderWaiting)
		}
		if _, err := uc.AssignCaseHolder(ctx, erik, caseID, app.HolderInput{ProfessionalID: thomas.Professional.ID, Position: schakel.FirstHolder, Reason: "Van de wachtlijst."}); err != nil {
			t.Fatal(err)
		}
		board, err = uc.TeamCaseload(ctx, erik, team.ID)
		if err != nil || len(board.Waiting) != 0 {
			t.Errorf("waiting with a case holder: %v, %+v", err, board.Waiting)
		}
		if _, err := uc.EndCaseHolder(ctx, thomas, caseID, schakel.FirstHolder, "Ik vertrek."); err != nil {
			t.Fatal(err)
		}
		board, err = uc.TeamCaseload(ctx, erik, team.ID)
		if err != nil || len(board.Waiting) != 1 || board.Waiting[0].Days != 0 || !board.Waiting[0].Since.After(ordered) {
			t.Errorf("waiting again from when the holder left: %v, %+v", err, board.Waiting)
		}
	})
}
