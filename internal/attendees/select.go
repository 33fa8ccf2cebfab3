package attendees

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
)

// Candidate is a professional who might be invited.
type Candidate struct {
	ID               int64
	Name             string
	OrganisationID   int64
	OrganisationKind string   // veilig_thuis, jeugdbescherming, raad, rechtbank, blijf_groep, wijkteam, schuldhulp, zorgaanbieder, gemeente, politie
	Roles            []string // intake, case_worker, behavioural_expert, confidential_doctor, lawyer, care_coordinator, team_lead, privacy_officer, admin
	Expertises       []string // honour_related_violence, sexual_violence, debt_counselling, domestic_violence, addiction, psychiatry, intellectual_disability
	OnDuty           bool     // on the piket roster at the consultation time
	Busy             bool     // already booked at that time; never chosen
	Active           bool     // disabled accounts are never chosen
	Load             int      // open items in their work list; lower is preferred as a last tie-break
}

// Covers reports whether the candidate can fill the need: organisation:X
// when the candidate's organisation kind is X, role:R when R is among the
// roles, expertise:E when E is among the expertises. Availability is not
// considered here.
func (c Candidate) Covers(n Need) bool {
	switch n.Kind {
	case KindOrganisation:
		return c.OrganisationKind == n.Value
	case KindRole:
		return slices.Contains(c.Roles, n.Value)
	case KindExpertise:
		return slices.Contains(c.Expertises, n.Value)
	case KindPerson:
		return strconv.FormatInt(c.ID, 10) == n.Value
	}
	return false
}

func (c Candidate) available() bool { return c.Active && !c.Busy }

// Choice is one invited person with the needs they cover (in needs order)
// and the reasons for choosing them, in Dutch.
type Choice struct {
	Candidate Candidate
	Covers    []Need
	Reasons   []string
}

// Result is the outcome of Select. Chosen is ordered by the first need each
// person covers, then by ID. Missing lists, in needs order, the needs no
// available candidate covers; team leads must be told about them at once.
// Both slices are non-nil, so they encode as JSON arrays.
type Result struct {
	Chosen  []Choice
	Missing []Need
}

// maxExactNeeds bounds the exact search, which is exponential in the number of
// distinct needs (2^n states). Needs produces at most 8, far below it.
const maxExactNeeds = 16

// Select invites the smallest set of available candidates (active, not busy)
// that covers every need some available candidate can cover. Among the
// minimum-size sets it prefers the most people on duty, then the lowest total
// load, then the lowest IDs (the sorted ID lists compared element by
// element), so the result does not depend on the order of candidates.
// Needs no available candidate covers go to Missing; the rest is still
// covered minimally. Duplicate needs are counted once. Candidate IDs are
// assumed to be unique.
//
// The search is exact: candidates are first reduced to the best one per
// distinct coverage bitmask (two people with the same coverage never both
// belong in a minimum set, and the better one can always replace the other),
// then a dynamic programme over subsets of needs finds the optimum. For more
// than 16 distinct needs, which Needs never produces, Select falls back to
// the greedy approximation.
func Select(needs []Need, candidates []Candidate) Result {
	needs = uniqueNeeds(needs)
	if len(needs) > maxExactNeeds {
		return selectGreedy(needs, candidates)
	}

	// Best candidate per coverage mask.
	best := make(map[uint32]int)
	var coverable uint32
	for i, c := range candidates {
		if !c.available() {
			continue
		}
		m := coverage(c, needs)
		if m == 0 {
			continue
		}
		coverable |= m
		if j, ok := best[m]; !ok || preferred(c, candidates[j]) {
			best[m] = i
		}
	}
	reps := make([]rep, 0, len(best))
	for m, i := range best {
		reps = append(reps, rep{mask: m, c: candidates[i]})
	}
	slices.SortFunc(reps, func(a, b rep) int { return cmp.Compare(a.mask, b.mask) })

	picks := optimalCover(len(needs), coverable, reps)
	chosen := make([]Candidate, len(picks))
	for i, p := range picks {
		chosen[i] = reps[p].c
	}
	return buildResult(needs, chosen, coverable, true)
}

// rep is the representative candidate for one coverage mask.
type rep struct {
	mask uint32
	c    Candidate
}

// plan is the best known way to reach one DP state (a set of covered needs).
type plan struct {
	reached bool
	count   int
	duty    int
	load    int
	ids     []int64 // sorted ascending
	picks   []int   // indices into reps
}

// optimalCover returns the indices of the reps forming the optimal cover of
// full, the union of all rep masks. States are sets of covered needs; from
// each state only reps covering its lowest uncovered need are tried, so every
// cover is reached in exactly one canonical order and each state is final
// before it is expanded (transitions only add bits, so they increase the
// state number).
//
// The objective (size, on-duty count, load, sorted IDs) is compatible with
// extending two partial plans by the same reps: size, on-duty count and load
// are sums, and comparing sorted ID lists of equal length is decided by the
// smallest ID in which they differ, which adding the same IDs to both does
// not change. So keeping only the best plan per state is exact.
func optimalCover(n int, full uint32, reps []rep) []int {
	if full == 0 {
		return nil
	}
	byBit := make([][]int, n)
	for i, r := range reps {
		for m := r.mask; m != 0; m &= m - 1 {
			b := bits.TrailingZeros32(m)
			byBit[b] = append(byBit[b], i)
		}
	}
	states := make([]plan, full+1)
	states[0].reached = true
	for s := uint32(0); s < full; s++ {
		cur := &states[s]
		if !cur.reached {
			continue
		}
		low := bits.TrailingZeros32(full &^ s)
		for _, i := range byBit[low] {
			r := reps[i]
			t := s | r.mask
			next := plan{
				reached: true,
				count:   cur.count + 1,
				duty:    cur.duty,
				load:    cur.load + r.c.Load,
				ids:     insertSorted(cur.ids, r.c.ID),
				picks:   append(slices.Clip(cur.picks), i),
			}
			if r.c.OnDuty {
				next.duty++
			}
			if !states[t].reached || better(next, states[t]) {
				states[t] = next
			}
		}
	}
	return states[full].picks
}

