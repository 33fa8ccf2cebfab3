package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestConfirmedMatchFoldsCrisisTables: a second red report on the same
// family with a typo in the surname gets its own crisis table within the
// crisis time (the match is only proposed); confirming the match folds the
// two cases and their tables into one: the later table is cancelled with a
// reason, its invitees are invited to the table that stays, nothing is lost.
func TestConfirmedMatchFoldsCrisisTables(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		mohamed := demoActor(t, db, demo.Email("Mohamed", "vt"))
		first, err := uc.CreateReport(ctx, sanne, redReport("Yara", ""), "")
		if err != nil {
			t.Fatal(err)
		}
		typo := redReport("Yara", "")
		typo.Children[0].FamilyName = "Gelijktijdg"
		typo.Concerns = append(typo.Concerns, "honour_related_violence")
		second, err := uc.CreateReport(ctx, mohamed, typo, "")
		if err != nil {
			t.Fatal(err)
		}
		if second.CaseID == first.CaseID || len(second.Matches) == 0 {
			t.Fatalf("the typo report should get its own case with a proposed match; got case %d (first %d), %d matches",
				second.CaseID, first.CaseID, len(second.Matches))
		}
		if second.Consultation == nil {
			t.Fatal("a red report with only a proposed match must still get its crisis table")
		}
		_, into, err := uc.DecideMatch(ctx, sanne, second.Matches[0].ID, true)
		if err != nil {
			t.Fatalf("confirm: %v", err)
		}
		if into != first.CaseID {
			t.Fatalf("merged into case %d, want %d", into, first.CaseID)
		}
		c, err := app.New(db).Case(ctx, sanne, into)
		if err != nil {
			t.Fatal(err)
		}
		var planned, cancelled int
		invited := map[int64]bool{}
		for _, k := range c.Consultations {
			if k.Kind != "crisis" {
				continue
			}
			switch k.Status {
			case "planned":
				planned++
				if !slices.ContainsFunc(k.Needs, func(n schakel.ConsultationNeed) bool { return n.Need == "expertise:honour_related_violence" }) {
					t.Errorf("the need of the folded table is not on the one that stays: %+v", k.Needs)
				}
				for _, p := range k.Participants {
					invited[p.Professional.ID] = true
				}
			case "cancelled":
				cancelled++
				if len(k.Changes) == 0 || !strings.Contains(k.Changes[len(k.Changes)-1].Reason, "hetzelfde gezin") {
					t.Errorf("the folded table must say why it was cancelled: %+v", k.Changes)
				}
			}
		}
		if planned != 1 || cancelled != 1 {
			t.Fatalf("after the fold: %d planned and %d cancelled crisis tables, want 1 and 1", planned, cancelled)
		}
		for _, k := range c.Consultations {
			if k.Kind == "crisis" && k.Status == "cancelled" {
				for _, p := range k.Participants {
					if p.DeclinedAt == nil && !invited[p.Professional.ID] {
						t.Errorf("%s was invited to the folded table but not to the one that stays", p.Professional.Name)
					}
				}
			}
		}
		if len(c.Reports) != 2 {
			t.Errorf("case has %d reports after the merge, want 2", len(c.Reports))
		}
	})
}
