package chain_test

import (
	"testing"
	"time"

	"schakel/internal/chain"
)

func TestRulesNorms(t *testing.T) {
	own := chain.Norm{Amount: 3, Unit: chain.WorkingDays, Target: 0.8, Source: "regio-afspraak"}
	court := chain.Norm{Amount: 8, Unit: chain.Weeks, Source: "regio-afspraak"}
	tests := []struct {
		name string
		own  map[string]chain.Norm
		want map[chain.PhaseID]string // "" : no norm in force
	}{
		{"defaults", nil, map[chain.PhaseID]string{chain.PhaseSafetyAssessment: "5 werkdagen", chain.PhaseCourt: "", chain.PhaseChain: "5 maanden"}},
		{"own replaces a default", map[string]chain.Norm{"safety_assessment": own},
			map[chain.PhaseID]string{chain.PhaseSafetyAssessment: "3 werkdagen", chain.PhaseChain: "5 maanden"}},
		{"own where none was agreed", map[string]chain.Norm{"court": court}, map[chain.PhaseID]string{chain.PhaseCourt: "8 weken"}},
		{"a code no phase has is left out", map[string]chain.Norm{"no_such_phase": own}, map[chain.PhaseID]string{chain.PhaseSafetyAssessment: "5 werkdagen"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := chain.Rules{}.Norms(tc.own)
			for id, want := range tc.want {
				n := got[id]
				switch {
				case want == "" && n != nil:
					t.Errorf("phase %d: norm %s, want none", id, n)
				case want != "" && (n == nil || n.String() != want):
					t.Errorf("phase %d: norm %v, want %s", id, n, want)
				}
			}
			if n := len(got); n < 8 {
				t.Errorf("%d norms in force, want every default (8) and more", n)
			}
		})
	}
	// The defaults are copies: changing one does not change the phases.
	chain.Rules{}.Norms(nil)[chain.PhaseSafetyAssessment].Amount = 99
	if n := (chain.Rules{}).Norms(nil)[chain.PhaseSafetyAssessment]; n.Amount != 5 {
		t.Errorf("default changed to %s", n)
	}
}

func TestRulesMeasure(t *testing.T) {
	week := chain.Norm{Amount: 1, Unit: chain.Weeks, Source: "x"}
	start := day(2).Add(30 * time.Second) // stored as whole minutes
	end := func(d time.Duration) *time.Time { return ptr(start.Add(d)) }
	minutes := func(m int64) *int64 { return &m }
	yes, no := true, false
	tests := []struct {
		name    string
		run     chain.Run
		norm    *chain.Norm
		due     *time.Time
		warn    *time.Time
		minutes *int64
		within  *bool
	}{
		{"open with a norm", chain.Run{Status: chain.Open, Start: start}, &week,
			ptr(start.AddDate(0, 0, 7)), ptr(day(2).Add(7 * 24 * time.Hour * 3 / 4)), nil, nil},
		{"open without a norm", chain.Run{Status: chain.Open, Start: start}, nil, nil, nil, nil, nil},
		{"done in time", chain.Run{Status: chain.Done, Start: start, End: end(90 * time.Minute)}, &week,
			ptr(start.AddDate(0, 0, 7)), ptr(day(2).Add(7 * 24 * time.Hour * 3 / 4)), minutes(90), &yes},
		{"done late", chain.Run{Status: chain.Done, Start: start, End: end(8 * 24 * time.Hour)}, &week,
			ptr(start.AddDate(0, 0, 7)), ptr(day(2).Add(7 * 24 * time.Hour * 3 / 4)), minutes(8 * 24 * 60), &no},
		{"done without a norm", chain.Run{Status: chain.Done, Start: start, End: end(90 * time.Minute)}, nil, nil, nil, minutes(90), nil},
		{"stopped", chain.Run{Status: chain.Stopped, Start: start, End: end(time.Hour)}, &week,
			ptr(start.AddDate(0, 0, 7)), ptr(day(2).Add(7 * 24 * time.Hour * 3 / 4)), nil, nil},
	}
	eq := func(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.run.StartOrg, tc.run.EndOrg = 7, 0
			got := chain.Rules{}.Measure(tc.run, tc.norm)
			if !eq(got.Due, tc.due) || !eq(got.Warn, tc.warn) {
				t.Errorf("due %v warn %v, want %v and %v", got.Due, got.Warn, tc.due, tc.warn)
			}
			if (got.Minutes == nil) != (tc.minutes == nil) || (got.Minutes != nil && *got.Minutes != *tc.minutes) {
				t.Errorf("minutes %v, want %v", got.Minutes, tc.minutes)
			}
			if got.Minutes != nil && (got.Bucket == nil || *got.Bucket != chain.Bucket(*got.Minutes)) {
				t.Errorf("bucket %v, want that of %d minutes", got.Bucket, *got.Minutes)
			}
			if (got.Within == nil) != (tc.within == nil) || (got.Within != nil && *got.Within != *tc.within) {
				t.Errorf("within %v, want %v", got.Within, tc.within)
			}
			if got.Org != 7 {
				t.Errorf("org %d, want the starting organisation (7)", got.Org)
			}
		})
	}
}
