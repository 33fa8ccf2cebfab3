package plan

import (
	"testing"

	"schakel"
)

func TestRoleAtTable(t *testing.T) {
	tests := []struct {
		kind      schakel.OrganisationKind
		regieHeld bool
		want      schakel.ParticipationRole
	}{
		{schakel.VeiligThuis, false, schakel.RoleRegie},
		{schakel.VeiligThuis, true, schakel.RoleAdvies},
		{schakel.Jeugdbescherming, true, schakel.RoleUitvoering},
		{schakel.Raad, true, schakel.RoleAdvies},
		{schakel.Raad, false, schakel.RoleAdvies},
		{schakel.Schuldhulp, true, schakel.RoleUitvoering},
		{schakel.Politie, true, schakel.RoleAdvies},
		{schakel.Rechtbank, true, schakel.RoleAdvies},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			got := RoleAtTable(tt.kind, tt.regieHeld)
			if got != tt.want {
				t.Errorf("RoleAtTable(%s, regie held %v) = %s, want %s", tt.kind, tt.regieHeld, got, tt.want)
			}
			if got != schakel.RoleRegie {
				if err := CheckRole("role", got, tt.kind); err != nil {
					t.Errorf("the role at the table must be one CheckRole allows: %v", err)
				}
			}
		})
	}
}
