package access

import (
	"schakel"
	"schakel/internal/audit"
)

// This file decides care asked for by need (issue 15): who keeps a
// provider's profile and who sees a request before the family chose. The
// request itself is on the case and behind Decide.

// DecideCareProfile decides whether s may change organisation orgID's
// provider profile: its administrator, team lead or care coordinator.
// Reading profiles is a directory read (DecideNetworkList's rule).
func DecideCareProfile(s Subject, orgID int64) Decision {
	switch {
	case !professional(s) || s.OrganisationID != orgID:
		return refuse("Alleen uw eigen organisatie houdt haar aanbod bij.")
	case !s.hasAny(schakel.RoleAdmin, schakel.RoleTeamLead, schakel.RoleCareCoordinator):
		return refuse("Het aanbod houdt de beheerder, teamleider of zorgcoördinator bij.")
	}
	return allow(audit.BasisRole)
}

// DecideCareExtract decides whether s may read (and answer) a care
// request's pseudonymised extract: a professional with a role that works
// with cases, of an organisation the request reached. Never more than the
// extract: the case opens only to the provider the family chose, by
// joining it.
func DecideCareExtract(s Subject, reached bool) Decision {
	switch {
	case !professional(s) || s.ProfessionalID == 0:
		return refuse("Alleen professionals van een aanbieder zien zorgvragen.")
	case !reached:
		return refuse("Deze zorgvraag is niet aan uw organisatie gesteld.")
	case !s.hasAny(caseRoles...):
		return refuse("Uw rol werkt niet met zorgvragen.")
	}
	return allow(audit.BasisRole)
}

// DecideCareProgress decides whether s may record the start or end of the
// care on a request (as the youth-care messages JW305 and JW307): a
// professional with a role that works with cases, of the provider the
// family chose. (Reading and writing the case is decided by Decide.)
func DecideCareProgress(s Subject, chosen *int64) Decision {
	switch {
	case !professional(s) || chosen == nil || s.OrganisationID != *chosen:
		return refuse("Alleen de gekozen aanbieder legt de start en het einde van de zorg vast.")
	case !s.hasAny(caseRoles...):
		return refuse("Uw rol werkt niet met zorgvragen.")
	}
	return allow(audit.BasisParticipation)
}
