package app_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestCrisisTableYouCanDefend walks the strangulation report of issue 10:
// the police reported, the mother was strangled, and there is unopened
// post. The police, the shelter and the intake worker are at the table;
// debt counselling is recorded to follow at the MDO, not invited; every
// need names the rule behind it.
func TestCrisisTableYouCanDefend(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		report := redReport("Noor", "123456782")
		report.Finances = map[string]string{"unopened_post_or_debts": "yes"}
		res, err := app.New(db).CreateReport(ctx, sanne, report, "")
		if err != nil {
			t.Fatal(err)
		}
		c := res.Consultation
		if c == nil {
			t.Fatal("no crisis table for a red report")
		}
		intakeNeed := fmt.Sprintf("person:%d", sanne.Professional.ID)
		needs := map[string]schakel.ConsultationNeed{}
		for _, n := range c.Needs {
			needs[n.Need] = n
		}
		tests := []struct {
			need, urgency, rule string
		}{
			{"organisation:politie", "urgent", "reporter:police"},
			{"organisation:blijf_groep", "urgent", "concern:domestic_violence"},
			{intakeNeed, "urgent", "intake"},
			{"role:lawyer", "urgent", "indicator:threat_to_life"},
			{"expertise:debt_counselling", "can_follow", "answer:unopened_post_or_debts"},
		}
		covered := map[string]bool{}
		for _, p := range c.Participants {
			for _, cv := range p.Covers {
				covered[cv] = true
			}
		}
		for _, tt := range tests {
			t.Run(tt.need, func(t *testing.T) {
				n, ok := needs[tt.need]
				if !ok {
					t.Fatalf("need %s not recorded: %+v", tt.need, c.Needs)
				}
				if n.Urgency != tt.urgency || !slices.Contains(n.Rules, tt.rule) || n.Reason == "" {
					t.Errorf("need %s = %+v, want urgency %s with rule %s", tt.need, n, tt.urgency, tt.rule)
				}
				filled := covered[tt.need] || slices.Contains(c.Missing, tt.need)
				if tt.urgency == "urgent" && !filled {
					t.Errorf("urgent need %s is neither filled nor reported missing", tt.need)
				}
				if tt.urgency == "can_follow" && filled {
					t.Errorf("need %s can follow, but was filled or reported missing at the crisis table", tt.need)
				}
			})
		}
		if !strings.Contains(needs["expertise:debt_counselling"].Reason, "ongeopende post") {
			t.Errorf("the debt reason does not name the answer: %q", needs["expertise:debt_counselling"].Reason)
		}
		if !slices.ContainsFunc(c.Participants, func(p schakel.Participant) bool { return p.Professional.ID == sanne.Professional.ID }) {
			t.Errorf("the intake worker who took the report is not at the table: %+v", c.Participants)
		}
	})
}
