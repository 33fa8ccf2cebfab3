package access_test

import (
	"testing"

	"schakel"
	"schakel/internal/access"
)

func TestDecideCaseHolder(t *testing.T) {
	worker := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 1, OrganisationID: 10, Roles: []schakel.Role{schakel.RoleCaseWorker}}
	lead := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 2, OrganisationID: 10, Roles: []schakel.Role{schakel.RoleTeamLead}}
	family := access.Subject{Principal: schakel.PrincipalFamilyMember}
	for _, tc := range []struct {
		name  string
		s     access.Subject
		act   access.HolderAct
		org   int64
		holds bool
		want  bool
	}{
		{"team lead assigns", lead, access.AssignHolder, 10, false, true},
		{"team lead hands over someone else's case", lead, access.HandOverHolder, 10, false, true},
		{"team lead of another organisation", lead, access.AssignHolder, 11, false, false},
		{"worker assigns", worker, access.AssignHolder, 10, false, false},
		{"holder hands over", worker, access.HandOverHolder, 10, true, true},
		{"holder leaves", worker, access.EndHolder, 10, true, true},
		{"colleague hands over another's case", worker, access.HandOverHolder, 10, false, false},
		{"holder for another organisation", worker, access.HandOverHolder, 11, true, false},
		{"family member", family, access.AssignHolder, 10, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := access.DecideCaseHolder(tc.s, tc.act, tc.org, tc.holds)
			if d.Allowed != tc.want || (!d.Allowed && d.Reason == "") {
				t.Errorf("decision %+v, want allowed %v with a reason when refused", d, tc.want)
			}
		})
	}
}

func TestDecideTeams(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    access.Subject
		org  int64
		want bool
	}{
		{"team lead", access.Subject{OrganisationID: 10, Roles: []schakel.Role{schakel.RoleTeamLead}}, 10, true},
		{"admin", access.Subject{OrganisationID: 10, Roles: []schakel.Role{schakel.RoleAdmin}}, 10, true},
		{"case worker", access.Subject{OrganisationID: 10, Roles: []schakel.Role{schakel.RoleCaseWorker}}, 10, false},
		{"other organisation", access.Subject{OrganisationID: 11, Roles: []schakel.Role{schakel.RoleTeamLead}}, 10, false},
		{"system", access.Subject{Principal: schakel.PrincipalSystem}, 10, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := access.DecideTeams(tc.s, tc.org); d.Allowed != tc.want {
				t.Errorf("decision %+v, want allowed %v", d, tc.want)
			}
		})
	}
}

func TestDecideTeamBoard(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    access.Subject
		want bool
	}{
		{"team lead", access.Subject{OrganisationID: 10, Roles: []schakel.Role{schakel.RoleTeamLead}}, true},
		{"admin", access.Subject{OrganisationID: 10, Roles: []schakel.Role{schakel.RoleAdmin}}, false},
		{"case worker", access.Subject{OrganisationID: 10, Roles: []schakel.Role{schakel.RoleCaseWorker}}, false},
		{"team lead elsewhere", access.Subject{OrganisationID: 11, Roles: []schakel.Role{schakel.RoleTeamLead}}, false},
		{"family member", access.Subject{Principal: schakel.PrincipalFamilyMember}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := access.DecideTeamBoard(tc.s, 10); d.Allowed != tc.want {
				t.Errorf("decision %+v, want allowed %v", d, tc.want)
			}
			// The same people may put a worker above the norm.
			if d := access.DecideNormOverride(tc.s, 10); d.Allowed != tc.want {
				t.Errorf("override decision %+v, want allowed %v", d, tc.want)
			}
		})
	}
}

func TestDecideOrganisationCaseload(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    access.Subject
		org  int64
		want bool
	}{
		{"team lead", access.Subject{OrganisationID: 10, Roles: []schakel.Role{schakel.RoleTeamLead}}, 10, true},
		{"admin", access.Subject{OrganisationID: 10, Roles: []schakel.Role{schakel.RoleAdmin}}, 10, true},
		{"case worker", access.Subject{OrganisationID: 10, Roles: []schakel.Role{schakel.RoleCaseWorker}}, 10, false},
		{"privacy officer", access.Subject{OrganisationID: 10, Roles: []schakel.Role{schakel.RolePrivacyOfficer}}, 10, false},
		{"team lead of another organisation", access.Subject{OrganisationID: 11, Roles: []schakel.Role{schakel.RoleTeamLead}}, 10, false},
		{"family member", access.Subject{Principal: schakel.PrincipalFamilyMember}, 10, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := access.DecideOrganisationCaseload(tc.s, tc.org); d.Allowed != tc.want || (!d.Allowed && d.Reason == "") {
				t.Errorf("decision %+v, want allowed %v", d, tc.want)
			}
		})
	}
}
