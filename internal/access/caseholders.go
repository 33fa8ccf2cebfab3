package access

import (
	"schakel"
	"schakel/internal/audit"
)

// HolderAct is what is done with a case holder position (casushouder).
type HolderAct string

// The acts on a case holder position.
const (
	AssignHolder   HolderAct = "assign"    // fill an empty position
	HandOverHolder HolderAct = "hand_over" // give a held position to a colleague
	EndHolder      HolderAct = "end"       // leave the position empty
)

// DecideCaseHolder decides who may fill, hand over or end an
// organisation's case holder position on a case: the organisation's team
// lead always; the case holder in that position may hand it over or
// leave it. Nobody decides for another organisation.
func DecideCaseHolder(s Subject, act HolderAct, orgID int64, holdsPosition bool) Decision {
	if s.Principal != "" && s.Principal != schakel.PrincipalProfessional {
		return refuse("Alleen professionals wijzen casushouders aan.")
	}
	if s.OrganisationID == 0 || s.OrganisationID != orgID {
		return refuse("Alleen uw eigen organisatie wijst haar casushouders aan.")
	}
	if s.hasAny(schakel.RoleTeamLead) {
		return allow(audit.BasisRole)
	}
	if holdsPosition && (act == HandOverHolder || act == EndHolder) {
		return allow(audit.BasisSelf)
	}
	if act == AssignHolder {
		return refuse("Alleen de teamleider wijst een casushouder aan.")
	}
	return refuse("Alleen de casushouder zelf of de teamleider kan deze casus overdragen.")
}

// DecideTeams decides who may create an organisation's teams and set
// their members and hours: its team leads and administrators.
func DecideTeams(s Subject, orgID int64) Decision {
	if s.Principal != "" && s.Principal != schakel.PrincipalProfessional {
		return refuse("Alleen professionals beheren teams.")
	}
	if s.OrganisationID == 0 || s.OrganisationID != orgID {
		return refuse("U beheert alleen de teams van uw eigen organisatie.")
	}
	if !s.hasAny(schakel.RoleTeamLead, schakel.RoleAdmin) {
		return refuse("Alleen een teamleider of beheerder van uw organisatie beheert teams.")
	}
	return allow(audit.BasisRole)
}

// DecideTeamBoard decides who sees the caseload of every member of a
// team: the team leads of its organisation. Workers see their own
// caseload only.
func DecideTeamBoard(s Subject, orgID int64) Decision {
	if s.Principal != "" && s.Principal != schakel.PrincipalProfessional {
		return refuse("Alleen teamleiders zien het teambord.")
	}
	if s.OrganisationID == 0 || s.OrganisationID != orgID || !s.hasAny(schakel.RoleTeamLead) {
		return refuse("Alleen een teamleider van deze organisatie ziet de caseload van het team.")
	}
	return allow(audit.BasisRole)
}

// DecideNormOverride decides who may give a worker a case that takes
// them above the norm: only a team lead of the worker's organisation,
// and only with a recorded reason (checked by the use case).
func DecideNormOverride(s Subject, orgID int64) Decision {
	if s.Principal != "" && s.Principal != schakel.PrincipalProfessional {
		return refuse("Alleen een teamleider belast een medewerker boven de norm.")
	}
	if s.OrganisationID == 0 || s.OrganisationID != orgID || !s.hasAny(schakel.RoleTeamLead) {
		return refuse("Alleen een teamleider van deze organisatie kan een medewerker boven de norm belasten.")
	}
	return allow(audit.BasisRole)
}

// DecideOrganisationCaseload decides who sees the caseload of every team
// of an organisation (counts per team, no names): its management, that
// is its team leads and administrators.
func DecideOrganisationCaseload(s Subject, orgID int64) Decision {
	if s.Principal != "" && s.Principal != schakel.PrincipalProfessional {
		return refuse("Alleen de leiding van de organisatie ziet de caseload van alle teams.")
	}
	if s.OrganisationID == 0 || s.OrganisationID != orgID || !s.hasAny(schakel.RoleTeamLead, schakel.RoleAdmin) {
		return refuse("Alleen een teamleider of beheerder van deze organisatie ziet de caseload van alle teams.")
	}
	return allow(audit.BasisRole)
}
