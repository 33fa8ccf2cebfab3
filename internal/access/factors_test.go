package access

import (
	"testing"

	"schakel"
)

func TestDecideFactors(t *testing.T) {
	self := Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 7, OrganisationID: 1, Roles: []schakel.Role{schakel.RoleCaseWorker}}
	admin := Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 8, OrganisationID: 1, Roles: []schakel.Role{schakel.RoleAdmin}}
	otherAdmin := Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 9, OrganisationID: 2, Roles: []schakel.Role{schakel.RoleAdmin}}
	colleague := Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 10, OrganisationID: 1, Roles: []schakel.Role{schakel.RoleTeamLead}}
	tests := []struct {
		name  string
		s     Subject
		ok    bool
		basis string
	}{
		{"the professional themself", self, true, "self"},
		{"an administrator of the organisation", admin, true, "role"},
		{"an administrator of another organisation", otherAdmin, false, "none"},
		{"a team lead of the organisation", colleague, false, "none"},
		{"Schakel's command line", Subject{Principal: schakel.PrincipalSystem}, false, "none"},
		{"a family member", Subject{Principal: schakel.PrincipalFamilyMember}, false, "none"},
		{"nobody", SubjectOf(nil), false, "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DecideFactors(tt.s, 7, 1)
			if d.Allowed != tt.ok || d.Basis != tt.basis {
				t.Fatalf("got %+v", d)
			}
		})
	}
}
