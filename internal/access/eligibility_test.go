package access_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"schakel"
	"schakel/internal/access"
)

// TestEligibilityProperty generates professionals of every role
// combination, organisation kind and region and proves what every path that
// calls people to a case relies on: whoever is eligible can read the case
// while their invitation holds; nobody of another region is ever eligible
// or allowed; and an invitation that no longer holds gives nothing.
func TestEligibilityProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 2026))
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	const caseRegion = 1
	for i := range 20000 {
		var roles []schakel.Role
		for _, r := range schakel.Roles {
			if rng.IntN(4) == 0 {
				roles = append(roles, r)
			}
		}
		c := access.Candidate{Subject: access.Subject{ProfessionalID: int64(i + 1), OrganisationID: int64(rng.IntN(20) + 1),
			RegionID: int64(rng.IntN(3) + 1), Kind: schakel.OrganisationKinds[rng.IntN(len(schakel.OrganisationKinds))], Roles: roles},
			Active: rng.IntN(10) > 0}
		eligible := access.Eligible(c, caseRegion)
		holding := access.Context{CaseRegionID: caseRegion, InvitedToCrisis: true}
		read := access.Decide(c.Subject, access.Case, access.Read, holding)
		if eligible.Allowed && !read.Allowed {
			t.Fatalf("%+v is eligible but cannot read the case it is called to: %s", c, read.Reason)
		}
		if c.RegionID != caseRegion {
			if eligible.Allowed {
				t.Fatalf("%+v of another region is eligible", c)
			}
			for _, p := range []access.Participation{access.Participating, access.Exited, access.NotParticipating} {
				ctx := access.Context{CaseRegionID: caseRegion, Participation: p, InvitedToCrisis: true}
				if d := access.Decide(c.Subject, access.Case, access.Read, ctx); d.Allowed {
					t.Fatalf("%+v of another region may read a case (%s)", c, p)
				}
			}
		}
		inv := access.Invitation{InvitedAt: now.Add(-time.Hour), ConsultationStatus: []string{schakel.ConsultationPlanned,
			schakel.ConsultationHeld, schakel.ConsultationCancelled}[rng.IntN(3)], Declined: rng.IntN(3) == 0}
		if inv.ConsultationStatus == schakel.ConsultationHeld {
			inv.HeldAt = now.Add(-time.Duration(rng.IntN(30*24)) * time.Hour)
		}
		holds := access.InvitationHolds(inv, now, access.DefaultInvitationGrace)
		want := !inv.Declined && inv.ConsultationStatus != schakel.ConsultationCancelled &&
			(inv.ConsultationStatus == schakel.ConsultationPlanned || now.Sub(inv.HeldAt) < access.DefaultInvitationGrace)
		if holds != want {
			t.Fatalf("InvitationHolds(%+v) = %v, want %v", inv, holds, want)
		}
	}
}

func TestDecideMatch(t *testing.T) {
	vtIntake := access.Subject{ProfessionalID: 1, OrganisationID: 1, RegionID: 1, Kind: schakel.VeiligThuis, Roles: []schakel.Role{schakel.RoleIntake}}
	police := access.Subject{ProfessionalID: 2, OrganisationID: 2, RegionID: 1, Kind: schakel.Politie, Roles: []schakel.Role{schakel.RoleCaseWorker}}
	jb := access.Subject{ProfessionalID: 3, OrganisationID: 3, RegionID: 1, Kind: schakel.Jeugdbescherming, Roles: []schakel.Role{schakel.RoleCaseWorker}}
	admin := access.Subject{ProfessionalID: 4, OrganisationID: 3, RegionID: 1, Kind: schakel.Jeugdbescherming, Roles: []schakel.Role{schakel.RoleAdmin}}
	otherRegion := jb
	otherRegion.RegionID = 2
	for _, tc := range []struct {
		name string
		s    access.Subject
		f    access.MatchFacts
		want bool
	}{
		{"the proposer, though on the case", police, access.MatchFacts{ProposedBy: 2, Matched: access.Participating, CaseRegionID: 1}, false},
		{"an organisation on the known case", jb, access.MatchFacts{ProposedBy: 2, Matched: access.Participating, CaseRegionID: 1}, true},
		{"an organisation that left the known case", jb, access.MatchFacts{ProposedBy: 2, Matched: access.Exited, CaseRegionID: 1}, false},
		{"Veilig Thuis intake, the front door", vtIntake, access.MatchFacts{ProposedBy: 2, CaseRegionID: 1}, true},
		{"Veilig Thuis intake that proposed it", vtIntake, access.MatchFacts{ProposedBy: 1, CaseRegionID: 1}, false},
		{"an outsider", police, access.MatchFacts{ProposedBy: 9, CaseRegionID: 1}, false},
		{"an administrator on the case", admin, access.MatchFacts{ProposedBy: 2, Matched: access.Participating, CaseRegionID: 1}, false},
		{"another region", otherRegion, access.MatchFacts{ProposedBy: 2, Matched: access.Participating, CaseRegionID: 1}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := access.DecideMatch(tc.s, tc.f); d.Allowed != tc.want {
				t.Errorf("allowed = %v (%s), want %v", d.Allowed, d.Reason, tc.want)
			}
		})
	}
}
