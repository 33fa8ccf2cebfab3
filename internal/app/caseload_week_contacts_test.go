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

// TestCaseloadWeekContacts: the weekly history keeps the contact moments
// with families of each week next to the load, per worker and per team;
// a conversation logged a week late is added to the week it was held in
// at the next run, and the new week starts at none.
func TestCaseloadWeekContacts(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := holderCase(t, db, uc)
		erik, fatma := demoActor(t, db, demo.Email("Erik", "jb")), demoActor(t, db, demo.Email("Fatma", "jb"))
		team, err := uc.CreateTeam(ctx, erik, app.TeamInput{Name: "Team Contact", LeadID: erik.Professional.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.PutTeamMember(ctx, erik, team.ID, app.MemberInput{ProfessionalID: fatma.Professional.ID, HoursPerWeek: 36, StartedOn: "2019-01-01"}); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.AssignCaseHolder(ctx, erik, caseID, app.HolderInput{ProfessionalID: fatma.Professional.ID, Position: schakel.FirstHolder, Reason: "Nieuwe casus."}); err != nil {
			t.Fatal(err)
		}
		visit := func(at time.Time, summary string) {
			t.Helper()
			in := plan.ConversationInput{HeldAt: at.Format(time.RFC3339), ProfessionalIDs: []int64{fatma.Professional.ID}, Others: "Moeder", Summary: summary}
			if _, err := uc.AddConversation(ctx, fatma, caseID, in); err != nil {
				t.Fatalf("conversation: %v %+v", err, schakel.FieldErrors(err))
			}
		}
		record := func() {
			t.Helper()
			if _, err := uc.RecordCaseloadWeek(ctx); err != nil {
				t.Fatal(err)
			}
		}
		board := func() app.TeamBoard {
			t.Helper()
			b, err := uc.TeamCaseload(ctx, erik, team.ID)
			if err != nil || len(b.MemberTrends) != 1 {
				t.Fatalf("team board: %v %+v", err, b)
			}
			return b
		}
		held := db.Now().Add(-time.Minute)
		visit(held, "Huisbezoek.")
		record()
		b := board()
		last := len(b.Trend) - 1
		if last < 0 || b.Trend[last].Contacts != 1 || b.Trend[last].FamiliesContacted != 1 || b.Trend[last].ContactsPerFamily != 1 {
			t.Fatalf("this week's contact moments: %+v", b.Trend)
		}
		if c := b.MemberTrends[0].Contacts; c[app.TrendWeeks-1] == nil || *c[app.TrendWeeks-1] != 1 || c[0] != nil {
			t.Errorf("member's contact moments per week: %v", c)
		}

		real := db.Now
		db.Now = func() time.Time { return real().AddDate(0, 0, 7) }
		defer func() { db.Now = real }()
		visit(held.Add(-time.Minute), "Gesprek op school, een week later vastgelegd.") // held in last week
		record()
		b = board()
		if len(b.Trend) != 2 {
			t.Fatalf("two weeks recorded: %+v", b.Trend)
		}
		if lastWeek, thisWeek := b.Trend[0], b.Trend[1]; lastWeek.Contacts != 2 || lastWeek.FamiliesContacted != 1 || thisWeek.Contacts != 0 || thisWeek.Cases != 1 {
			t.Errorf("after a late log: last week %+v, this week %+v", lastWeek, thisWeek)
		}
		c := b.MemberTrends[0].Contacts
		if c[app.TrendWeeks-2] == nil || *c[app.TrendWeeks-2] != 2 || c[app.TrendWeeks-1] == nil || *c[app.TrendWeeks-1] != 0 {
			t.Errorf("member's weeks after a late log: %v", c)
		}
		o, err := uc.OrganisationCaseload(ctx, erik)
		if err != nil || len(o.Trend) != 2 || o.Trend[0].Contacts != 2 {
			t.Errorf("organisation trend: %v %+v", err, o.Trend)
		}
	})
}
