package app_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestAssignAboveTheNorm: a case that takes a worker above 100 % of the
// norm is refused unless a team lead overrides with a reason; the
// override is recorded and counted for the region. Each refusal (also
// overlapping holders and a holder from an organisation not on the case)
// leaves only its audit entry.
func TestAssignAboveTheNorm(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := holderCase(t, db, uc)
		who := func(first, org string) *schakel.Actor { return demoActor(t, db, demo.Email(first, org)) }
		erik, fatma, thomas, rob := who("Erik", "jb"), who("Fatma", "jb"), who("Thomas", "jb"), who("Rob", "schuldhulp")
		team, err := uc.CreateTeam(ctx, erik, app.TeamInput{Name: "Team Noord", LeadID: erik.Professional.ID})
		if err != nil {
			t.Fatal(err)
		}
		// One red case (1.5) against 4 hours of the norm (1.33): 113 %.
		for _, m := range []app.MemberInput{{ProfessionalID: thomas.Professional.ID, HoursPerWeek: 4, StartedOn: "2019-01-01"},
			{ProfessionalID: fatma.Professional.ID, HoursPerWeek: 36, StartedOn: "2019-01-01"}} {
			if _, err := uc.PutTeamMember(ctx, erik, team.ID, m); err != nil {
				t.Fatal(err)
			}
		}
		assign := func(by, to *schakel.Actor, pos schakel.HolderPosition, o app.Override) error {
			_, err := uc.AssignCaseHolder(ctx, by, caseID, app.HolderInput{ProfessionalID: to.Professional.ID, Position: pos, Reason: "Nieuwe casus.", Override: o})
			return err
		}
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error {
			err := assign(erik, thomas, schakel.FirstHolder, app.Override{})
			if fieldCodes(err) != "professional_id:over_norm" {
				t.Errorf("above the norm without override: %v", err)
			}
			return err
		})
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error {
			err := assign(erik, thomas, schakel.FirstHolder, app.Override{Confirmed: true, Reason: "  "})
			if fieldCodes(err) != "override_reason:required" {
				t.Errorf("override without reason: %v", err)
			}
			return err
		})
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error {
			err := assign(erik, rob, schakel.FirstHolder, app.Override{})
			if fieldCodes(err) != "professional_id:not_on_case" {
				t.Errorf("a holder from an organisation not on the case: %v", err)
			}
			return err
		})
		if err := assign(erik, thomas, schakel.FirstHolder, app.Override{Confirmed: true, Reason: "Broer van een kind dat Thomas al kent."}); err != nil {
			t.Fatalf("override with a reason: %v", err)
		}
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error {
			err := assign(erik, thomas, schakel.SecondHolder, app.Override{})
			if fieldCodes(err) != "professional_id:overlap" {
				t.Errorf("overlapping assignment: %v", err)
			}
			return err
		})
		// The holder hands over to a colleague who would go above the
		// norm: only a team lead may override.
		if _, err := uc.PutTeamMember(ctx, erik, team.ID, app.MemberInput{ProfessionalID: fatma.Professional.ID, HoursPerWeek: 1, StartedOn: "2019-01-01"}); err != nil {
			t.Fatal(err)
		}
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error {
			return assign(thomas, fatma, schakel.FirstHolder, app.Override{Confirmed: true, Reason: "Ik ga met verlof."})
		})
		action, err := uc.AddAction(ctx, thomas, caseID, planAction("Huisbezoek", thomas.Professional.Organisation.ID, thomas.Professional.ID))
		if err != nil {
			t.Fatal(err)
		}
		// Thomas goes on leave: everything moves to Fatma in one act.
		handOver := func(by *schakel.Actor, in app.HandOverInput) error {
			_, err := uc.HandOverAll(ctx, by, thomas.Professional.ID, in)
			return err
		}
		refusedLeavesOnlyAudit(t, db, schakel.EFORBIDDEN, 1, func() error {
			return handOver(fatma, app.HandOverInput{To: fatma.Professional.ID, Reason: "Verlof."})
		})
		for _, bad := range []struct {
			name string
			in   app.HandOverInput
			want string
		}{
			{"no reason", app.HandOverInput{To: fatma.Professional.ID}, "reason:required"},
			{"to themself", app.HandOverInput{To: thomas.Professional.ID, Reason: "Verlof."}, "to:same"},
			{"to another organisation", app.HandOverInput{To: rob.Professional.ID, Reason: "Verlof."}, "to:other_organisation"},
			{"above the norm", app.HandOverInput{To: fatma.Professional.ID, Reason: "Verlof."}, "professional_id:over_norm"},
			{"override without reason", app.HandOverInput{To: fatma.Professional.ID, Reason: "Verlof.", Override: app.Override{Confirmed: true}}, "override_reason:required"},
		} {
			t.Run(bad.name, func(t *testing.T) {
				refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error {
					err := handOver(erik, bad.in)
					if fieldCodes(err) != bad.want {
						t.Errorf("%v (%s), want %s", err, fieldCodes(err), bad.want)
					}
					return err
				})
			})
		}
		res, err := uc.HandOverAll(ctx, erik, thomas.Professional.ID, app.HandOverInput{To: fatma.Professional.ID, Reason: "Verlof van drie maanden.",
			Override: app.Override{Confirmed: true, Reason: "Tijdelijk, tot de nieuwe collega begint."}})
		if err != nil || res.Cases != 1 || res.Actions != 1 || len(res.Receivers) != 1 || res.Receivers[0] != fatma.Professional.ID {
			t.Fatalf("hand over all: %v, %+v", err, res)
		}
		if held, err := uc.MyCaseload(ctx, fatma); err != nil || held.Cases != 1 {
			t.Errorf("Fatma's caseload after the hand-over: %v, %+v", err, held)
		}
		if held, err := uc.MyCaseload(ctx, thomas); err != nil || held.Cases != 0 {
			t.Errorf("Thomas's caseload after the hand-over: %v, %+v", err, held)
		}
		p, err := uc.Plan(ctx, fatma, caseID)
		if err != nil {
			t.Fatal(err)
		}
		done := "done"
		moved, err := uc.UpdateAction(ctx, fatma, caseID, action.ID, plan.ActionChange{Status: &done, Version: p.Version})
		if err != nil || moved.OwnerProfessional.ID != fatma.Professional.ID {
			t.Errorf("the action after the hand-over: %v, %+v, want Fatma's", err, moved)
		}
		figures, err := uc.CaseloadOverrides(ctx, erik)
		if err != nil || figures.Total != 2 || len(figures.Organisations) != 1 || figures.Organisations[0].OrganisationID != erik.Professional.Organisation.ID {
			t.Errorf("region's overrides: %v, %+v", err, figures)
		}
	})
}
