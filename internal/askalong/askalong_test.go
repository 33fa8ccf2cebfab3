package askalong_test

import (
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/askalong"
)

func TestValidate(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	later := now.Add(48 * time.Hour).Format(time.RFC3339)
	cases := []struct {
		name string
		in   askalong.Input
		want string // field:code, "" when valid
	}{
		{"a join", askalong.Input{Kind: schakel.AskJoin, TeamID: 5, At: later, PlaceKind: schakel.PlaceHome, Message: "Huisbezoek"}, ""},
		{"a question to the team", askalong.Input{Kind: schakel.AskQuestion, TeamID: 5, Message: "Wat denk jij?"}, ""},
		{"a question to a colleague", askalong.Input{Kind: schakel.AskQuestion, ToProfessionalID: 3, Message: "Wat denk jij?"}, ""},
		{"in the past", askalong.Input{Kind: schakel.AskJoin, TeamID: 5, At: now.Add(-time.Minute).Format(time.RFC3339), PlaceKind: schakel.PlaceHome, Message: "x"}, "at:past"},
		{"no moment", askalong.Input{Kind: schakel.AskJoin, TeamID: 5, PlaceKind: schakel.PlaceHome, Message: "x"}, "at:required"},
		{"not a moment", askalong.Input{Kind: schakel.AskJoin, TeamID: 5, At: "donderdag", PlaceKind: schakel.PlaceHome, Message: "x"}, "at:invalid"},
		{"over a year", askalong.Input{Kind: schakel.AskJoin, TeamID: 5, At: now.AddDate(2, 0, 0).Format(time.RFC3339), PlaceKind: schakel.PlaceHome, Message: "x"}, "at:too_far"},
		{"no team for a join", askalong.Input{Kind: schakel.AskJoin, At: later, PlaceKind: schakel.PlaceHome, Message: "x"}, "team_id:required"},
		{"an address as place", askalong.Input{Kind: schakel.AskJoin, TeamID: 5, At: later, PlaceKind: "Lindelaan 12", Message: "x"}, "place_kind:invalid"},
		{"an empty question", askalong.Input{Kind: schakel.AskQuestion, TeamID: 5, Message: "  "}, "message:required"},
		{"a question to oneself", askalong.Input{Kind: schakel.AskQuestion, ToProfessionalID: 1, Message: "x"}, "to_professional_id:self"},
		{"a question to nobody", askalong.Input{Kind: schakel.AskQuestion, Message: "x"}, "to_professional_id:required"},
		{"a question to both", askalong.Input{Kind: schakel.AskQuestion, TeamID: 5, ToProfessionalID: 3, Message: "x"}, "to_professional_id:both"},
		{"an unknown kind", askalong.Input{Kind: "meeting", TeamID: 5, Message: "x"}, "kind:invalid"},
		{"too long", askalong.Input{Kind: schakel.AskQuestion, TeamID: 5, Message: strings.Repeat("a", 4001)}, "message:too_long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := askalong.Validate(c.in, 1, now)
			got := ""
			if fs := schakel.FieldErrors(err); len(fs) > 0 {
				got = fs[0].Field + ":" + fs[0].Code
			}
			if got != c.want {
				t.Errorf("%q, want %q (%v)", got, c.want, err)
			}
		})
	}
	if _, err := askalong.ValidateAnswer(" "); len(schakel.FieldErrors(err)) != 1 {
		t.Errorf("an empty answer: %v", err)
	}
}

func TestMedian(t *testing.T) {
	h := time.Hour
	for _, c := range []struct {
		in   []time.Duration
		want time.Duration
		ok   bool
	}{{nil, 0, false}, {[]time.Duration{3 * h}, 3 * h, true}, {[]time.Duration{5 * h, 1 * h, 3 * h}, 3 * h, true}, {[]time.Duration{4 * h, 1 * h, 2 * h, 8 * h}, 3 * h, true}} {
		if got, ok := askalong.Median(c.in); got != c.want || ok != c.ok {
			t.Errorf("Median(%v) = %v %v, want %v %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
