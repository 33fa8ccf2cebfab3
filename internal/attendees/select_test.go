package attendees

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// opt changes a test candidate.
type opt func(*Candidate)

func roles(r ...string) opt      { return func(c *Candidate) { c.Roles = r } }
func expertises(e ...string) opt { return func(c *Candidate) { c.Expertises = e } }
func load(n int) opt             { return func(c *Candidate) { c.Load = n } }

var (
	onDuty   opt = func(c *Candidate) { c.OnDuty = true }
	busy     opt = func(c *Candidate) { c.Busy = true }
	inactive opt = func(c *Candidate) { c.Active = false }
)

// person returns an active, available, off-duty candidate.
func person(id int64, org string, opts ...opt) Candidate {
	c := Candidate{ID: id, Name: fmt.Sprintf("p%d", id), OrganisationID: int64(len(org)), OrganisationKind: org, Active: true}
	for _, o := range opts {
		o(&c)
	}
	return c
}

func chosenIDs(t *testing.T, r Result) []int64 {
	t.Helper()
	ids := make([]int64, len(r.Chosen))
	for i, c := range r.Chosen {
		ids[i] = c.Candidate.ID
	}
	slices.Sort(ids)
	return ids
}

// checkCovers fails unless the chosen people together cover every need not
// reported missing, and each Choice lists exactly what its candidate covers.
func checkCovers(t *testing.T, needs []Need, r Result) {
	t.Helper()
	needs = uniqueNeeds(needs)
	covered := map[Need]bool{}
	for _, ch := range r.Chosen {
		if !ch.Candidate.Active || ch.Candidate.Busy {
			t.Errorf("unavailable candidate %d chosen", ch.Candidate.ID)
		}
		var want []Need
		for _, n := range needs {
			if ch.Candidate.Covers(n) {
				want = append(want, n)
				covered[n] = true
			}
		}
		if !reflect.DeepEqual(ch.Covers, want) {
			t.Errorf("candidate %d Covers = %v, want %v", ch.Candidate.ID, ch.Covers, want)
		}
	}
	for _, n := range needs {
		if covered[n] == slices.Contains(r.Missing, n) {
			t.Errorf("need %v: covered=%v, missing=%v", n, covered[n], slices.Contains(r.Missing, n))
		}
	}
}

var (
	needVT     = Need{KindOrganisation, OrgVeiligThuis}
	needGI     = Need{KindOrganisation, OrgJeugdbescherming}
	needRaad   = Need{KindOrganisation, OrgRaad}
	needDoctor = Need{KindRole, RoleConfidentialDoctor}
	needLawyer = Need{KindRole, RoleLawyer}
	needSexual = Need{KindExpertise, ExpertiseSexualViolence}
	needHonour = Need{KindExpertise, ExpertiseHonourRelatedViolence}
	needDebt   = Need{KindExpertise, ExpertiseDebtCounselling}
	coreNeeds  = []Need{needVT, needGI, needRaad, needDoctor}
)

