package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/caseload"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// TeamInput is a new team of the actor's organisation.
type TeamInput struct {
	Name   string
	LeadID int64 // 0: no team lead yet
}

// MemberInput puts a professional in a team with their hours per week.
type MemberInput struct {
	ProfessionalID int64
	HoursPerWeek   int
	StartedOn      string // yyyy-mm-dd when they started in this work; "" for today
}

// CreateTeam records a team of the actor's organisation. Its team leads
// and administrators may; the team lead named must work there.
func (a *App) CreateTeam(ctx context.Context, actor *schakel.Actor, in TeamInput) (schakel.Team, error) {
	var out schakel.Team
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		org := actorOrg(actor)
		if err := guardTeams(tx, actor, org, audit.EventCreate, 0, "create team"); err != nil {
			return err
		}
		in.Name = strings.TrimSpace(in.Name)
		var v schakel.Validation
		if in.Name == "" {
			v.Add("name", "required", "Geef het team een naam.")
		}
		textlimit.Check(&v, "name", in.Name, textlimit.Name)
		if in.LeadID != 0 {
			if fe := teamLeadOf(tx, in.LeadID, org); fe != nil {
				v.Fields = append(v.Fields, *fe)
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		id, err := tx.InsertTeam(org, in.Name, in.LeadID)
		if err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "team", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisRole, Detail: "team created"})
		out, err = tx.TeamRecord(id)
		return err
	})
	return out, err
}

// PutTeamMember adds a professional of the team's organisation to a team,
// or changes their hours. Hours of 0 or over 60 are refused; a
// professional is in one team at a time.
func (a *App) PutTeamMember(ctx context.Context, actor *schakel.Actor, teamID int64, in MemberInput) (schakel.Team, error) {
	var out schakel.Team
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		team, err := tx.TeamRecord(teamID)
		if err != nil {
			return err
		}
		if err := guardTeams(tx, actor, team.OrganisationID, audit.EventUpdate, teamID, "set team member"); err != nil {
			return err
		}
		m, err := a.memberOf(tx, team, in)
		if err != nil {
			return err
		}
		if err := tx.PutTeamMember(teamID, m); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "team", ResourceID: fmt.Sprint(teamID), AccessBasis: audit.BasisRole,
			Detail: fmt.Sprintf("member %d, %d hours per week", m.ProfessionalID, m.HoursPerWeek)})
		out, err = tx.TeamRecord(teamID)
		return err
	})
	return out, err
}

// memberOf validates a member for a team.
func (a *App) memberOf(tx *storage.Tx, team schakel.Team, in MemberInput) (schakel.TeamMember, error) {
	m := schakel.TeamMember{ProfessionalID: in.ProfessionalID, HoursPerWeek: in.HoursPerWeek, StartedOn: a.now().Truncate(24 * time.Hour)}
	var v schakel.Validation
	if !caseload.ValidHours(in.HoursPerWeek) {
		v.Add("hours_per_week", "out_of_range", fmt.Sprintf("Vul het aantal uren per week in: minimaal %d, maximaal %d.", caseload.MinHours, caseload.MaxHours))
	}
	if in.StartedOn != "" {
		d, err := time.Parse(time.DateOnly, in.StartedOn)
		if err != nil {
			v.Add("started_on", "format", "Vul de startdatum in als jjjj-mm-dd, bijvoorbeeld 2026-03-01.")
		}
		m.StartedOn = d
	}
	if fe := sameOrganisation(tx, in.ProfessionalID, team.OrganisationID, "professional_id"); fe != nil {
		v.Fields = append(v.Fields, *fe)
	} else if other, err := tx.TeamOf(in.ProfessionalID); err != nil {
		return m, err
	} else if other != 0 && other != team.ID {
		v.Add("professional_id", "in_other_team", "Deze medewerker zit al in een ander team. Haal hem of haar daar eerst weg.")
	}
	return m, v.Err()
}

// sameOrganisation checks that a professional exists, is active and works
// at org.
func sameOrganisation(tx *storage.Tx, professionalID, org int64, field string) *schakel.FieldError {
	p, err := tx.ProfessionalRecord(professionalID)
	switch {
	case err != nil:
		return &schakel.FieldError{Field: field, Code: "not_found", Message: "Deze medewerker bestaat niet."}
	case p.Organisation.ID != org:
		return &schakel.FieldError{Field: field, Code: "other_organisation", Message: "Deze medewerker werkt niet bij uw organisatie."}
	case !p.Active:
		return &schakel.FieldError{Field: field, Code: "inactive", Message: "Deze medewerker is niet actief."}
	}
	return nil
}

// guardTeams decides and audits managing an organisation's teams.
func guardTeams(tx *storage.Tx, actor *schakel.Actor, org int64, event string, teamID int64, detail string) error {
	d := access.DecideTeams(access.SubjectFor(actor), org)
	id := ""
	if teamID != 0 {
		id = fmt.Sprint(teamID)
	}
	if !d.Allowed {
		tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: "team", ResourceID: id, Detail: detail})
		return tx.Refuse(d)
	}
	return nil
}

// actorOrg is the actor's organisation, 0 for anyone but a professional.
func actorOrg(actor *schakel.Actor) int64 {
	if actor == nil || actor.Professional == nil {
		return 0
	}
	return actor.Professional.Organisation.ID
}
