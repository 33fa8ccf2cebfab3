package prevention

import (
	"slices"
	"testing"
	"time"

	"schakel"
)

func TestValidateLibrary(t *testing.T) {
	terms := ForbiddenTerms([]string{"de Vries", "Daan", "Kim"}, []string{"Dorpsstraat 12", "Schiedam"}, []string{"3111 AB"})
	cases := []struct {
		name   string
		e      LibraryEntry
		fields []string
	}{
		{"clean", LibraryEntry{Summary: "Jongen van 6, moeder met schulden. Oma neemt hem twee dagen per week.", Lessons: "Eerst de schulden, in mei 2026 begonnen."}, nil},
		{"no summary", LibraryEntry{Summary: " "}, []string{"summary"}},
		{"a family name", LibraryEntry{Summary: "Moeder De Vries had schulden."}, []string{"summary"}},
		{"a first name", LibraryEntry{Summary: "Daan ging naar oma."}, []string{"summary"}},
		{"a place", LibraryEntry{Summary: "Het gezin woont in Schiedam."}, []string{"summary"}},
		{"a postcode", LibraryEntry{Summary: "Bij 3111AB om de hoek."}, []string{"summary"}},
		{"an exact date", LibraryEntry{Summary: "Besproken.", Lessons: "Op 3 december belde school."}, []string{"lessons"}},
		{"a numeric date", LibraryEntry{Summary: "Sinds 03-12-2026 thuis."}, []string{"summary"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range schakel.FieldErrors(ValidateLibrary(c.e, terms)) {
				got = append(got, f.Field)
			}
			if !slices.Equal(got, c.fields) {
				t.Errorf("fields = %v, want %v", got, c.fields)
			}
		})
	}
}

func TestValidateCheck(t *testing.T) {
	held := at("2026-06-01T10:00:00Z")
	r := schakel.PlacementReview{HeldAt: &held}
	cases := []struct {
		name   string
		r      schakel.PlacementReview
		c      Check
		now    time.Time
		fields []string
	}{
		{"three months", r, Check{Months: 3, StayedHome: true, AlternativeHeld: true}, at("2026-09-01T10:00:00Z"), nil},
		{"a week early", r, Check{Months: 3}, at("2026-08-26T10:00:00Z"), nil},
		{"too early", r, Check{Months: 6}, at("2026-09-01T10:00:00Z"), []string{"months"}},
		{"not held", schakel.PlacementReview{}, Check{Months: 3}, at("2026-09-01T10:00:00Z"), []string{"months"}},
		{"four months", r, Check{Months: 4}, at("2026-12-01T10:00:00Z"), []string{"months"}},
		{"home and placed", r, Check{Months: 3, StayedHome: true, PlacedAfterAll: true}, at("2026-09-01T10:00:00Z"), []string{"placed_after_all"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range schakel.FieldErrors(ValidateCheck(c.r, c.c, c.now)) {
				got = append(got, f.Field)
			}
			if !slices.Equal(got, c.fields) {
				t.Errorf("fields = %v, want %v", got, c.fields)
			}
		})
	}
}
