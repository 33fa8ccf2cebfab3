package prevention

import (
	"cmp"
	"slices"

	"schakel"
)

// Panel sizes: two or three members (issue 16, item 3). A small panel keeps
// the extract's readers few; two is the least that brings a second view.
const (
	MinPanel = 2
	MaxPanel = 3
)

// Candidate is a network member who might sit on a panel.
type Candidate struct {
	ProfessionalID int64
	OrganisationID int64
	Expertises     []schakel.NetworkExpertise
	Reviews        int // reviews sat on so far; fewer is preferred, to share the work
}

// PanelChoice is the proposed panel and the wanted expertises no member
// covers.
type PanelChoice struct {
	Members []Candidate
	Missing []schakel.NetworkExpertise
}

// WantedExpertise returns what a review of a case with these concerns and
// financial answers (one map per report; any report's answer counts)
// should bring to the table. The family's network is
// always wanted: the first alternative to a placement is the people around
// the child.
func WantedExpertise(concerns []string, finances []map[string]string) []schakel.NetworkExpertise {
	want := []schakel.NetworkExpertise{schakel.NetFamilyNetwork}
	add := func(e schakel.NetworkExpertise) {
		if !slices.Contains(want, e) {
			want = append(want, e)
		}
	}
	for _, c := range concerns {
		switch c {
		case "physical_abuse", "sexual_abuse", "psychological_abuse", "domestic_violence", "honour_related_violence":
			add(schakel.NetTrauma)
		case "financial_problems":
			add(schakel.NetDebt)
		}
	}
	for _, f := range finances {
		if f["unopened_post_or_debts"] == "yes" {
			add(schakel.NetDebt)
		}
		if f["housing_at_risk"] == "yes" {
			add(schakel.NetHousing)
		}
		if f["money_for_school_and_transport"] == "no" {
			add(schakel.NetSchool)
		}
	}
	return want
}

// ProposePanel picks two or three members who together cover as much of
// wanted as possible, with at least one from outside the case holder's
// organisation (the review must look beyond it, seed 004). Ties go to the
// member with fewer reviews, then the lower id, so the result does not
// depend on the order of candidates. The proposer is never on the panel.
func ProposePanel(wanted []schakel.NetworkExpertise, cands []Candidate, holderOrg, proposer int64) PanelChoice {
	pool := slices.DeleteFunc(slices.Clone(cands), func(c Candidate) bool { return c.ProfessionalID == proposer })
	slices.SortFunc(pool, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(a.Reviews, b.Reviews), cmp.Compare(a.ProfessionalID, b.ProfessionalID))
	})
	var chosen []Candidate
	for len(chosen) < MaxPanel {
		i := mostGain(pool, missing(wanted, chosen), func(Candidate) bool { return true })
		if i < 0 || (len(chosen) >= MinPanel && gain(pool[i], missing(wanted, chosen)) == 0) {
			break
		}
		chosen = append(chosen, pool[i])
		pool = slices.Delete(pool, i, i+1)
	}
	outsider := func(c Candidate) bool { return c.OrganisationID != holderOrg }
	if !slices.ContainsFunc(chosen, outsider) {
		if len(chosen) == MaxPanel {
			// The last seat went to the smallest gain: an outsider takes it.
			pool = append(pool, chosen[MaxPanel-1])
			chosen = chosen[:MaxPanel-1]
		}
		if i := mostGain(pool, missing(wanted, chosen), outsider); i >= 0 {
			chosen = append(chosen, pool[i])
		}
	}
	return PanelChoice{Members: chosen, Missing: missing(wanted, chosen)}
}

// missing returns the wanted expertises none of chosen brings (never nil,
// so it encodes as a JSON array).
func missing(wanted []schakel.NetworkExpertise, chosen []Candidate) []schakel.NetworkExpertise {
	out := []schakel.NetworkExpertise{}
	for _, e := range wanted {
		if !slices.ContainsFunc(chosen, func(c Candidate) bool { return slices.Contains(c.Expertises, e) }) {
			out = append(out, e)
		}
	}
	return out
}

// mostGain returns the index of the first candidate in pool (already in
// preference order) that passes ok and brings the most of left, or -1.
func mostGain(pool []Candidate, left []schakel.NetworkExpertise, ok func(Candidate) bool) int {
	at, most := -1, -1
	for i, c := range pool {
		if g := gain(c, left); ok(c) && g > most {
			at, most = i, g
		}
	}
	return at
}

func gain(c Candidate, left []schakel.NetworkExpertise) int {
	n := 0
	for _, e := range left {
		if slices.Contains(c.Expertises, e) {
			n++
		}
	}
	return n
}