func TestSelectScenarios(t *testing.T) {
	tests := []struct {
		name        string
		needs       []Need
		candidates  []Candidate
		wantIDs     []int64
		wantMissing []Need
	}{
		{
			name:  "VT doctor covers two needs",
			needs: coreNeeds,
			candidates: []Candidate{
				person(1, "veilig_thuis", onDuty),
				person(2, "veilig_thuis", roles("confidential_doctor")),
				person(3, "jeugdbescherming", onDuty),
				person(4, "raad", onDuty),
				person(5, "zorgaanbieder", roles("confidential_doctor"), onDuty),
			},
			wantIDs: []int64{2, 3, 4},
		},
		{
			name:  "one person with several expertises replaces two",
			needs: append(slices.Clone(coreNeeds), needSexual, needHonour),
			candidates: []Candidate{
				person(1, "veilig_thuis", roles("confidential_doctor"), onDuty),
				person(2, "jeugdbescherming", onDuty),
				person(3, "raad", onDuty),
				person(4, "zorgaanbieder", expertises("sexual_violence"), onDuty),
				person(5, "zorgaanbieder", expertises("honour_related_violence"), onDuty),
				person(6, "blijf_groep", expertises("honour_related_violence", "sexual_violence", "domestic_violence")),
			},
			wantIDs: []int64{1, 2, 3, 6},
		},
		{
			name:  "on duty preferred over off duty with the same coverage",
			needs: coreNeeds,
			candidates: []Candidate{
				person(1, "veilig_thuis", roles("confidential_doctor"), onDuty),
				person(2, "jeugdbescherming", load(0)),
				person(3, "jeugdbescherming", onDuty, load(30)),
				person(4, "raad", onDuty),
			},
			wantIDs: []int64{1, 3, 4},
		},
		{
			name:  "on duty preferred across different covers of the same size",
			needs: coreNeeds,
			candidates: []Candidate{
				person(1, "veilig_thuis", roles("confidential_doctor")), // off duty, covers two
				person(2, "jeugdbescherming", onDuty),
				person(3, "raad", onDuty),
				person(4, "veilig_thuis", onDuty),
				person(5, "jeugdbescherming", roles("confidential_doctor"), onDuty),
			},
			wantIDs: []int64{3, 4, 5},
		},
		{
			name:  "smaller set beats more people on duty",
			needs: coreNeeds,
			candidates: []Candidate{
				person(1, "veilig_thuis", roles("confidential_doctor")),
				person(2, "jeugdbescherming", onDuty),
				person(3, "raad", onDuty),
				person(4, "veilig_thuis", onDuty),
				person(5, "zorgaanbieder", roles("confidential_doctor"), onDuty),
			},
			wantIDs: []int64{1, 2, 3},
		},
		{
			name:  "lower load breaks a tie, then lower ID",
			needs: coreNeeds,
			candidates: []Candidate{
				person(1, "veilig_thuis", roles("confidential_doctor"), onDuty, load(5)),
				person(9, "veilig_thuis", roles("confidential_doctor"), onDuty, load(2)),
				person(7, "jeugdbescherming", onDuty, load(3)),
				person(6, "jeugdbescherming", onDuty, load(3)),
				person(4, "raad", onDuty),
			},
			wantIDs: []int64{4, 6, 9},
		},
		{
			name:  "busy people are skipped",
			needs: coreNeeds,
			candidates: []Candidate{
				person(1, "veilig_thuis", roles("confidential_doctor"), onDuty, busy),
				person(2, "veilig_thuis"),
				person(3, "jeugdbescherming", onDuty),
				person(4, "raad", onDuty),
				person(5, "wijkteam", roles("confidential_doctor")),
			},
			wantIDs: []int64{2, 3, 4, 5},
		},
		{
			name:  "inactive people are skipped",
			needs: coreNeeds,
			candidates: []Candidate{
				person(1, "veilig_thuis", roles("confidential_doctor"), onDuty, inactive),
				person(2, "veilig_thuis"),
				person(3, "jeugdbescherming", onDuty),
				person(4, "raad", onDuty),
				person(5, "wijkteam", roles("confidential_doctor")),
			},
			wantIDs: []int64{2, 3, 4, 5},
		},
		{
			name:  "missing lawyer reported, rest chosen",
			needs: append(slices.Clone(coreNeeds), needLawyer),
			candidates: []Candidate{
				person(1, "veilig_thuis", roles("confidential_doctor"), onDuty),
				person(2, "jeugdbescherming", onDuty),
				person(3, "raad", onDuty),
				person(4, "rechtbank", roles("lawyer"), busy),
				person(5, "gemeente", roles("lawyer"), inactive),
			},
			wantIDs:     []int64{1, 2, 3},
			wantMissing: []Need{needLawyer},
		},
		{
			name:        "nobody available",
			needs:       coreNeeds,
			candidates:  []Candidate{person(1, "veilig_thuis", busy), person(2, "raad", inactive)},
			wantIDs:     []int64{},
			wantMissing: coreNeeds,
		},
		{
			name:       "no needs",
			needs:      nil,
			candidates: []Candidate{person(1, "veilig_thuis")},
			wantIDs:    []int64{},
		},
		{
			name:  "duplicate needs count once",
			needs: []Need{needVT, needVT, needDebt, needDebt},
			candidates: []Candidate{
				person(1, "veilig_thuis"),
				person(2, "schuldhulp", expertises("debt_counselling")),
			},
			wantIDs: []int64{1, 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Select(tt.needs, tt.candidates)
			if got := chosenIDs(t, r); !reflect.DeepEqual(got, tt.wantIDs) {
				t.Errorf("chosen IDs = %v, want %v", got, tt.wantIDs)
			}
			wantMissing := tt.wantMissing
			if wantMissing == nil {
				wantMissing = []Need{}
			}
			if !reflect.DeepEqual(r.Missing, wantMissing) {
				t.Errorf("Missing = %v, want %v", r.Missing, wantMissing)
			}
			if r.Chosen == nil || r.Missing == nil {
				t.Errorf("Chosen and Missing must be non-nil: %#v", r)
			}
			checkCovers(t, tt.needs, r)
		})
	}
}

