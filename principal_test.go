package schakel_test

import (
	"testing"

	"schakel"
)

func TestActorPrincipal(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    *schakel.Actor
		kind schakel.PrincipalKind
		id   int64
	}{
		{"nil", nil, "", 0},
		{"failed login", &schakel.Actor{ClientAddr: "192.0.2.1"}, "", 0},
		{"professional", &schakel.Actor{Professional: &schakel.Professional{ID: 5}}, schakel.PrincipalProfessional, 5},
		{"family member", &schakel.Actor{FamilyMember: &schakel.FamilyMember{ID: 9, PersonID: 2}}, schakel.PrincipalFamilyMember, 9},
		{"system", schakel.SystemActor("schakel demo"), schakel.PrincipalSystem, 0},
	} {
		if got := tc.a.Kind(); got != tc.kind {
			t.Errorf("%s: kind %q, want %q", tc.name, got, tc.kind)
		}
		if got := tc.a.PrincipalID(); got != tc.id {
			t.Errorf("%s: principal id %d, want %d", tc.name, got, tc.id)
		}
		if tc.kind != "" && !tc.kind.Valid() {
			t.Errorf("%s: kind %q is not valid", tc.name, tc.kind)
		}
	}
	if a := schakel.SystemActor("schakel token create"); a.OnBehalfOf != "schakel token create" || !a.IsSystem() {
		t.Errorf("system actor %+v does not name its command", a)
	}
	if schakel.PrincipalKind("robot").Valid() {
		t.Error("an unknown principal kind is valid")
	}
}