// better reports whether plan a is strictly better than plan b.
func better(a, b plan) bool {
	if a.count != b.count {
		return a.count < b.count
	}
	if a.duty != b.duty {
		return a.duty > b.duty
	}
	if a.load != b.load {
		return a.load < b.load
	}
	return slices.Compare(a.ids, b.ids) < 0
}

func insertSorted(ids []int64, id int64) []int64 {
	out := make([]int64, 0, len(ids)+1)
	i, _ := slices.BinarySearch(ids, id)
	out = append(out, ids[:i]...)
	out = append(out, id)
	return append(out, ids[i:]...)
}

// preferred reports whether a is a better pick than b when both cover the
// same needs: on duty first, then lower load, then lower ID. Name and
// organisation only make the order total for inputs with duplicate IDs.
func preferred(a, b Candidate) bool {
	if a.OnDuty != b.OnDuty {
		return a.OnDuty
	}
	if c := cmp.Or(
		cmp.Compare(a.Load, b.Load),
		cmp.Compare(a.ID, b.ID),
		cmp.Compare(a.Name, b.Name),
		cmp.Compare(a.OrganisationID, b.OrganisationID),
	); c != 0 {
		return c < 0
	}
	return false
}

// coverage returns the bitmask of needs (at most maxExactNeeds) the candidate covers.
func coverage(c Candidate, needs []Need) uint32 {
	var m uint32
	for i, n := range needs {
		if c.Covers(n) {
			m |= 1 << i
		}
	}
	return m
}

func uniqueNeeds(needs []Need) []Need {
	seen := make(map[Need]bool, len(needs))
	out := make([]Need, 0, len(needs))
	for _, n := range needs {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// selectGreedy is the fallback for many needs: repeatedly take the available
// candidate who covers the most uncovered needs, ties broken by preferred.
func selectGreedy(needs []Need, candidates []Candidate) Result {
	type cover struct {
		c   Candidate
		idx []int
	}
	var pool []cover
	coverable := make([]bool, len(needs))
	for _, c := range candidates {
		if !c.available() {
			continue
		}
		var idx []int
		for i, n := range needs {
			if c.Covers(n) {
				idx = append(idx, i)
				coverable[i] = true
			}
		}
		if len(idx) > 0 {
			pool = append(pool, cover{c, idx})
		}
	}
	covered := make([]bool, len(needs))
	used := make([]bool, len(pool))
	var chosen []Candidate
	for {
		bestI, bestGain := -1, 0
		for i, p := range pool {
			if used[i] {
				continue
			}
			gain := 0
			for _, k := range p.idx {
				if !covered[k] {
					gain++
				}
			}
			if gain > bestGain || (gain == bestGain && gain > 0 && preferred(p.c, pool[bestI].c)) {
				bestI, bestGain = i, gain
			}
		}
		if bestI < 0 {
			break
		}
		used[bestI] = true
		chosen = append(chosen, pool[bestI].c)
		for _, k := range pool[bestI].idx {
			covered[k] = true
		}
	}
	res := buildResult(needs, chosen, 0, false)
	res.Missing = res.Missing[:0]
	for i, n := range needs {
		if !coverable[i] {
			res.Missing = append(res.Missing, n)
		}
	}
	return res
}

// buildResult turns the chosen candidates into a Result. coverable is the
// mask of coverable needs (ignored when exact is false; the caller then fills
// Missing itself).
func buildResult(needs []Need, chosen []Candidate, coverable uint32, exact bool) Result {
	type ranked struct {
		first  int // index of the first need covered
		choice Choice
	}
	list := make([]ranked, 0, len(chosen))
	for _, c := range chosen {
		var covers []Need
		first := -1
		for i, n := range needs {
			if c.Covers(n) {
				covers = append(covers, n)
				if first < 0 {
					first = i
				}
			}
		}
		list = append(list, ranked{first, Choice{Candidate: c, Covers: covers, Reasons: reasons(c, covers, exact)}})
	}
	slices.SortStableFunc(list, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.first, b.first), cmp.Compare(a.choice.Candidate.ID, b.choice.Candidate.ID))
	})
	res := Result{Chosen: make([]Choice, len(list)), Missing: []Need{}}
	for i, r := range list {
		res.Chosen[i] = r.choice
	}
	if exact {
		for i, n := range needs {
			if coverable&(1<<i) == 0 {
				res.Missing = append(res.Missing, n)
			}
		}
	}
	return res
}

// reasons explains a choice in Dutch. In an exact result an off-duty person
// is only chosen when no available on-duty colleague could take their place
// in an equally small group (otherwise the swap would give a better cover),
// so that is said.
func reasons(c Candidate, covers []Need, exact bool) []string {
	out := []string{"Dekt: " + dutchList(covers)}
	switch {
	case c.OnDuty:
		out = append(out, "Heeft piketdienst")
	case exact:
		out = append(out, "Geen piketdienst; geen beschikbare collega met piketdienst kon deze plek innemen")
	default:
		out = append(out, "Geen piketdienst")
	}
	if c.Load == 1 {
		out = append(out, "Werkvoorraad: 1 openstaande zaak")
	} else {
		out = append(out, fmt.Sprintf("Werkvoorraad: %d openstaande zaken", c.Load))
	}
	return out
}