func TestSelectChoiceDetails(t *testing.T) {
	r := Select(append(slices.Clone(coreNeeds), needLawyer), []Candidate{
		person(3, "raad", onDuty, load(1)),
		person(2, "jeugdbescherming", load(4)),
		person(1, "veilig_thuis", roles("confidential_doctor"), onDuty),
	})
	want := []struct {
		id      int64
		covers  []Need
		reasons []string
	}{
		{1, []Need{needVT, needDoctor}, []string{
			"Dekt: iemand van Veilig Thuis, een vertrouwensarts",
			"Heeft piketdienst",
			"Werkvoorraad: 0 openstaande zaken",
		}},
		{2, []Need{needGI}, []string{
			"Dekt: iemand van de jeugdbescherming",
			"Geen piketdienst; geen beschikbare collega met piketdienst kon deze plek innemen",
			"Werkvoorraad: 4 openstaande zaken",
		}},
		{3, []Need{needRaad}, []string{
			"Dekt: iemand van de Raad voor de Kinderbescherming",
			"Heeft piketdienst",
			"Werkvoorraad: 1 openstaande zaak",
		}},
	}
	if len(r.Chosen) != len(want) {
		t.Fatalf("chosen %d people, want %d: %+v", len(r.Chosen), len(want), r.Chosen)
	}
	for i, w := range want {
		t.Run(fmt.Sprint(w.id), func(t *testing.T) {
			ch := r.Chosen[i]
			if ch.Candidate.ID != w.id {
				t.Fatalf("Chosen[%d] is %d, want %d (ordered by first need covered)", i, ch.Candidate.ID, w.id)
			}
			if !reflect.DeepEqual(ch.Covers, w.covers) {
				t.Errorf("Covers = %v, want %v", ch.Covers, w.covers)
			}
			if !reflect.DeepEqual(ch.Reasons, w.reasons) {
				t.Errorf("Reasons = %q, want %q", ch.Reasons, w.reasons)
			}
		})
	}
	if !reflect.DeepEqual(r.Missing, []Need{needLawyer}) || r.Missing[0].Dutch() != "een jurist" {
		t.Errorf("Missing = %v, want [role:lawyer]", r.Missing)
	}
}

var (
	orgKinds      = []string{"veilig_thuis", "jeugdbescherming", "raad", "rechtbank", "blijf_groep", "wijkteam", "schuldhulp", "zorgaanbieder", "gemeente", "politie"}
	roleCodes     = []string{"intake", "case_worker", "behavioural_expert", "confidential_doctor", "lawyer", "care_coordinator", "team_lead", "privacy_officer", "admin"}
	expertiseCode = []string{"honour_related_violence", "sexual_violence", "debt_counselling", "domestic_violence", "addiction", "psychiatry", "intellectual_disability"}
	allNeeds      = []Need{needVT, needGI, needRaad, needDoctor, needLawyer, needSexual, needHonour, needDebt}
)

// randomCandidates makes n candidates with small pools of values so that
// coverage masks and preference ties repeat often.
func randomCandidates(t testing.TB, rng *rand.Rand, n int, orgs []string) []Candidate {
	t.Helper()
	pick := func(pool []string, p float64) []string {
		var out []string
		for _, v := range pool {
			if rng.Float64() < p {
				out = append(out, v)
			}
		}
		return out
	}
	cs := make([]Candidate, n)
	for i := range cs {
		cs[i] = Candidate{
			ID:               int64(i + 1),
			Name:             fmt.Sprintf("p%d", i+1),
			OrganisationKind: orgs[rng.IntN(len(orgs))],
			Roles:            pick(roleCodes, 0.15),
			Expertises:       pick(expertiseCode, 0.15),
			OnDuty:           rng.IntN(3) == 0,
			Busy:             rng.IntN(8) == 0,
			Active:           rng.IntN(10) != 0,
			Load:             rng.IntN(4),
		}
	}
	return cs
}

func TestSelectDeterministic(t *testing.T) {
	for seed := range uint64(10) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 42))
			cands := randomCandidates(t, rng, 60, []string{"veilig_thuis", "jeugdbescherming", "raad", "zorgaanbieder", "wijkteam"})
			want := Select(allNeeds, cands)
			checkCovers(t, allNeeds, want)
			for range 20 {
				shuffled := slices.Clone(cands)
				rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				if got := Select(allNeeds, shuffled); !reflect.DeepEqual(got, want) {
					t.Fatalf("result depends on candidate order:\n got %+v\nwant %+v", got, want)
				}
			}
		})
	}
}

