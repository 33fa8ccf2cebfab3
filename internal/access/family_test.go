package access_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
)

// The test family: four parents and five children of the ages the law
// turns on. The mother and the 15-year-old stay in a shelter.
var (
	c11     = access.FamilyPerson{ID: 11, Child: true, Age: 11}
	c12     = access.FamilyPerson{ID: 12, Child: true, Age: 12}
	c15     = access.FamilyPerson{ID: 15, Child: true, Age: 15, InShelter: true}
	c16     = access.FamilyPerson{ID: 16, Child: true, Age: 16} // consented
	c17     = access.FamilyPerson{ID: 17, Child: true, Age: 17} // did not consent (or withdrew)
	mother  = access.FamilyPerson{ID: 1, Authority: true, InShelter: true}
	father  = access.FamilyPerson{ID: 2, Authority: true}
	stepdad = access.FamilyPerson{ID: 3}
	family  = []access.FamilyPerson{c11, c12, c15, c16, c17, mother, father, stepdad}
	consent = map[int64]bool{16: true}
)

// TestFamilyMatrix checks every cell: may the row's family member see the
// column's part? y yes, n no. Columns in the order of family.
func TestFamilyMatrix(t *testing.T) {
	rows := []struct {
		name     string
		viewer   access.FamilyPerson
		withheld bool
		want     string // c11 c12 c15 c16 c17 mother father stepdad
	}{
		{"child 11", c11, false, "nnnnnnnn"},
		{"child 12", c12, false, "nynnnnnn"},
		{"child 15", c15, false, "nnynnnnn"},
		{"child 16 (consented)", c16, false, "nnnynnnn"},
		{"child 17 (no consent)", c17, false, "nnnnynnn"},
		{"mother with authority", mother, false, "yyyynynn"},
		{"father with authority", father, false, "yyyynnyn"},
		{"parent without authority", stepdad, false, "nnnnnnnn"},
		{"mother, view withheld", mother, true, "nnnnnnnn"},
		{"child 15, view withheld", c15, true, "nnnnnnnn"},
	}
	var grid strings.Builder
	fmt.Fprintf(&grid, "%-26s c11 c12 c15 c16 c17 mother father no-auth\n", "viewer \\ part of")
	for _, row := range rows {
		s := access.ScopeOf(row.viewer, family, consent, row.withheld)
		fmt.Fprintf(&grid, "%-26s", row.name)
		for i, p := range family {
			want := row.want[i] == 'y'
			t.Run(fmt.Sprintf("%s sees %d", row.name, p.ID), func(t *testing.T) {
				if got := s.Sees(p.ID); got != want {
					t.Errorf("sees part of %d = %v, want %v (%s)", p.ID, got, want, s.Parts[p.ID].Reason)
				}
				d := s.Parts[p.ID]
				if !d.Allowed && d.Reason == "" {
					t.Error("a refusal without a reason")
				}
				if !d.Allowed && d.Basis != audit.BasisNone {
					t.Errorf("refused with basis %q", d.Basis)
				}
			})
			fmt.Fprintf(&grid, " %-3c", row.want[i])
		}
		grid.WriteString("\n")
	}
	t.Logf("family access matrix:\n%s", grid.String())
}

// TestFamilyBases: the audit trail says on what ground a part was shown.
func TestFamilyBases(t *testing.T) {
	for _, c := range []struct {
		viewer, subject access.FamilyPerson
		consent         bool
		want            string
	}{
		{c12, c12, false, audit.BasisSelf},
		{mother, c15, false, audit.BasisParentalAuthority},
		{father, c16, true, audit.BasisChildConsent},
		{father, c16, false, audit.BasisNone}, // consent withdrawn
	} {
		t.Run(fmt.Sprintf("%d on %d consent %v", c.viewer.ID, c.subject.ID, c.consent), func(t *testing.T) {
			if got := access.DecideFamily(access.FamilyFacts{Viewer: c.viewer, Subject: c.subject, Consent: c.consent}).Basis; got != c.want {
				t.Errorf("basis %q, want %q", got, c.want)
			}
		})
	}
}

