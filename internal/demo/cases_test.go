package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestLoadCases: the demo families arrive through the real storage paths
// and leave work for the people who log in first.
func TestLoadCases(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC) // a Tuesday
		db.Now = func() time.Time { return now }
		if _, err := demo.Load(ctx, db, now); err != nil {
			t.Fatal(err)
		}
		if err := demo.LoadCases(ctx, db, now); err != nil {
			t.Fatal(err)
		}
		who := func(first, org string) *schakel.Actor {
			t.Helper()
			p, err := db.ProfessionalByEmail(ctx, demo.Email(first, org))
			if err != nil {
				t.Fatal(err)
			}
			return &schakel.Actor{Professional: &p}
		}
		sanne, fatma := who("Sanne", "vt"), who("Fatma", "jb")

		items, err := app.New(db).Worklist(ctx, sanne, app.WorkFilter{Scope: "organisation"})
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		for _, it := range items {
			kinds[it.Kind]++
		}
		if kinds["assessment"] < 2 || kinds["rate"] == 0 {
			t.Errorf("Veilig Thuis's work list: %v", kinds)
		}
		mine, err := app.New(db).Worklist(ctx, fatma, app.WorkFilter{Scope: "mine"})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(mine, func(it storage.WorkItem) bool { return it.Kind == "action" }) {
			t.Errorf("Fatma has no action of the agreed plan due: %+v", mine)
		}

		// The De Vries case: plan agreed, held within four hours, findings.
		var vries int64
		for _, it := range items {
			if it.Family == "Gezin de Vries" {
				vries = it.CaseID
			}
		}
		if vries == 0 {
			t.Fatalf("no De Vries case in %+v", items)
		}
		c, ws, err := app.New(db).CaseWorkspace(ctx, sanne, vries)
		if err != nil {
			t.Fatal(err)
		}
		if ws.Plan.Status != schakel.PlanAgreed || len(ws.Plan.Actions) != 4 || len(ws.Findings) != 3 || len(ws.CurrentScales) != 2 || c.Color != "red" {
			t.Errorf("De Vries: colour %s, plan %s with %d actions, %d findings, %d scales", c.Color, ws.Plan.Status, len(ws.Plan.Actions), len(ws.Findings), len(ws.CurrentScales))
		}
		tl, err := app.New(db).Timeline(ctx, sanne, vries)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(tl.Phases, func(p storage.PhaseView) bool { return p.Phase == "red_consultation" })
		if i < 0 || tl.Phases[i].Status != "done" || tl.Phases[i].Within == nil || !*tl.Phases[i].Within {
			t.Errorf("red to consultation, held within four hours: %+v", tl.Phases)
		}
		// Team Zuid is a team record: Fatma holds De Vries and visited
		// twice, recorded in this week's history; the team is in the
		// support-work cohort.
		erik := who("Erik", "jb")
		boards, err := app.New(db).MyTeamBoards(ctx, erik)
		if err != nil || len(boards) != 1 || len(boards[0].Members) != 2 || len(boards[0].Trend) != 1 || boards[0].Trend[0].Contacts != 2 {
			t.Errorf("Team Zuid's board: %v %+v", err, boards)
		}
		cohorts, err := app.New(db).Cohorts(ctx, erik, 0)
		if err != nil || len(cohorts) != 1 || cohorts[0].Intervention != "support_work" || len(cohorts[0].Teams) != 1 {
			t.Errorf("the support-work cohort: %v %+v", err, cohorts)
		}
		if err := db.VerifyRollups(ctx); err != nil {
			t.Error(err)
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}
