package app_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestFollowUpMDOInvitesWhatCouldFollow: a red report at night with
// unopened post gets a crisis table without debt counselling (it can
// follow); the MDO planned after it picks that need up with its rule and
// invites debt counselling, and says so in the invitation.
func TestFollowUpMDOInvitesWhatCouldFollow(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 24, 2, 30, 0, 0, workdays.Location()) // a Tuesday night
		db.Now = func() time.Time { return now }
		if _, err := demo.Load(ctx, db, now); err != nil {
			t.Fatalf("demo: %v", err)
		}
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		report := redReport("Noor", "")
		report.Finances = map[string]string{"unopened_post_or_debts": "yes"}
		res, err := uc.CreateReport(ctx, sanne, report, "")
		if err != nil || res.Consultation == nil {
			t.Fatalf("red report: %v", err)
		}
		const debt = "expertise:debt_counselling"
		covers := func(c schakel.Consultation, need string) []int64 {
			var ids []int64
			for _, p := range c.Participants {
				if slices.Contains(p.Covers, need) {
					ids = append(ids, p.Professional.ID)
				}
			}
			return ids
		}
		if ids := covers(*res.Consultation, debt); len(ids) != 0 {
			t.Fatalf("debt counselling sits at the night table: %v", ids)
		}
		mohamed := demoActor(t, db, demo.Email("Mohamed", "vt"))
		tests := []struct {
			kind     string
			wantDebt bool
		}{
			{schakel.ConsultCaseConference, false},
			{schakel.ConsultMDO, true},
		}
		for _, tt := range tests {
			t.Run(tt.kind, func(t *testing.T) {
				c, err := uc.CreateConsultation(ctx, sanne, res.CaseID, plan.ConsultationInput{Kind: tt.kind,
					ScheduledAt: now.Add(72 * time.Hour).Truncate(time.Hour).Format(time.RFC3339),
					Invite:      plan.Invite{ProfessionalIDs: []int64{mohamed.Professional.ID}}})
				if err != nil {
					t.Fatal(err)
				}
				i := slices.IndexFunc(c.Needs, func(n schakel.ConsultationNeed) bool { return n.Need == debt })
				invited := covers(c, debt)
				if !tt.wantDebt {
					if i >= 0 || len(invited) > 0 {
						t.Errorf("a %s picked up the crisis table's needs: %+v %v", tt.kind, c.Needs, invited)
					}
					return
				}
				if i < 0 || !slices.Contains(c.Needs[i].Rules, "answer:unopened_post_or_debts") || c.Needs[i].Urgency != "urgent" {
					t.Fatalf("the MDO does not carry the need with its rule: %+v", c.Needs)
				}
				if len(invited) != 1 || slices.Contains(c.Missing, debt) {
					t.Fatalf("debt counselling invited: %v, missing %v", invited, c.Missing)
				}
				counsellor := demoActorByID(t, db, invited[0])
				if counsellor.Professional.Organisation.Kind != schakel.Schuldhulp {
					t.Errorf("debt counselling by %s (%s)", counsellor.Professional.Name, counsellor.Professional.Organisation.Kind)
				}
				mails, err := db.OutboxFor(ctx, invited[0], 5)
				if err != nil || len(mails) == 0 || mails[0].ICS == "" {
					t.Fatalf("the counsellor got no invitation: %v", err)
				}
			})
		}
	})
}
