package app_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestTeamManagement: the team lead lists, reads and changes a team;
// a team lead without the role, removing someone not in the team, and
// anyone but the organisation's team leads and administrators are
// refused, each leaving only its audit entry. The hand-over preview is
// the team lead's or the worker's own.
func TestTeamManagement(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		loadDemo(t, db)
		who := func(first, org string) *schakel.Actor { return demoActor(t, db, demo.Email(first, org)) }
		erik, marco, fatma, thomas, monique := who("Erik", "jb"), who("Marco", "jb"), who("Fatma", "jb"), who("Thomas", "jb"), who("Monique", "raad")
		refusedLeavesOnlyAudit(t, db, schakel.EINVALID, 1, func() error {
			_, err := uc.CreateTeam(ctx, erik, app.TeamInput{Name: "Team Oost", LeadID: fatma.Professional.ID})
			if fieldCodes(err) != "lead_id:not_team_lead" {
				t.Errorf("a lead without the role: %v", err)
			}
			return err
		})
		team, err := uc.CreateTeam(ctx, marco, app.TeamInput{Name: "Team Oost"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.PutTeamMember(ctx, marco, team.ID, app.MemberInput{ProfessionalID: fatma.Professional.ID, HoursPerWeek: 32}); err != nil {
			t.Fatal(err)
		}
		if got, err := uc.SetTeamLead(ctx, marco, team.ID, erik.Professional.ID); err != nil || got.LeadID != erik.Professional.ID {
			t.Fatalf("set lead: %+v %v", got, err)
		}
		teams, err := uc.OrganisationTeams(ctx, erik)
		if err != nil || len(teams) != 1 || teams[0].LeadName != "Erik van Dijk" || teams[0].Members != 1 {
			t.Fatalf("teams: %+v %v", teams, err)
		}
		for _, c := range []struct {
			name string
			want string
			run  func() error
		}{
			{"lead without the role", schakel.EINVALID, func() error { _, err := uc.SetTeamLead(ctx, erik, team.ID, thomas.Professional.ID); return err }},
			{"remove someone not in the team", schakel.EINVALID, func() error { _, err := uc.RemoveTeamMember(ctx, erik, team.ID, thomas.Professional.ID); return err }},
			{"a worker removes a member", schakel.EFORBIDDEN, func() error { _, err := uc.RemoveTeamMember(ctx, thomas, team.ID, fatma.Professional.ID); return err }},
			{"a worker lists the teams", schakel.EFORBIDDEN, func() error { _, err := uc.OrganisationTeams(ctx, fatma); return err }},
			{"another organisation's team lead reads it", schakel.EFORBIDDEN, func() error { _, err := uc.TeamOfOrganisation(ctx, monique, team.ID); return err }},
			{"a team that does not exist", schakel.EFORBIDDEN, func() error { _, err := uc.TeamOfOrganisation(ctx, erik, team.ID+1000); return err }},
			{"a colleague previews a hand-over", schakel.EFORBIDDEN, func() error { _, err := uc.PreviewHandOver(ctx, thomas, fatma.Professional.ID); return err }},
			{"another organisation previews a hand-over", schakel.EFORBIDDEN, func() error { _, err := uc.PreviewHandOver(ctx, monique, fatma.Professional.ID); return err }},
		} {
			t.Run(c.name, func(t *testing.T) {
				refusedLeavesOnlyAudit(t, db, c.want, 1, c.run)
			})
		}
		for _, a := range []*schakel.Actor{erik, fatma} {
			if p, err := uc.PreviewHandOver(ctx, a, fatma.Professional.ID); err != nil || p.Name != "Fatma Yilmaz" {
				t.Errorf("preview by %s: %+v %v", a.Professional.Name, p, err)
			}
		}
		got, err := uc.RemoveTeamMember(ctx, erik, team.ID, fatma.Professional.ID)
		if err != nil || len(got.Members) != 0 {
			t.Fatalf("remove: %+v %v", got, err)
		}
		if got, err := uc.TeamOfOrganisation(ctx, erik, team.ID); err != nil || got.Name != "Team Oost" {
			t.Fatalf("read: %+v %v", got, err)
		}
	})
}
