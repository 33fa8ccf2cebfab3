package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestAdminScreenPlans holds what an organisation's administrator and a
// team lead open to run the organisation to the rule of the working day:
// the professionals, one account, the organisations, the organisation's
// sessions, the membership review, the teams and one team, the norms of
// the chain and of caseloads, the caseload weights, the cohorts, the way
// of logging in, the care offer's answers, the placement library and its
// patterns. The list of an organisation's professionals grows with the
// organisation, not the region, so it must be found by organisation.
func TestAdminScreenPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, benchReport(3, true))
		w, sanne, uc := pc.w, pc.sanne, pc.uc
		admin := w.actor(t, demo.Email("Joost", "vt"))
		lead := w.actor(t, demo.Email("Erik", "jb"))
		vt := admin.Professional.Organisation.ID
		region := admin.Professional.Organisation.RegionID
		team, err := uc.CreateTeam(ctx, lead, app.TeamInput{Name: "Team Beheer", LeadID: lead.Professional.ID})
		if err != nil {
			t.Fatal(err)
		}
		kees := w.actor(t, demo.Email("Kees", "samendoen"))
		if _, err := uc.JoinNetwork(ctx, kees, kees.Professional.ID, []schakel.NetworkExpertise{schakel.NetDebt}); err != nil {
			t.Fatal(err)
		}
		screens := []planStep{
			{"professionals of the organisation", func() error {
				_, err := uc.Professionals(ctx, admin, storage.ProfessionalFilter{OrganisationID: vt})
				return err
			}},
			{"active professionals", func() error {
				_, err := uc.Professionals(ctx, admin, storage.ProfessionalFilter{OrganisationID: vt, ActiveOnly: true})
				return err
			}},
			{"one professional", func() error { _, err := uc.Professional(ctx, admin, sanne.Professional.ID); return err }},
			{"one account", func() error { _, err := uc.ProfessionalAccount(ctx, admin, sanne.Professional.ID); return err }},
			{"organisations", func() error { _, err := uc.Organisations(ctx, admin); return err }},
			{"regions", func() error { _, err := uc.Regions(ctx, admin); return err }},
			{"sessions of the organisation", func() error {
				_, err := uc.OrganisationSessions(ctx, admin, vt, "", time.Hour)
				return err
			}},
			{"membership review", func() error { _, err := uc.MembershipReview(ctx, admin, vt); return err }},
			{"teams of the organisation", func() error { _, err := uc.OrganisationTeams(ctx, lead); return err }},
			{"one team", func() error { _, err := uc.TeamOfOrganisation(ctx, lead, team.ID); return err }},
			{"own team", func() error { _, _, err := uc.MyTeam(ctx, lead); return err }},
			{"team caseload", func() error { _, err := uc.TeamCaseload(ctx, lead, team.ID); return err }},
			{"chain norms", func() error { _, err := uc.Norms(ctx, admin, region); return err }},
			{"caseload norms", func() error { _, err := uc.CaseloadNorms(ctx, lead); return err }},
			{"caseload weights", func() error { _, err := uc.CaseloadWeights(ctx, lead); return err }},
			{"cohorts", func() error { _, err := uc.Cohorts(ctx, admin, region); return err }},
			{"cohort choices", func() error { _, err := uc.CohortChoices(ctx, lead); return err }},
			{"way of logging in", func() error {
				_, err := uc.SecondFactorRequiredOf(ctx, admin, vt)
				return err
			}},
			{"placement library", func() error { _, err := uc.Library(ctx, kees); return err }},
			{"hand over preview", func() error { _, err := uc.PreviewHandOver(ctx, lead, lead.Professional.ID); return err }},
		}
		checkStepPlans(t, db, nil, screens)
	})
}

