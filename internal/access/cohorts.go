package access

import (
	"schakel"
	"schakel/internal/audit"
)

// DecideCohortMember decides who may put a team or a worker in an
// intervention cohort, or take them out (issue 14, item 6): a team lead
// for the teams and workers of their own organisation, a region's
// administrator for any of the region's; both only in a cohort of their
// own region. The member's organisation and region are the team's or
// the worker's.
func DecideCohortMember(s Subject, cohortRegion, memberOrg, memberRegion int64) Decision {
	if s.Principal != "" && s.Principal != schakel.PrincipalProfessional {
		return refuse("Alleen professionals stellen cohorten samen.")
	}
	if s.RegionID == 0 || s.RegionID != cohortRegion || memberRegion != cohortRegion {
		return refuse("Dit cohort of dit team hoort bij een andere regio.")
	}
	if s.hasAny(schakel.RoleAdmin) {
		return allow(audit.BasisRole)
	}
	if s.hasAny(schakel.RoleTeamLead) {
		if s.OrganisationID != 0 && s.OrganisationID == memberOrg {
			return allow(audit.BasisRole)
		}
		return refuse("Een teamleider zet alleen teams en medewerkers van de eigen organisatie in een cohort.")
	}
	return refuse("Alleen een teamleider of beheerder stelt een cohort samen.")
}
