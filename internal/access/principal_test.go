package access_test

import (
	"testing"

	"schakel"
	"schakel/internal/access"
)

// TestSubjectFor checks that every actor gets the subject of its principal
// kind, and that a request on no one's account is refused everything.
func TestSubjectFor(t *testing.T) {
	p := &schakel.Professional{ID: 7, Organisation: schakel.Organisation{ID: ownOrg, Kind: schakel.VeiligThuis},
		Roles: []schakel.Role{schakel.RoleCaseWorker}}
	for _, tc := range []struct {
		name  string
		actor *schakel.Actor
		want  schakel.PrincipalKind
	}{
		{"professional", &schakel.Actor{Professional: p}, schakel.PrincipalProfessional},
		{"family member", &schakel.Actor{FamilyMember: &schakel.FamilyMember{ID: 3, PersonID: 4}}, schakel.PrincipalFamilyMember},
		{"system", schakel.SystemActor("schakel user add"), schakel.PrincipalSystem},
	} {
		if got := access.SubjectFor(tc.actor).Principal; got != tc.want {
			t.Errorf("%s: principal %q, want %q", tc.name, got, tc.want)
		}
	}
	if s := access.SubjectFor(&schakel.Actor{Professional: p}); s.ProfessionalID != 7 || s.Kind != schakel.VeiligThuis || len(s.Roles) != 1 {
		t.Errorf("a professional's subject lost its facts: %+v", s)
	}
	// A participating case worker reads the case; the same facts without
	// a principal, or with a principal of another kind, read nothing.
	ctx := access.Context{Participation: access.Participating}
	if d := access.Decide(access.SubjectOf(p), access.Case, access.Read, ctx); !d.Allowed {
		t.Fatalf("professional refused: %s", d.Reason)
	}
	for name, s := range map[string]access.Subject{
		"no actor":          access.SubjectFor(nil),
		"no professional":   access.SubjectOf(nil),
		"failed login":      access.SubjectFor(&schakel.Actor{ClientAddr: "192.0.2.1"}),
		"family member":     {Principal: schakel.PrincipalFamilyMember, OrganisationID: ownOrg, Kind: schakel.VeiligThuis, Roles: p.Roles},
		"system":            {Principal: schakel.PrincipalSystem, OrganisationID: ownOrg, Kind: schakel.VeiligThuis, Roles: p.Roles},
		"unknown principal": {Principal: "robot", OrganisationID: ownOrg, Kind: schakel.VeiligThuis, Roles: p.Roles},
	} {
		for _, r := range access.Resources {
			if r == access.Professionals || r == access.Organisations || r == access.Roster || r == access.IdentityProviders || r == access.Membership {
				if s.Principal == schakel.PrincipalSystem {
					continue
				}
			}
			if d := access.Decide(s, r, access.Read, ctx); d.Allowed || d.Reason == "" {
				t.Errorf("%s: %s read = %+v, want a refusal with a reason", name, r, d)
			}
		}
	}
	// Subjects built before principals existed are professionals.
	legacy := access.Subject{ProfessionalID: 7, OrganisationID: ownOrg, Kind: schakel.VeiligThuis, Roles: p.Roles}
	if d := access.Decide(legacy, access.Case, access.Read, ctx); !d.Allowed {
		t.Errorf("a subject without a principal kind is read as a professional; refused: %s", d.Reason)
	}
}