// TestFamilyItems checks what a single item shows to whom, in the shelter
// family: whereabouts only to that person, the shelter only to those who
// stay there, "niet delen met" never to that person, and what is meant for
// the children only to whom may see every child's part.
func TestFamilyItems(t *testing.T) {
	noC17 := []access.FamilyPerson{c12, c15, c16, mother, father}
	items := []struct {
		name   string
		item   access.FamilyItem
		family []access.FamilyPerson
		want   map[int64]bool // viewer → shown; viewers not named are refused the view or not shown
	}{
		{"plain agreement", access.FamilyItem{}, family, map[int64]bool{12: true, 15: true, 16: true, 17: true, 1: true, 2: true}},
		{"where the mother stays", access.FamilyItem{WhereaboutsOf: []int64{1}}, family, map[int64]bool{1: true}},
		{"where the 15-year-old stays", access.FamilyItem{WhereaboutsOf: []int64{15}}, family, map[int64]bool{15: true}},
		{"the shelter's own people", access.FamilyItem{ByShelter: true}, family, map[int64]bool{15: true, 1: true}},
		{"the shelter, no one in it", access.FamilyItem{ByShelter: true}, []access.FamilyPerson{c12, father},
			map[int64]bool{12: true, 2: true}},
		{"niet delen met father", access.FamilyItem{WithholdFrom: []int64{2}}, family, map[int64]bool{12: true, 15: true, 16: true, 17: true, 1: true}},
		{"withheld from the 12-year-old", access.FamilyItem{WithheldFrom: []int64{12}}, family, map[int64]bool{15: true, 16: true, 17: true, 1: true, 2: true}},
		// The 17-year-old did not consent: what is for the children stays
		// from the parents; a child sees it only when it is the only child.
		{"for the children", access.FamilyItem{ForChildren: true}, family, map[int64]bool{}},
		{"for the children, all consented", access.FamilyItem{ForChildren: true}, noC17, map[int64]bool{1: true, 2: true}},
		{"for the only child", access.FamilyItem{ForChildren: true}, []access.FamilyPerson{c12, father}, map[int64]bool{12: true, 2: true}},
	}
	for _, it := range items {
		for _, v := range it.family {
			t.Run(fmt.Sprintf("%s to %d", it.name, v.ID), func(t *testing.T) {
				s := access.ScopeOf(v, it.family, consent, false)
				if got := access.ItemShown(s, it.item); got != it.want[v.ID] {
					t.Errorf("shown = %v, want %v", got, it.want[v.ID])
				}
			})
		}
	}
}

// TestMayInvite: a professional invites a child of 12 or older or a
// parent with authority, nobody else.
func TestMayInvite(t *testing.T) {
	unknown := access.FamilyPerson{ID: 9, Child: true, Age: -1}
	for _, c := range []struct {
		p    access.FamilyPerson
		want bool
	}{{c11, false}, {c12, true}, {c15, true}, {c16, true}, {c17, true}, {mother, true}, {father, true}, {stepdad, false}, {unknown, false}} {
		t.Run(fmt.Sprint(c.p.ID), func(t *testing.T) {
			d := access.MayInvite(c.p)
			if d.Allowed != c.want || (!d.Allowed && d.Reason == "") {
				t.Errorf("MayInvite = %+v, want allowed %v", d, c.want)
			}
		})
	}
}

// TestAgeOn: the birthday itself counts; an unknown birth date is -1.
func TestAgeOn(t *testing.T) {
	birth := time.Date(2010, 3, 15, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		now  time.Time
		want int
	}{
		{time.Date(2026, 3, 14, 23, 0, 0, 0, time.UTC), 15},
		{time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), 16},
		{time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), 16},
		{time.Date(2022, 3, 15, 0, 0, 0, 0, time.UTC), 12},
	} {
		if got := access.AgeOn(&birth, c.now); got != c.want {
			t.Errorf("AgeOn(%s) = %d, want %d", c.now.Format("2006-01-02"), got, c.want)
		}
	}
	if got := access.AgeOn(nil, time.Now()); got != -1 {
		t.Errorf("unknown birth date: %d, want -1", got)
	}
}

// TestFamilySurface: only family members use the family's screens.
func TestFamilySurface(t *testing.T) {
	for _, k := range append(schakel.PrincipalKinds, "") {
		if got := access.DecideFamilySurface(k).Allowed; got != (k == schakel.PrincipalFamilyMember) {
			t.Errorf("%q on the family screens: %v", k, got)
		}
	}
}

// TestWithholdingReview: a team lead of the withholding organisation.
func TestWithholdingReview(t *testing.T) {
	lead := access.Subject{Principal: schakel.PrincipalProfessional, OrganisationID: 7, Roles: []schakel.Role{schakel.RoleTeamLead}}
	worker := access.Subject{Principal: schakel.PrincipalProfessional, OrganisationID: 7, Roles: []schakel.Role{schakel.RoleCaseWorker}}
	family := access.Subject{Principal: schakel.PrincipalFamilyMember}
	for _, c := range []struct {
		name string
		s    access.Subject
		org  int64
		want bool
	}{{"team lead", lead, 7, true}, {"team lead elsewhere", lead, 8, false}, {"case worker", worker, 7, false}, {"family member", family, 0, false}} {
		if got := access.DecideWithholdingReview(c.s, c.org).Allowed; got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
