package access

import (
	"testing"

	"schakel"
)

func TestShapeTable(t *testing.T) {
	intake := Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 7, OrganisationID: 1, RegionID: 1, Kind: schakel.VeiligThuis, Roles: []schakel.Role{schakel.RoleIntake}}
	colleague := intake
	colleague.ProfessionalID = 8
	lead := Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 9, OrganisationID: 1, RegionID: 1, Kind: schakel.VeiligThuis, Roles: []schakel.Role{schakel.RoleTeamLead}}
	otherLead := lead
	otherLead.OrganisationID, otherLead.RegionID = 2, 2
	jbLead := Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 10, OrganisationID: 3, RegionID: 1, Kind: schakel.Jeugdbescherming, Roles: []schakel.Role{schakel.RoleTeamLead}}
	police := Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 11, OrganisationID: 4, RegionID: 1, Kind: schakel.Politie, Roles: []schakel.Role{schakel.RoleCaseWorker}}
	byIntake := Table{PlannerID: 7, PlannerOrganisationID: 1, PlannerIsIntake: true, CaseRegionID: 1}
	byPolice := Table{PlannerID: 11, PlannerOrganisationID: 4, CaseRegionID: 1}
	tests := []struct {
		name string
		s    Subject
		t    Table
		want bool
	}{
		{"the intake worker who took the report", intake, byIntake, true},
		{"another intake worker of the same organisation", colleague, byIntake, false},
		{"a team lead of the intake's organisation", lead, byIntake, true},
		{"a team lead of another organisation", jbLead, byIntake, false},
		{"the police officer who reported", police, byPolice, false},
		{"a Veilig Thuis team lead of the region, report by a reporter", lead, byPolice, true},
		{"a Veilig Thuis team lead of another region", otherLead, byPolice, false},
		{"a team lead of another kind", jbLead, byPolice, false},
		{"a family member", Subject{Principal: schakel.PrincipalFamilyMember}, byIntake, false},
		{"Schakel itself", Subject{Principal: schakel.PrincipalSystem}, byIntake, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ShapeTable(tt.s, tt.t)
			if d.Allowed != tt.want {
				t.Fatalf("allowed = %v, want %v (%s)", d.Allowed, tt.want, d.Reason)
			}
			if !d.Allowed && d.Reason == "" {
				t.Fatal("a refusal names why")
			}
		})
	}
}
