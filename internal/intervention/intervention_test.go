package intervention

import (
	"testing"
	"time"
)

func facts(n int, f CaseFact) []CaseFact {
	out := make([]CaseFact, n)
	for i := range out {
		out[i] = f
	}
	return out
}

func val(p *float64) float64 {
	if p == nil {
		return -1
	}
	return *p
}

func TestCompare(t *testing.T) {
	month := daysPerMonth
	for _, c := range []struct {
		name                  string
		facts                 []CaseFact
		cohort, rest          int
		cohortHidden          bool
		lead, contacts, place float64 // the cohort's, -1: withheld
		restContacts          float64
	}{
		{"nothing", nil, 0, 0, false, -1, -1, -1, -1},
		{"four cohort cases are withheld, the rest is shown",
			append(facts(4, CaseFact{InCohort: true, Contacts: 9, OpenDays: month}), facts(6, CaseFact{Contacts: 2, OpenDays: month})...),
			4, 6, true, -1, -1, -1, 2},
		{"five cases: shown; contacts per family per month over the open time",
			append(facts(5, CaseFact{InCohort: true, Contacts: 6, OpenDays: 2 * month, LeadDays: []float64{10}, Placements: 1}),
				facts(5, CaseFact{Contacts: 1, OpenDays: month})...),
			5, 5, false, 10, 3, 100, 1},
		{"a lead-time median of four runs is withheld though the side is shown",
			append(facts(4, CaseFact{InCohort: true, OpenDays: month, LeadDays: []float64{20}}), CaseFact{InCohort: true, OpenDays: month}),
			5, 0, false, -1, 0, 0, -1},
		{"the median of the runs, not of the cases",
			[]CaseFact{{InCohort: true, LeadDays: []float64{1, 2, 3}, OpenDays: 1}, {InCohort: true, LeadDays: []float64{40, 50}, OpenDays: 1},
				{InCohort: true}, {InCohort: true}, {InCohort: true}},
			5, 0, false, 3, 0, 0, -1},
		{"no open time: contacts per month not measurable",
			facts(5, CaseFact{InCohort: true, Contacts: 3}),
			5, 0, false, -1, -1, 0, -1},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Compare(c.facts)
			if got.Cohort.Cases != c.cohort || got.Rest.Cases != c.rest || got.Cohort.Suppressed != c.cohortHidden {
				t.Fatalf("sides: %+v / %+v", got.Cohort, got.Rest)
			}
			if l := val(got.Cohort.LeadMedianDays); l != c.lead {
				t.Errorf("lead median %v, want %v", l, c.lead)
			}
			if x := val(got.Cohort.ContactsPerFamilyMonth); x != c.contacts {
				t.Errorf("contacts per family per month %v, want %v", x, c.contacts)
			}
			if p := val(got.Cohort.PlacementsPer100); p != c.place {
				t.Errorf("placements per 100 %v, want %v", p, c.place)
			}
			if x := val(got.Rest.ContactsPerFamilyMonth); x != c.restContacts {
				t.Errorf("rest's contacts per family per month %v, want %v", x, c.restContacts)
			}
			if got.Cohort.Suppressed && (got.Cohort.Placements != nil || got.Cohort.RepeatReports != nil || got.Cohort.LeadCount != 0) {
				t.Errorf("a withheld side shows figures: %+v", got.Cohort)
			}
		})
	}
}

func TestRepeatsPer100(t *testing.T) {
	got := Compare(append(facts(3, CaseFact{InCohort: true, RepeatReports: 1}), facts(5, CaseFact{InCohort: true})...))
	if got.Cohort.RepeatReports == nil || *got.Cohort.RepeatReports != 3 || val(got.Cohort.RepeatPer100) != 37.5 {
		t.Errorf("repeat reports: %+v", got.Cohort)
	}
}

func TestPeriod(t *testing.T) {
	d := func(s string) time.Time { x, _ := time.Parse(time.DateOnly, s); return x }
	for _, c := range []struct {
		name             string
		from, to, starts time.Time
		wantFrom, wantTo time.Time
	}{
		{"no start: the dashboard's period", d("2026-01-01"), d("2027-01-01"), time.Time{}, d("2026-01-01"), d("2027-01-01")},
		{"started within: from the start", d("2026-01-01"), d("2027-01-01"), d("2026-06-01"), d("2026-06-01"), d("2027-01-01")},
		{"started before: the dashboard's period", d("2026-01-01"), d("2027-01-01"), d("2025-03-01"), d("2026-01-01"), d("2027-01-01")},
		{"no dashboard start: from the start", time.Time{}, d("2027-01-01"), d("2025-03-01"), d("2025-03-01"), d("2027-01-01")},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, to := Period(c.from, c.to, c.starts)
			if !f.Equal(c.wantFrom) || !to.Equal(c.wantTo) {
				t.Errorf("Period = %s–%s, want %s–%s", f, to, c.wantFrom, c.wantTo)
			}
		})
	}
}

func TestKinds(t *testing.T) {
	for _, k := range Kinds() {
		if !k.Valid() || k.Label() == "" {
			t.Errorf("%q: valid %v, label %q", k, k.Valid(), k.Label())
		}
	}
	for _, k := range []Kind{"", "extra", "EXTRA_STAFF"} {
		if k.Valid() != (k == "") {
			t.Errorf("Valid(%q) = %v", k, k.Valid())
		}
	}
}