// TestAdminCommandPlans does the same for what an administrator changes:
// an account made, changed, switched off and on; an organisation's norms
// and weights; a cohort and who is in it; a team's lead and members, and a
// member's whole caseload handed over; a duty shift; someone leaving the
// network; the membership review's marks and interval.
func TestAdminCommandPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, benchReport(3, true))
		w, uc := pc.w, pc.uc
		admin := w.actor(t, demo.Email("Joost", "vt"))
		lead := w.actor(t, demo.Email("Erik", "jb"))
		vt := admin.Professional.Organisation.ID
		fatma := w.actor(t, demo.Email("Fatma", "jb"))
		thomas := w.actor(t, demo.Email("Thomas", "jb"))
		team := pc.team(t, "Team Beheer", lead, fatma, thomas)
		// Thomas holds the case, so that his caseload can be handed over.
		pc.join(t, thomas, schakel.RoleUitvoering)
		pc.hold(t, lead, thomas)
		aboveNorm := app.Override{Confirmed: true, Reason: "Tijdelijk, tot de nieuwe collega begint."}
		kees := w.actor(t, demo.Email("Kees", "samendoen"))
		if _, err := uc.JoinNetwork(ctx, kees, kees.Professional.ID, []schakel.NetworkExpertise{schakel.NetDebt}); err != nil {
			t.Fatal(err)
		}
		account := schakel.ProfessionalInput{OrganisationID: vt, Email: "nieuw.vt@schakel.example", Name: "Nina Nieuw", Team: "Intake",
			Roles: []schakel.Role{schakel.RoleIntake}}
		cohort, err := uc.CreateCohort(ctx, admin, app.CohortInput{Name: "Proef Zuid", Kind: "cohort", Description: "test"})
		if err != nil {
			t.Fatal(err)
		}
		var id int64
		steps := []planStep{
			{"create an account", func() (err error) { id, err = uc.CreateProfessional(ctx, admin, account); return err }},
			{"change an account", func() error {
				account.Phone = "010-7654321"
				return uc.UpdateProfessional(ctx, admin, id, account)
			}},
			{"switch an account off", func() error { return uc.SetProfessionalActive(ctx, admin, id, false) }},
			{"switch an account on", func() error { return uc.SetProfessionalActive(ctx, admin, id, true) }},
			{"membership interval", func() error { return uc.SetMembershipMonths(ctx, admin, vt, 6) }},
			{"caseload norm", func() error {
				_, err := uc.SetCaseloadNorm(ctx, admin, "jeugdbescherming", app.NormInput{MeasuresPerFTE: 15, FullTimeHours: 36, Source: "test"})
				return err
			}},
			{"team in a cohort", func() error {
				_, err := uc.SetCohortMember(ctx, lead, cohort.ID, app.CohortMemberInput{TeamID: team.ID}, true)
				return err
			}},
			{"a worker in a cohort", func() error {
				_, err := uc.SetCohortMember(ctx, lead, cohort.ID, app.CohortMemberInput{ProfessionalID: thomas.Professional.ID}, true)
				return err
			}},
			{"team lead", func() error { _, err := uc.SetTeamLead(ctx, lead, team.ID, lead.Professional.ID); return err }},
			{"hand over a caseload", func() error {
				res, err := uc.HandOverAll(ctx, lead, thomas.Professional.ID, app.HandOverInput{To: fatma.Professional.ID,
					Reason: "Verlof van drie maanden.", Override: aboveNorm})
				if err == nil && res.Cases != 1 {
					t.Errorf("handed over %+v, want the one case", res)
				}
				return err
			}},
			{"a duty shift", func() error {
				_, err := uc.AddDutyShift(ctx, admin, pc.sanne.Professional.ID, w.now, w.now.Add(8*time.Hour))
				return err
			}},
			{"leave the network", func() error { return uc.LeaveNetwork(ctx, kees, kees.Professional.ID) }},
			{"remove a team member", func() error { _, err := uc.RemoveTeamMember(ctx, lead, team.ID, fatma.Professional.ID); return err }},
			{"mark who left", func() error {
				_, err := uc.MarkMembership(ctx, admin, vt, app.MembershipMarks{Left: []int64{id}})
				return err
			}},
		}
		checkStepPlans(t, db, nil, steps)
	})
}
