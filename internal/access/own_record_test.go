package access_test

import (
	"testing"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
)

// TestOwnRecord states the rule for what an organisation wrote itself: a
// participating organisation reads it as part of the case; after its exit
// it still reads its own record (basis own_record) while the case itself
// is refused; nobody else, and nobody writes through this resource.
func TestOwnRecord(t *testing.T) {
	worker := access.Subject{ProfessionalID: 1, OrganisationID: ownOrg, Kind: schakel.Schuldhulp, Roles: []schakel.Role{schakel.RoleCaseWorker}}
	privacy := worker
	privacy.Roles = []schakel.Role{schakel.RolePrivacyOfficer}
	for _, tc := range []struct {
		name    string
		s       access.Subject
		a       access.Action
		ctx     access.Context
		allowed bool
		basis   string
	}{
		{"participating", worker, access.Read, access.Context{Participation: access.Participating}, true, audit.BasisParticipation},
		{"exited", worker, access.Read, access.Context{Participation: access.Exited}, true, audit.BasisOwnRecord},
		{"never took part", worker, access.Read, access.Context{}, false, audit.BasisNone},
		{"invited only", worker, access.Read, access.Context{InvitedToCrisis: true}, false, audit.BasisNone},
		{"emergency is no own record", worker, access.Read, access.Context{EmergencyReason: goodReason}, false, audit.BasisNone},
		{"exited may not write", worker, access.Write, access.Context{Participation: access.Exited}, false, audit.BasisNone},
		{"privacy officers read no content", privacy, access.Read, access.Context{Participation: access.Exited}, false, audit.BasisNone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := access.Decide(tc.s, access.OwnRecord, tc.a, tc.ctx)
			if d.Allowed != tc.allowed || d.Basis != tc.basis {
				t.Fatalf("decision %+v, want allowed=%v basis=%s", d, tc.allowed, tc.basis)
			}
			// The case itself stays refused to an exited organisation.
			if tc.ctx.Participation == access.Exited && tc.a == access.Read {
				if c := access.Decide(tc.s, access.Case, access.Read, tc.ctx); c.Allowed {
					t.Fatalf("an exited organisation reads the case: %+v", c)
				}
			}
		})
	}
}
