package app_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestColleagueCountsOnTheBoard: asking a colleague along is counted per
// worker on the team board (asked, and went along) and per team in the
// organisation view; a declined request is asked but not joined.
func TestColleagueCountsOnTheBoard(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := holderCase(t, db, uc)
		erik, fatma, thomas := demoActor(t, db, demo.Email("Erik", "jb")), demoActor(t, db, demo.Email("Fatma", "jb")), demoActor(t, db, demo.Email("Thomas", "jb"))
		team, err := uc.CreateTeam(ctx, erik, app.TeamInput{Name: "Team Samen", LeadID: erik.Professional.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []*schakel.Actor{fatma, thomas} {
			if _, err := uc.PutTeamMember(ctx, erik, team.ID, app.MemberInput{ProfessionalID: p.Professional.ID, HoursPerWeek: 32}); err != nil {
				t.Fatal(err)
			}
		}
		at := db.Now().Add(48 * time.Hour).Format(time.RFC3339)
		for _, accept := range []bool{true, false} {
			r, err := uc.AskColleague(ctx, fatma, caseID, plan.RequestInput{ToProfessionalID: thomas.Professional.ID, Kind: schakel.RequestThinkAlong, At: at, Message: "Denk je mee?"})
			if err != nil {
				t.Fatalf("ask: %v %+v", err, schakel.FieldErrors(err))
			}
			if _, err := uc.AnswerColleague(ctx, thomas, r.ID, accept, ""); err != nil {
				t.Fatalf("answer: %v", err)
			}
		}
		b, err := uc.TeamCaseload(ctx, erik, team.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64][2]int{}
		for _, m := range b.Members {
			got[m.ProfessionalID] = [2]int{m.ColleagueAsked, m.ColleagueJoined}
		}
		if got[fatma.Professional.ID] != [2]int{2, 0} || got[thomas.Professional.ID] != [2]int{0, 1} {
			t.Errorf("asked and joined per member: %v, want Fatma 2 asked, Thomas 1 joined", got)
		}
		o, err := uc.OrganisationCaseload(ctx, erik)
		if err != nil || len(o.Teams) != 1 || o.Teams[0].ColleagueAsked != 2 || o.Teams[0].ColleagueJoined != 1 || o.Total.ColleagueAsked != 2 {
			t.Errorf("organisation view: %v %+v", err, o.Teams)
		}
	})
}