// objective is the quantity Select optimises, in comparison order.
type objective struct {
	size, duty, load int
	ids              []int64
}

func objectiveOf(cs []Candidate) objective {
	o := objective{size: len(cs)}
	for _, c := range cs {
		if c.OnDuty {
			o.duty++
		}
		o.load += c.Load
		o.ids = append(o.ids, c.ID)
	}
	slices.Sort(o.ids)
	return o
}

func (a objective) less(b objective) bool {
	if a.size != b.size {
		return a.size < b.size
	}
	if a.duty != b.duty {
		return a.duty > b.duty
	}
	if a.load != b.load {
		return a.load < b.load
	}
	return slices.Compare(a.ids, b.ids) < 0
}

// bruteForce tries every subset of the available candidates and returns the
// best cover of all coverable needs.
func bruteForce(t *testing.T, needs []Need, cands []Candidate) objective {
	t.Helper()
	var avail []Candidate
	for _, c := range cands {
		if c.Active && !c.Busy {
			avail = append(avail, c)
		}
	}
	coverable := func(set []Candidate) int {
		n := 0
		for _, need := range needs {
			if slices.ContainsFunc(set, func(c Candidate) bool { return c.Covers(need) }) {
				n++
			}
		}
		return n
	}
	target := coverable(avail)
	var best *objective
	for bitsSet := 0; bitsSet < 1<<len(avail); bitsSet++ {
		var set []Candidate
		for i, c := range avail {
			if bitsSet&(1<<i) != 0 {
				set = append(set, c)
			}
		}
		if coverable(set) != target {
			continue
		}
		if o := objectiveOf(set); best == nil || o.less(*best) {
			best = &o
		}
	}
	return *best
}

func TestSelectMatchesBruteForce(t *testing.T) {
	for seed := range uint64(300) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			needs := slices.Clone(allNeeds)
			rng.Shuffle(len(needs), func(i, j int) { needs[i], needs[j] = needs[j], needs[i] })
			needs = needs[:1+rng.IntN(len(needs))]
			cands := randomCandidates(t, rng, 1+rng.IntN(13), orgKinds[:4])

			r := Select(needs, cands)
			checkCovers(t, needs, r)
			var chosen []Candidate
			for _, ch := range r.Chosen {
				chosen = append(chosen, ch.Candidate)
			}
			got, want := objectiveOf(chosen), bruteForce(t, needs, cands)
			if got.size != want.size {
				t.Fatalf("chose %d people, minimum is %d (needs %v)", got.size, want.size, needs)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("objective = %+v, brute force best = %+v", got, want)
			}
		})
	}
}

func TestSelectGreedyFallbackForManyNeeds(t *testing.T) {
	var needs []Need
	for _, v := range orgKinds {
		needs = append(needs, Need{KindOrganisation, v})
	}
	for _, v := range roleCodes {
		needs = append(needs, Need{KindRole, v})
	}
	needs = append(needs, Need{KindExpertise, "unheard_of"})
	if len(needs) <= maxExactNeeds {
		t.Fatalf("test needs more than %d needs, has %d", maxExactNeeds, len(needs))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	cands := randomCandidates(t, rng, 80, orgKinds)
	r := Select(needs, cands)
	checkCovers(t, needs, r)
	if !slices.Contains(r.Missing, Need{KindExpertise, "unheard_of"}) {
		t.Errorf("Missing = %v, want it to contain expertise:unheard_of", r.Missing)
	}
	for _, ch := range r.Chosen {
		if !ch.Candidate.OnDuty && strings.Contains(strings.Join(ch.Reasons, "|"), "kon deze plek innemen") {
			t.Errorf("greedy result must not claim optimality: %q", ch.Reasons)
		}
	}
}

func BenchmarkSelect(b *testing.B) {
	rng := rand.New(rand.NewPCG(2024, 11))
	cands := randomCandidates(b, rng, 300, orgKinds)
	all := Needs(Request{
		Concerns:   []string{"sexual_abuse", "honour_related_violence", "financial_problems"},
		Indicators: []string{"honour_related_threat"},
	})
	needs := append(Of(all, Urgent), Of(all, CanFollow)...)
	if len(needs) != 7 {
		b.Fatalf("want 7 needs, got %d", len(needs))
	}
	b.ReportAllocs()
	for b.Loop() {
		Select(needs, cands)
	}
}
