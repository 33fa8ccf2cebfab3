package access_test

import (
	"testing"

	"schakel"
	"schakel/internal/access"
)

func TestDecideCare(t *testing.T) {
	coordinator := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 1, OrganisationID: 7, RegionID: 1, Roles: []schakel.Role{schakel.RoleCareCoordinator}}
	privacy := coordinator
	privacy.Roles = []schakel.Role{schakel.RolePrivacyOfficer}
	family := coordinator
	family.Principal = schakel.PrincipalFamilyMember
	profile := []struct {
		name string
		s    access.Subject
		org  int64
		want bool
	}{
		{"own organisation's coordinator", coordinator, 7, true},
		{"another organisation", coordinator, 8, false},
		{"a privacy officer", privacy, 7, false},
		{"a family member", family, 7, false},
	}
	for _, c := range profile {
		t.Run("profile/"+c.name, func(t *testing.T) {
			if d := access.DecideCareProfile(c.s, c.org); d.Allowed != c.want {
				t.Errorf("allowed = %v (%s), want %v", d.Allowed, d.Reason, c.want)
			}
		})
	}
	extract := []struct {
		name    string
		s       access.Subject
		reached bool
		want    bool
	}{
		{"reached", coordinator, true, true},
		{"not reached", coordinator, false, false},
		{"reached, but a privacy officer", privacy, true, false},
		{"a family member", family, true, false},
	}
	for _, c := range extract {
		t.Run("extract/"+c.name, func(t *testing.T) {
			if d := access.DecideCareExtract(c.s, c.reached); d.Allowed != c.want {
				t.Errorf("allowed = %v (%s), want %v", d.Allowed, d.Reason, c.want)
			}
		})
	}
	seven, eight := int64(7), int64(8)
	progress := []struct {
		name   string
		s      access.Subject
		chosen *int64
		want   bool
	}{
		{"the chosen provider", coordinator, &seven, true},
		{"another provider", coordinator, &eight, false},
		{"nobody chosen yet", coordinator, nil, false},
		{"the chosen provider's privacy officer", privacy, &seven, false},
		{"a family member", family, &seven, false},
	}
	for _, c := range progress {
		t.Run("progress/"+c.name, func(t *testing.T) {
			if d := access.DecideCareProgress(c.s, c.chosen); d.Allowed != c.want {
				t.Errorf("allowed = %v (%s), want %v", d.Allowed, d.Reason, c.want)
			}
		})
	}
}
