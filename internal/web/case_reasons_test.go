package web

import (
	"slices"
	"testing"

	"schakel"
)

// TestStrongestReasons: the case header keeps the strongest reasons of
// every report, not only the newest report's.
func TestStrongestReasons(t *testing.T) {
	strangled := schakel.Reason{Code: "strangulation", Text: "Verwurging", Color: "red"}
	debts := schakel.Reason{Code: "serious_debts", Text: "Schulden", Color: "orange"}
	worry := schakel.Reason{Code: "worry", Text: "Zorgen", Color: "green"}
	codes := func(rs []schakel.Reason) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Code+":"+r.Color)
		}
		return out
	}
	for _, tt := range []struct {
		name    string
		ratings []schakel.Rating // oldest first, as the case holds them
		want    []string
	}{
		{"no ratings", nil, nil},
		{"one report", []schakel.Rating{{Reasons: []schakel.Reason{debts, strangled}}}, []string{"strangulation:red", "serious_debts:orange"}},
		{"a milder newer report keeps the older red reason", []schakel.Rating{
			{Reasons: []schakel.Reason{strangled}},
			{Reasons: []schakel.Reason{worry, debts}},
		}, []string{"strangulation:red", "serious_debts:orange", "worry:green"}},
		{"a reason once, at its strongest colour", []schakel.Rating{
			{Reasons: []schakel.Reason{{Code: "earlier_reports", Text: "Eerder", Color: "orange"}}},
			{Reasons: []schakel.Reason{{Code: "earlier_reports", Text: "Eerder", Color: "red"}, worry}},
		}, []string{"earlier_reports:red", "worry:green"}},
		{"equal colours: newest report first", []schakel.Rating{
			{Reasons: []schakel.Reason{{Code: "a", Color: "orange"}}},
			{Reasons: []schakel.Reason{{Code: "b", Color: "orange"}}},
		}, []string{"b:orange", "a:orange"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := codes(strongestReasons(tt.ratings)); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
