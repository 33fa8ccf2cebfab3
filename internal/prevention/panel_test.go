package prevention

import (
	"slices"
	"testing"

	"schakel"
)

func ids(cs []Candidate) []int64 {
	out := []int64{}
	for _, c := range cs {
		out = append(out, c.ProfessionalID)
	}
	return out
}

func TestProposePanel(t *testing.T) {
	const holder, other = 10, 20
	e := func(es ...schakel.NetworkExpertise) []schakel.NetworkExpertise { return es }
	wanted := e(schakel.NetFamilyNetwork, schakel.NetTrauma, schakel.NetDebt)
	cases := []struct {
		name        string
		cands       []Candidate
		proposer    int64
		wantIDs     []int64
		wantMissing []schakel.NetworkExpertise
	}{
		{
			name: "covers everything with an outsider",
			cands: []Candidate{
				{ProfessionalID: 1, OrganisationID: holder, Expertises: e(schakel.NetFamilyNetwork, schakel.NetTrauma)},
				{ProfessionalID: 2, OrganisationID: other, Expertises: e(schakel.NetDebt)},
				{ProfessionalID: 3, OrganisationID: other, Expertises: e(schakel.NetSchool)},
			},
			wantIDs: []int64{1, 2}, wantMissing: e(),
		},
		{
			name: "an outsider replaces the third insider",
			cands: []Candidate{
				{ProfessionalID: 1, OrganisationID: holder, Expertises: e(schakel.NetFamilyNetwork)},
				{ProfessionalID: 2, OrganisationID: holder, Expertises: e(schakel.NetTrauma)},
				{ProfessionalID: 3, OrganisationID: holder, Expertises: e(schakel.NetDebt)},
				{ProfessionalID: 4, OrganisationID: other, Expertises: e(schakel.NetSchool)},
			},
			wantIDs: []int64{1, 2, 4}, wantMissing: e(schakel.NetDebt),
		},
		{
			name: "fewer reviews first, and never the proposer",
			cands: []Candidate{
				{ProfessionalID: 1, OrganisationID: other, Expertises: e(schakel.NetFamilyNetwork), Reviews: 9},
				{ProfessionalID: 2, OrganisationID: other, Expertises: e(schakel.NetFamilyNetwork), Reviews: 1},
				{ProfessionalID: 5, OrganisationID: other, Expertises: e(schakel.NetTrauma, schakel.NetDebt)},
				{ProfessionalID: 3, OrganisationID: holder, Expertises: e(schakel.NetFamilyNetwork), Reviews: 0},
			},
			proposer: 3,
			wantIDs:  []int64{5, 2}, wantMissing: e(),
		},
		{
			name: "two members even when one covers all",
			cands: []Candidate{
				{ProfessionalID: 1, OrganisationID: other, Expertises: wanted},
				{ProfessionalID: 2, OrganisationID: holder, Expertises: e(schakel.NetSchool)},
			},
			wantIDs: []int64{1, 2}, wantMissing: e(),
		},
		{
			name:    "nobody in the network",
			wantIDs: []int64{}, wantMissing: wanted,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ProposePanel(wanted, c.cands, holder, c.proposer)
			if !slices.Equal(ids(got.Members), c.wantIDs) {
				t.Errorf("members = %v, want %v", ids(got.Members), c.wantIDs)
			}
			if !slices.Equal(got.Missing, c.wantMissing) {
				t.Errorf("missing = %v, want %v", got.Missing, c.wantMissing)
			}
		})
	}
}

// TestProposePanelDoesNotDependOnOrder shuffles the candidates.
func TestProposePanelDoesNotDependOnOrder(t *testing.T) {
	cands := []Candidate{
		{ProfessionalID: 1, OrganisationID: 1, Expertises: []schakel.NetworkExpertise{schakel.NetDebt}},
		{ProfessionalID: 2, OrganisationID: 2, Expertises: []schakel.NetworkExpertise{schakel.NetDebt}},
		{ProfessionalID: 3, OrganisationID: 1, Expertises: []schakel.NetworkExpertise{schakel.NetTrauma}},
		{ProfessionalID: 4, OrganisationID: 3, Expertises: []schakel.NetworkExpertise{schakel.NetFamilyNetwork}},
	}
	wanted := []schakel.NetworkExpertise{schakel.NetFamilyNetwork, schakel.NetTrauma, schakel.NetDebt}
	first := ids(ProposePanel(wanted, cands, 1, 0).Members)
	for i := range cands {
		rotated := append(slices.Clone(cands[i:]), cands[:i]...)
		if got := ids(ProposePanel(wanted, rotated, 1, 0).Members); !slices.Equal(got, first) {
			t.Errorf("rotation %d: %v, want %v", i, got, first)
		}
	}
}
