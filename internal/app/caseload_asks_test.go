package app_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/askalong"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestAskCountsOnTheBoard: asks to the team and quick questions are
// counted per worker on the team board (asked, accepted, answered, the
// median minutes to an answer) and per team, without names, in the
// organisation view; the team's median is over every ask its members
// took.
func TestAskCountsOnTheBoard(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newAskWorld(t, db)
		real := db.Now
		defer func() { db.Now = real }()
		base := real()
		at := func(d time.Duration) { db.Now = func() time.Time { return base.Add(d) } }
		join := w.join(t, db)
		question, err := w.uc.AskColleagues(ctx, w.fatma, w.caseID, askalong.Input{Kind: schakel.AskQuestion, TeamID: w.teamID, Message: "Denk je mee?"})
		if err != nil {
			t.Fatal(err)
		}
		w.join(t, db) // a third ask, still open
		at(30 * time.Minute)
		if _, err := w.uc.TakeColleagueAsk(ctx, w.thomas, join.ID, schakel.AskJoin, ""); err != nil {
			t.Fatal(err)
		}
		at(90 * time.Minute)
		if _, err := w.uc.TakeColleagueAsk(ctx, w.naima, question.ID, schakel.AskQuestion, "Bel de school."); err != nil {
			t.Fatal(err)
		}
		b, err := w.uc.TeamCaseload(ctx, w.erik, w.teamID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64]app.AskCounts{}
		for _, m := range b.Members {
			got[m.ProfessionalID] = m.Asks
		}
		check := func(what string, c app.AskCounts, asked, accepted, answered int, median *int) {
			t.Helper()
			if c.Asked != asked || c.Accepted != accepted || c.Answered != answered || (median == nil) != (c.MedianMinutes == nil) ||
				(median != nil && *median != *c.MedianMinutes) {
				t.Errorf("%s: %+v (median %v), want %d %d %d %v", what, c, c.MedianMinutes, asked, accepted, answered, median)
			}
		}
		m30, m90, m60 := 30, 90, 60
		check("Fatma", got[w.fatma.Professional.ID], 3, 0, 0, nil)
		check("Thomas", got[w.thomas.Professional.ID], 0, 1, 0, &m30)
		check("Naima", got[w.naima.Professional.ID], 0, 0, 1, &m90)
		check("the team", b.Asks, 3, 1, 1, &m60)
		o, err := w.uc.OrganisationCaseload(ctx, w.erik)
		if err != nil || len(o.Teams) != 1 {
			t.Fatalf("organisation view: %v %+v", err, o.Teams)
		}
		check("the team in the organisation view", o.Teams[0].Asks, 3, 1, 1, &m60)
		check("the organisation", o.Total.Asks, 3, 1, 1, &m60)
	})
}
