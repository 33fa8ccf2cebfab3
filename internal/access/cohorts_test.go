package access

import (
	"testing"

	"schakel"
)

func TestDecideCohortMember(t *testing.T) {
	lead := Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 1, OrganisationID: 10, RegionID: 100, Roles: []schakel.Role{schakel.RoleTeamLead}}
	admin := Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 2, OrganisationID: 20, RegionID: 100, Roles: []schakel.Role{schakel.RoleAdmin}}
	worker := Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 3, OrganisationID: 10, RegionID: 100, Roles: []schakel.Role{schakel.RoleCaseWorker}}
	family := Subject{Principal: schakel.PrincipalFamilyMember, ProfessionalID: 0, OrganisationID: 10, RegionID: 100}
	for _, c := range []struct {
		name                         string
		s                            Subject
		cohortRegion, org, orgRegion int64
		allowed                      bool
	}{
		{"team lead, own organisation's team", lead, 100, 10, 100, true},
		{"team lead, another organisation's team", lead, 100, 11, 100, false},
		{"team lead, a cohort of another region", lead, 200, 10, 100, false},
		{"administrator, any team of the region", admin, 100, 11, 100, true},
		{"administrator, a team of another region", admin, 100, 30, 200, false},
		{"administrator, a cohort of another region", admin, 200, 30, 200, false},
		{"case worker, own team", worker, 100, 10, 100, false},
		{"a family member", family, 100, 10, 100, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := DecideCohortMember(c.s, c.cohortRegion, c.org, c.orgRegion)
			if d.Allowed != c.allowed || (!d.Allowed && d.Reason == "") {
				t.Errorf("allowed %v (%q), want %v", d.Allowed, d.Reason, c.allowed)
			}
		})
	}
}
