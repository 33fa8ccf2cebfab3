package app

// Managing teams on screen: the organisation's teams, one team with its
// members, a new team lead and a member leaving the team (issue 14).

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// OrganisationTeams lists the teams of the actor's organisation for its
// team leads and administrators.
func (a *App) OrganisationTeams(ctx context.Context, actor *schakel.Actor) ([]storage.TeamSummary, error) {
	var out []storage.TeamSummary
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		org := actorOrg(actor)
		if err := guardTeams(tx, actor, org, audit.EventRead, 0, "list teams"); err != nil {
			return err
		}
		var err error
		out, err = tx.OrganisationTeams(org)
		return err
	})
	return out, err
}

// TeamOfOrganisation loads one team with its members for the team leads
// and administrators of its organisation.
func (a *App) TeamOfOrganisation(ctx context.Context, actor *schakel.Actor, teamID int64) (schakel.Team, error) {
	var out schakel.Team
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		team, err := a.guardedTeam(tx, actor, teamID, audit.EventRead, "read team")
		if err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "team", ResourceID: fmt.Sprint(teamID), AccessBasis: audit.BasisRole, Detail: "team members"})
		out = team
		return nil
	})
	return out, err
}

// SetTeamLead names the team lead of a team: a professional of the
// team's organisation with the team lead role. 0 leaves the team without
// one.
func (a *App) SetTeamLead(ctx context.Context, actor *schakel.Actor, teamID, leadID int64) (schakel.Team, error) {
	var out schakel.Team
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		team, err := a.guardedTeam(tx, actor, teamID, audit.EventUpdate, "set team lead")
		if err != nil {
			return err
		}
		if leadID != 0 {
			if fe := teamLeadOf(tx, leadID, team.OrganisationID); fe != nil {
				return refuseTeam(tx, actor, teamID, *fe)
			}
		}
		if err := tx.SetTeamLead(teamID, leadID); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "team", ResourceID: fmt.Sprint(teamID), AccessBasis: audit.BasisRole,
			Detail: fmt.Sprintf("team lead %d", leadID)})
		out, err = tx.TeamRecord(teamID)
		return err
	})
	return out, err
}

// RemoveTeamMember takes a professional out of a team (another team, or
// leaving). The cases they hold stay theirs until handed over.
func (a *App) RemoveTeamMember(ctx context.Context, actor *schakel.Actor, teamID, professionalID int64) (schakel.Team, error) {
	var out schakel.Team
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := a.guardedTeam(tx, actor, teamID, audit.EventUpdate, "remove team member"); err != nil {
			return err
		}
		ok, err := tx.DeleteTeamMember(teamID, professionalID)
		if err != nil {
			return err
		}
		if !ok {
			return refuseTeam(tx, actor, teamID, schakel.FieldError{Field: "professional_id", Code: "not_member", Message: "Deze medewerker zit niet in dit team."})
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "team", ResourceID: fmt.Sprint(teamID), AccessBasis: audit.BasisRole,
			Detail: fmt.Sprintf("member %d left the team", professionalID)})
		out, err = tx.TeamRecord(teamID)
		return err
	})
	return out, err
}

// guardedTeam loads a team and decides (auditing a refusal) whether the
// actor manages its organisation's teams.
func (a *App) guardedTeam(tx *storage.Tx, actor *schakel.Actor, teamID int64, event, detail string) (schakel.Team, error) {
	team, err := tx.TeamRecord(teamID)
	if err != nil {
		if schakel.ErrorCode(err) == schakel.ENOTFOUND {
			// A team that does not exist is refused like another
			// organisation's, so that ids cannot be probed.
			return team, guardTeams(tx, actor, -1, event, teamID, detail)
		}
		return team, err
	}
	return team, guardTeams(tx, actor, team.OrganisationID, event, teamID, detail)
}

// teamLeadOf checks that a professional may lead a team of org: active,
// at org, with the team lead role (only team leads see the team board).
func teamLeadOf(tx *storage.Tx, professionalID, org int64) *schakel.FieldError {
	if fe := sameOrganisation(tx, professionalID, org, "lead_id"); fe != nil {
		return fe
	}
	p, err := tx.ProfessionalRecord(professionalID)
	if err == nil && !p.HasRole(schakel.RoleTeamLead) {
		return &schakel.FieldError{Field: "lead_id", Code: "not_team_lead", Message: "Deze medewerker heeft de rol teamleider niet. Geef hem of haar eerst die rol."}
	}
	return nil
}

// refuseTeam refuses bad input on a team at its field; the refusal is
// audited and nothing else is kept.
func refuseTeam(tx *storage.Tx, actor *schakel.Actor, teamID int64, fe schakel.FieldError) error {
	d := access.Decision{Basis: audit.BasisNone, Reason: fe.Message}
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "team", ResourceID: fmt.Sprint(teamID), Detail: "refused: " + fe.Field + " " + fe.Code})
	return tx.RefuseWith(d, (&schakel.Validation{Fields: []schakel.FieldError{fe}}).Err())
}
