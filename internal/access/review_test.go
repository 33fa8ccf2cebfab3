package access_test

import (
	"testing"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
)

func TestDecideNetworkMember(t *testing.T) {
	worker := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 1, OrganisationID: 10, RegionID: 1, Roles: []schakel.Role{schakel.RoleCaseWorker}}
	lead := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 2, OrganisationID: 10, RegionID: 1, Roles: []schakel.Role{schakel.RoleTeamLead}}
	otherLead := lead
	otherLead.ProfessionalID, otherLead.OrganisationID = 3, 20
	admin := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 4, OrganisationID: 10, RegionID: 1, Roles: []schakel.Role{schakel.RoleAdmin}}
	family := access.Subject{Principal: schakel.PrincipalFamilyMember, ProfessionalID: 1}
	cand := func(s access.Subject, active bool) access.Candidate {
		return access.Candidate{Subject: s, Active: active}
	}
	cases := []struct {
		name   string
		s      access.Subject
		member access.Candidate
		want   bool
	}{
		{"a worker joins", worker, cand(worker, true), true},
		{"the team lead adds a worker", lead, cand(worker, true), true},
		{"another organisation's team lead", otherLead, cand(worker, true), false},
		{"a colleague adds someone else", admin, cand(worker, true), false},
		{"an admin joins themselves", admin, cand(admin, true), false},
		{"an inactive worker", worker, cand(worker, false), false},
		{"a family member", family, cand(worker, true), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := access.DecideNetworkMember(c.s, c.member)
			if d.Allowed != c.want {
				t.Fatalf("allowed = %v (%s), want %v", d.Allowed, d.Reason, c.want)
			}
			if !d.Allowed && d.Reason == "" {
				t.Error("a refusal needs a reason")
			}
		})
	}
}

func TestDecideReviewExtract(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	member := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 1, OrganisationID: 10, RegionID: 1, Roles: []schakel.Role{schakel.RoleCaseWorker}}
	elsewhere := member
	elsewhere.RegionID = 2
	family := member
	family.Principal = schakel.PrincipalFamilyMember
	cases := []struct {
		name string
		s    access.Subject
		seat access.ReviewSeat
		want bool
	}{
		{"panel member, review open", member, access.ReviewSeat{OnPanel: true, CaseRegion: 1}, true},
		{"panel member, access still running", member, access.ReviewSeat{OnPanel: true, CaseRegion: 1, AccessUntil: now.Add(time.Hour)}, true},
		{"panel member, access ended", member, access.ReviewSeat{OnPanel: true, CaseRegion: 1, AccessUntil: now}, false},
		{"not on the panel", member, access.ReviewSeat{CaseRegion: 1}, false},
		{"another region", elsewhere, access.ReviewSeat{OnPanel: true, CaseRegion: 1}, false},
		{"a family member", family, access.ReviewSeat{OnPanel: true, CaseRegion: 1}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := access.DecideReviewExtract(c.s, c.seat, now)
			if d.Allowed != c.want {
				t.Fatalf("allowed = %v (%s), want %v", d.Allowed, d.Reason, c.want)
			}
			if d.Allowed && d.Basis != audit.BasisReview {
				t.Errorf("basis = %s, want review", d.Basis)
			}
		})
	}
}

func TestDecideNetworkList(t *testing.T) {
	pro := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 1, RegionID: 1}
	if d := access.DecideNetworkList(pro); !d.Allowed {
		t.Errorf("a professional is refused the network: %s", d.Reason)
	}
	for _, s := range []access.Subject{{Principal: schakel.PrincipalFamilyMember, ProfessionalID: 1}, {Principal: schakel.PrincipalSystem}} {
		if d := access.DecideNetworkList(s); d.Allowed {
			t.Errorf("%s may see the network", s.Principal)
		}
	}
}
