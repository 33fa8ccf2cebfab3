package access

import (
	"schakel"
	"schakel/internal/audit"
)

// Table is what ShapeTable needs to know about a proposed crisis table.
type Table struct {
	// PlannerID is the professional whose red report proposed the table
	// (0: Schakel itself); PlannerOrganisationID their organisation and
	// PlannerIsIntake whether they took the report as an intake worker.
	PlannerID, PlannerOrganisationID int64
	PlannerIsIntake                  bool
	CaseRegionID                     int64
}

// ShapeTable decides who may change a proposed crisis table before its
// invitations go out (remove a need, add a person, send the invitations
// now): the intake worker who took the red report, or a team lead of
// their organisation standing in for them. When someone outside the
// table filed the report (a reporter) or Schakel proposed it, a team lead
// of Veilig Thuis in the case's region does. Nobody else: the table is
// the intake's proposal, and those proposed are not told yet.
func ShapeTable(s Subject, t Table) Decision {
	if s.Principal != "" && s.Principal != schakel.PrincipalProfessional {
		return refuse("Alleen de intakemedewerker die de melding aannam, stelt de crisistafel bij.")
	}
	if t.PlannerIsIntake && t.PlannerID != 0 {
		if s.ProfessionalID == t.PlannerID {
			return allow(audit.BasisSelf)
		}
		if s.OrganisationID == t.PlannerOrganisationID && s.hasAny(schakel.RoleTeamLead) {
			return allow(audit.BasisRole)
		}
		return refuse("Alleen de intakemedewerker die de melding aannam, of een teamleider van die organisatie, stelt deze crisistafel bij.")
	}
	if s.Kind == schakel.VeiligThuis && s.RegionID == t.CaseRegionID && s.hasAny(schakel.RoleTeamLead) {
		return allow(audit.BasisRole)
	}
	return refuse("Alleen een teamleider van Veilig Thuis in deze regio stelt deze crisistafel bij.")
}
