package access

import (
	"schakel"
	"schakel/internal/audit"
)

// DecideFactors decides who manages a professional's second factors: the
// professional themself, or an administrator of their organisation (to
// remove a lost phone's app, so that the person can enrol again). Nobody
// else, not Schakel's command line either: a factor is proof of a person.
func DecideFactors(s Subject, targetProfessionalID, targetOrganisationID int64) Decision {
	if s.Principal != schakel.PrincipalProfessional && s.Principal != "" {
		return refuse("Alleen de medewerker zelf of een beheerder van de eigen organisatie beheert de tweede factor.")
	}
	if s.ProfessionalID != 0 && s.ProfessionalID == targetProfessionalID {
		return allow(audit.BasisSelf)
	}
	if s.hasAny(schakel.RoleAdmin) && s.OrganisationID == targetOrganisationID && targetOrganisationID != 0 {
		return allow(audit.BasisRole)
	}
	return refuse("Alleen de medewerker zelf of een beheerder van de eigen organisatie beheert de tweede factor.")
}
