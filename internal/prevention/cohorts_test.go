package prevention

import (
	"testing"

	"schakel"
)

// TestCheckCohorts: seven prevented reviews, six checked at 3 months (five
// stayed home with the alternative holding, one placed after all, five
// with new reports) and none yet due at 6; five placed reviews, none
// checked. Groups of 1–4 are suppressed, zeros are shown.
func TestCheckCohorts(t *testing.T) {
	considered := at("2026-01-05T10:00:00+01:00")
	held := considered.AddDate(0, 0, 3)
	now := held.AddDate(0, 4, 0)
	var facts []ReviewFact
	for i := range 12 {
		f := ReviewFact{ConsideredAt: considered, HeldAt: &held, Outcome: schakel.OutcomeNoPlacement, Organisation: "JB"}
		switch {
		case i >= 7:
			f.Outcome = schakel.OutcomePlacement
		case i == 6:
			f.Outcome = schakel.OutcomeNetworkPlacement
			f.Checks = []CheckFact{{Months: 3, PlacedAfterAll: true, NewReports: 2}}
		case i > 0:
			f.Checks = []CheckFact{{Months: 3, StayedHome: true, AlternativeHeld: true, NewReports: i % 2}}
		}
		facts = append(facts, f)
	}
	got := Patterns(facts, now)
	if len(got) != 1 || len(got[0].Checks) != 4 {
		t.Fatalf("patterns = %+v", got)
	}
	n := func(p *int) int {
		if p == nil {
			return -1
		}
		return *p
	}
	for _, tc := range []struct {
		name                                           string
		c                                              CheckCohort
		held, due, checked, home, alt, after, reported int
	}{
		{"3 months prevented", got[0].Checks[0], 7, 7, 6, 5, 5, -1, -1},
		{"3 months placed", got[0].Checks[1], 5, 5, 0, 0, 0, 0, 0},
		{"6 months prevented", got[0].Checks[2], 7, 0, 0, 0, 0, 0, 0},
		{"6 months placed", got[0].Checks[3], 5, 0, 0, 0, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			gotN := []int{n(c.Held), n(c.Due), n(c.Checked), n(c.StayedHome), n(c.AlternativeHeld), n(c.PlacedAfterAll), n(c.WithNewReports)}
			want := []int{tc.held, tc.due, tc.checked, tc.home, tc.alt, tc.after, tc.reported}
			for i := range want {
				if gotN[i] != want[i] {
					t.Errorf("%s %d months: got %v, want %v (-1: suppressed)", c.Group, c.Months, gotN, want)
					break
				}
			}
		})
	}
}

// TestCohortsOfAPeriod: the dashboard's cohorts count only the reviews
// considered in its period (from inclusive, to exclusive, zero open).
func TestCohortsOfAPeriod(t *testing.T) {
	jan, apr := at("2026-01-05T10:00:00+01:00"), at("2026-04-06T10:00:00+01:00")
	var facts []ReviewFact
	for i := range 11 {
		considered := jan
		if i >= 5 {
			considered = apr
		}
		held := considered.AddDate(0, 0, 2)
		// Six of the eleven were considered by organisation 7, five by 8.
		org := int64(7)
		if i%2 == 1 {
			org = 8
		}
		facts = append(facts, ReviewFact{ConsideredAt: considered, HeldAt: &held, Outcome: schakel.OutcomeNoPlacement, OrganisationID: org})
	}
	now := apr.AddDate(1, 0, 0)
	for _, tc := range []struct {
		name string
		sel  Selection
		held int // prevented reviews held at the 3-month check; -1 suppressed
	}{
		{"open both ends", Selection{}, 11},
		{"from april", Selection{From: apr}, 6},
		{"up to april, not including it", Selection{To: apr}, 5},
		{"january holds the first five", Selection{From: jan, To: jan.AddDate(0, 1, 0)}, 5},
		{"a day in april holds all six", Selection{From: apr, To: apr.AddDate(0, 0, 1)}, 6},
		{"a period without reviews", Selection{From: jan.AddDate(0, 1, 0), To: apr}, 0},
		{"one organisation's six", Selection{OrganisationID: 7}, 6},
		{"the other's five", Selection{OrganisationID: 8}, 5},
		{"one organisation in april: three, suppressed", Selection{From: apr, OrganisationID: 8}, -1},
		{"an organisation without reviews", Selection{OrganisationID: 9}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Cohorts(facts, tc.sel, now)
			if len(got) != 4 || got[0].Group != GroupPrevented || got[0].Months != 3 {
				t.Fatalf("cohorts = %+v", got)
			}
			held := -1
			if got[0].Held != nil {
				held = *got[0].Held
			}
			if held != tc.held {
				t.Fatalf("held = %d, want %d", held, tc.held)
			}
		})
	}
}
