package prevention

import (
	"slices"
	"strings"
	"testing"
	"time"

	"schakel"
)

func completeOutcome(held time.Time) Outcome {
	o := Outcome{
		HeldAt: held, Outcome: schakel.OutcomeNoPlacement, ChosenAlternative: schakel.AltFamilyNetwork,
		NextReview: held.AddDate(0, 3, 0).Format(time.DateOnly), Causes: []string{schakel.CauseDebts},
	}
	for _, k := range schakel.AlternativeKinds {
		a := schakel.ReviewAlternative{Kind: k, Considered: true, WhyNot: "Past nu niet: de moeder wil het niet."}
		if k == schakel.AltFamilyNetwork {
			a.WhyNot = ""
		}
		o.Alternatives = append(o.Alternatives, a)
	}
	return o
}

func TestValidateOutcome(t *testing.T) {
	considered := at("2026-12-01T09:00:00Z")
	now := at("2026-12-03T15:00:00Z")
	held := at("2026-12-03T14:00:00Z")
	r := schakel.PlacementReview{ConsideredAt: considered}
	cases := []struct {
		name   string
		change func(o *Outcome)
		fields []string
	}{
		{"complete", func(*Outcome) {}, nil},
		{"held in the future", func(o *Outcome) { o.HeldAt = now.Add(time.Hour) }, []string{"held_at"}},
		{"held before it was considered", func(o *Outcome) { o.HeldAt = considered.Add(-time.Hour) }, []string{"held_at"}},
		{"no outcome", func(o *Outcome) { o.Outcome = "" }, []string{"outcome"}},
		{"an alternative left out", func(o *Outcome) { o.Alternatives = o.Alternatives[:5] }, []string{"alternatives"}},
		{"an alternative twice", func(o *Outcome) { o.Alternatives[5].Kind = schakel.AltSchool }, []string{"alternatives[5].kind", "alternatives"}},
		{"no reason why not", func(o *Outcome) { o.Alternatives[2].WhyNot = "  " }, []string{"alternatives[2].why_not"}},
		{"staying home without an alternative", func(o *Outcome) { o.ChosenAlternative = "" }, []string{"alternatives[0].why_not", "chosen_alternative"}},
		{"staying home without a review date", func(o *Outcome) { o.NextReview = "" }, []string{"next_review"}},
		{"review date before the review", func(o *Outcome) { o.NextReview = "2026-11-01" }, []string{"next_review"}},
		{"an unknown cause", func(o *Outcome) { o.Causes = []string{"weather"} }, []string{"causes[0]"}},
		{"a note too long", func(o *Outcome) { o.Note = strings.Repeat("x", 2001) }, []string{"note"}},
		{"a placement needs no review date", func(o *Outcome) {
			o.Outcome, o.NextReview = schakel.OutcomePlacement, ""
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := completeOutcome(held)
			c.change(&o)
			var got []string
			for _, f := range schakel.FieldErrors(ValidateOutcome(r, o, now)) {
				got = append(got, f.Field)
				if f.Message == "" {
					t.Errorf("field %s has no message", f.Field)
				}
			}
			slices.Sort(got)
			want := slices.Clone(c.fields)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("fields = %v, want %v", got, want)
			}
		})
	}
}
