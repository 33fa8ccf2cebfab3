package app_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestCaseloadHistory: the weekly job records each worker's and team's
// load once per ISO week however often it runs, also from two App values
// (two serve processes) at once; a week later the team board shows two
// weeks and each member's percent per week; the organisation view has
// counts per team and no names, for team leads and administrators only;
// a logged home visit is a contact moment on all three views.
func TestCaseloadHistory(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc, other := app.New(db), app.New(db)
		caseID := holderCase(t, db, uc)
		erik, fatma, marco := demoActor(t, db, demo.Email("Erik", "jb")), demoActor(t, db, demo.Email("Fatma", "jb")), demoActor(t, db, demo.Email("Marco", "jb"))
		team, err := uc.CreateTeam(ctx, erik, app.TeamInput{Name: "Team Trend", LeadID: erik.Professional.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.PutTeamMember(ctx, erik, team.ID, app.MemberInput{ProfessionalID: fatma.Professional.ID, HoursPerWeek: 36, StartedOn: "2019-01-01"}); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.AssignCaseHolder(ctx, erik, caseID, app.HolderInput{ProfessionalID: fatma.Professional.ID, Position: schakel.FirstHolder, Reason: "Nieuwe casus."}); err != nil {
			t.Fatal(err)
		}
		// A home visit this month: a contact moment on Fatma's case.
		visit := plan.ConversationInput{HeldAt: db.Now().Add(-time.Minute).Format(time.RFC3339), ProfessionalIDs: []int64{fatma.Professional.ID},
			Others: "Moeder", Summary: "Huisbezoek."}
		if _, err := uc.AddConversation(ctx, fatma, caseID, visit); err != nil {
			t.Fatalf("conversation: %v %+v", err, schakel.FieldErrors(err))
		}
		mine, err := uc.MyCaseload(ctx, fatma)
		if err != nil || mine.ContactsThisMonth != 1 || mine.ContactsPerFamily != 1 || len(mine.Held) != 1 || mine.Held[0].ContactsThisMonth != 1 {
			t.Errorf("contact moments on Mijn caseload: %v %+v", err, mine)
		}
		if b, err := uc.TeamCaseload(ctx, erik, team.ID); err != nil || b.Members[0].ContactsThisMonth != 1 || b.Members[0].ContactsLastMonth != 0 {
			t.Errorf("contact moments on the team board: %v %+v", err, b.Members)
		}
		if o, err := uc.OrganisationCaseload(ctx, erik); err != nil || o.Total.ContactsThisMonth != 1 {
			t.Errorf("contact moments in the organisation view: %v %+v", err, o.Total)
		}
		record := func(a *app.App) {
			t.Helper()
			if n, err := a.RecordCaseloadWeek(ctx); err != nil || n != 1 {
				t.Errorf("record: %d teams, %v", n, err)
			}
		}
		record(uc)
		counts := func() (int64, int64) {
			t.Helper()
			c, err := db.RowCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return c["caseload_week_workers"], c["caseload_week_teams"]
		}
		if w, tm := counts(); w != 1 || tm != 1 {
			t.Fatalf("after one run: %d worker rows, %d team rows, want 1 and 1", w, tm)
		}
		var wg sync.WaitGroup
		for _, a := range []*app.App{uc, other, uc, other} {
			wg.Add(1)
			go func() { defer wg.Done(); record(a) }()
		}
		wg.Wait()
		if w, tm := counts(); w != 1 || tm != 1 {
			t.Fatalf("after four more runs, two at a time: %d worker rows, %d team rows, want still 1 and 1", w, tm)
		}

		real := db.Now
		db.Now = func() time.Time { return real().AddDate(0, 0, 7) }
		defer func() { db.Now = real }()
		record(other)
		board, err := uc.TeamCaseload(ctx, erik, team.ID)
		if err != nil || len(board.Trend) != 2 || len(board.Weeks) != app.TrendWeeks || board.Trend[1].Week != board.Weeks[app.TrendWeeks-1] {
			t.Fatalf("trend after two weeks: %v, %+v (weeks %v)", err, board.Trend, board.Weeks)
		}
		// One red case, no measure: 1.5 of 12 is 13 %, in both weeks.
		if tr := board.Trend[1]; tr.Cases != 1 || tr.Members != 1 || tr.Percent == nil || *tr.Percent != 13 || tr.Band != "room" {
			t.Errorf("this week: %+v", tr)
		}
		ps := board.MemberTrends[0].Percents
		if len(board.MemberTrends) != 1 || ps[app.TrendWeeks-1] == nil || ps[app.TrendWeeks-2] == nil || ps[0] != nil || *ps[app.TrendWeeks-1] != 13 {
			t.Errorf("member trend: %+v", board.MemberTrends)
		}

		for _, a := range []*schakel.Actor{erik, marco} {
			o, err := uc.OrganisationCaseload(ctx, a)
			if err != nil || len(o.Teams) != 1 || o.Total.Cases != 1 || o.Total.Members != 1 || len(o.Trend) != 2 || o.Teams[0].Percent == nil || *o.Teams[0].Percent != 13 {
				t.Fatalf("organisation view for %s: %v %+v", a.Professional.Name, err, o)
			}
			b, _ := json.Marshal(o)
			if strings.Contains(string(b), "Fatma") || strings.Contains(string(b), "Yilmaz") {
				t.Errorf("the organisation view names a worker: %s", b)
			}
		}
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error {
			_, err := uc.OrganisationCaseload(ctx, fatma)
			return err
		})
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error {
			_, err := uc.OrganisationCaseload(ctx, demoActor(t, db, demo.Email("Anne", "jb")))
			return err
		})
	})
}
