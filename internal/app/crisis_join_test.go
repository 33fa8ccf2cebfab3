package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestSecondRedReportJoinsTheTable: a second red report on a family whose
// crisis table is planned joins that table: no second table, the need the
// new report adds (sexual violence expertise) gets someone, and the people
// already invited hear of the new report.
func TestSecondRedReportJoinsTheTable(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		first, err := uc.CreateReport(ctx, sanne, redReport("Iris", "111222333"), "")
		if err != nil {
			t.Fatal(err)
		}
		if first.Consultation == nil {
			t.Fatal("no crisis table for the first red report")
		}
		second := redReport("Iris", "111222333")
		second.Concerns = []string{"sexual_abuse"}
		second.Indicators = []string{"sexual_abuse_suspect_has_access"}
		res, err := uc.CreateReport(ctx, sanne, second, "")
		if err != nil {
			t.Fatal(err)
		}
		if res.CaseID != first.CaseID {
			t.Fatalf("same BSN, other case: %d vs %d", res.CaseID, first.CaseID)
		}
		if res.Consultation == nil || res.Consultation.ID != first.Consultation.ID {
			t.Fatalf("the second report must join table %d, got %+v", first.Consultation.ID, res.Consultation)
		}
		covers := []string{}
		for _, p := range res.Consultation.Participants {
			covers = append(covers, p.Covers...)
		}
		if !slices.Contains(covers, "expertise:sexual_violence") && !slices.Contains(res.Consultation.Missing, "expertise:sexual_violence") {
			t.Errorf("the new need is neither filled nor reported missing: covers %v, missing %v", covers, res.Consultation.Missing)
		}
		c, err := app.New(db).Case(ctx, sanne, first.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		planned := 0
		for _, k := range c.Consultations {
			if k.Kind == "crisis" && k.Status == "planned" {
				planned++
			}
		}
		if planned != 1 {
			t.Errorf("%d planned crisis tables, want 1", planned)
		}
		invitee := first.Consultation.Participants[0].Professional
		items, err := app.New(db).Worklist(ctx, demoActorByID(t, db, invitee.ID), app.WorkFilter{Scope: "mine"})
		if err != nil {
			t.Fatal(err)
		}
		told := slices.ContainsFunc(items, func(it storage.WorkItem) bool { return strings.Contains(it.Title, "Nieuwe melding") })
		if !told {
			t.Errorf("%s, already invited, was not told of the new report: %+v", invitee.Name, items)
		}
	})
}

// TestProposedMatchIsTheFirstAgendaPoint: a red report that may be about a
// known family still gets its table, with the match question first.
func TestProposedMatchIsTheFirstAgendaPoint(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		if _, err := uc.CreateReport(ctx, sanne, redReport("Mees", ""), ""); err != nil {
			t.Fatal(err)
		}
		typo := redReport("Mees", "")
		typo.Children[0].FamilyName = "Gelijktydig"
		res, err := uc.CreateReport(ctx, demoActor(t, db, demo.Email("Mohamed", "vt")), typo, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Matches) == 0 || res.Consultation == nil {
			t.Fatalf("want a proposed match and a table, got %d matches, table %v", len(res.Matches), res.Consultation)
		}
		if len(res.Consultation.Agenda) == 0 || !strings.Contains(res.Consultation.Agenda[0].Text, "mogelijke match") {
			t.Errorf("the match question must be the first agenda point: %+v", res.Consultation.Agenda)
		}
	})
}
