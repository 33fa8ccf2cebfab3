package prevention

import (
	"slices"
	"testing"
	"time"

	"schakel"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestDueAtCountsWorkingDays: due at the end of the fifth working day after
// the day the placement was considered (workdays.AddWorkingDays).
func TestDueAtCountsWorkingDays(t *testing.T) {
	cases := []struct{ considered, want string }{
		{"2026-11-30T10:00:00+01:00", "2026-12-08T00:00:00+01:00"}, // Monday: the end of next Monday
		{"2026-12-04T16:00:00+01:00", "2026-12-12T00:00:00+01:00"}, // Friday: the end of next Friday
		{"2026-12-22T09:00:00+01:00", "2026-12-31T00:00:00+01:00"}, // over Christmas: the end of 30 December
	}
	for _, c := range cases {
		t.Run(c.considered, func(t *testing.T) {
			if got := DueAt(at(c.considered)); !got.Equal(at(c.want)) {
				t.Errorf("DueAt = %s, want %s", got, c.want)
			}
		})
	}
}

func TestCourtGate(t *testing.T) {
	held := at("2026-12-01T10:00:00Z")
	open := schakel.PlacementReview{ID: 1}
	done := schakel.PlacementReview{ID: 2, HeldAt: &held}
	cases := []struct {
		name      string
		reviews   []schakel.PlacementReview
		emergency bool
		want      Gate
	}{
		{"no review", nil, false, Gate{OpenReview: true}},
		{"open review", []schakel.PlacementReview{open}, false, Gate{}},
		{"held review", []schakel.PlacementReview{open, done}, false, Gate{Allowed: true}},
		{"emergency without review", nil, true, Gate{Allowed: true, Reminder: true, OpenReview: true}},
		{"emergency with an open review", []schakel.PlacementReview{open}, true, Gate{Allowed: true, Reminder: true}},
		{"emergency after a held review", []schakel.PlacementReview{done}, true, Gate{Allowed: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CourtGate(c.reviews, c.emergency)
			if got.Allowed != c.want.Allowed || got.Reminder != c.want.Reminder || got.OpenReview != c.want.OpenReview {
				t.Errorf("CourtGate = %+v, want %+v", got, c.want)
			}
			if !got.Allowed && got.Reason == "" {
				t.Error("a refusal must name the next step")
			}
		})
	}
}

func TestPanelAccessEndsFourteenDaysAfterTheOutcome(t *testing.T) {
	held := at("2026-12-01T10:00:00Z")
	r := schakel.PlacementReview{HeldAt: &held}
	cases := []struct {
		name string
		r    schakel.PlacementReview
		now  time.Time
		want bool
	}{
		{"open review", schakel.PlacementReview{}, held.AddDate(1, 0, 0), true},
		{"a day after", r, held.Add(24 * time.Hour), true},
		{"just before the end", r, held.Add(PanelAccessAfterOutcome - time.Second), true},
		{"at the end", r, held.Add(PanelAccessAfterOutcome), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := PanelMayRead(c.r, c.now); got != c.want {
				t.Errorf("PanelMayRead = %v, want %v", got, c.want)
			}
		})
	}
}

func TestWantedExpertise(t *testing.T) {
	got := WantedExpertise([]string{"neglect", "domestic_violence", "financial_problems"},
		[]map[string]string{{"housing_at_risk": "yes"}, {"unopened_post_or_debts": "yes", "housing_at_risk": "no"}})
	want := []schakel.NetworkExpertise{schakel.NetFamilyNetwork, schakel.NetTrauma, schakel.NetDebt, schakel.NetHousing}
	if !slices.Equal(got, want) {
		t.Errorf("WantedExpertise = %v, want %v", got, want)
	}
	if got := WantedExpertise(nil, nil); !slices.Equal(got, []schakel.NetworkExpertise{schakel.NetFamilyNetwork}) {
		t.Errorf("the family network is always wanted, got %v", got)
	}
}
