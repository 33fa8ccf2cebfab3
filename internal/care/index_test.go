package care

import (
	"testing"
	"time"

	"schakel"
)

func TestWaitIndex(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // Monday 2 March
	prof := func(id int64, munis []string, earliest map[schakel.NeedCategory]string, saved time.Time, cats ...schakel.NeedCategory) schakel.ProviderProfile {
		return schakel.ProviderProfile{Organisation: schakel.OrganisationRef{ID: id}, Categories: cats, Municipalities: munis, EarliestStart: earliest, UpdatedAt: saved}
	}
	day := func(n int) time.Time { return now.AddDate(0, 0, -n) }
	profiles := []schakel.ProviderProfile{
		// everywhere; its profile says 16 March (2 weeks), saved a week ago
		prof(1, nil, map[schakel.NeedCategory]string{schakel.NeedTrauma: "2026-03-16"}, day(7), schakel.NeedTrauma, schakel.NeedParenting),
		// Rotterdam only; its profile is stale (saved 10 weeks ago), a recent answer says 30 March
		prof(2, []string{"Rotterdam"}, map[schakel.NeedCategory]string{schakel.NeedTrauma: "2026-03-03"}, day(70), schakel.NeedTrauma),
		// Schiedam only; no date anywhere
		prof(3, []string{"Schiedam"}, nil, day(1), schakel.NeedTrauma),
		// Rotterdam; a past date in an answer: room now. Two answers at the same moment: the later date counts.
		prof(4, []string{"Rotterdam"}, nil, day(1), schakel.NeedParenting),
	}
	answers := []IndexAnswer{
		{OrganisationID: 2, Category: schakel.NeedTrauma, Municipality: "Rotterdam", At: day(3), Date: "2026-03-30"},
		{OrganisationID: 1, Category: schakel.NeedTrauma, Municipality: "Rotterdam", At: day(2), Date: "2026-05-25"}, // newer than the profile: 12 weeks
		{OrganisationID: 4, Category: schakel.NeedParenting, Municipality: "Rotterdam", At: day(4), Date: "2026-02-20"},
		{OrganisationID: 4, Category: schakel.NeedParenting, Municipality: "Rotterdam", At: day(5), Date: "2026-04-30"},
		{OrganisationID: 4, Category: schakel.NeedParenting, Municipality: "Rotterdam", At: day(5), Date: "2026-03-01"}, // tie with the line above
		{OrganisationID: 4, Category: schakel.NeedParenting, Municipality: "Schiedam", At: day(80), Date: "2026-01-01"}, // stale
	}
	rows := WaitIndex(profiles, answers, []string{"Rotterdam", "Schiedam"}, now)
	find := func(c schakel.NeedCategory, m string) *IndexRow {
		for i := range rows {
			if rows[i].Category == c && rows[i].Municipality == m {
				return &rows[i]
			}
		}
		return nil
	}
	tests := []struct {
		name                      string
		c                         schakel.NeedCategory
		m                         string
		providers, known          int
		expected                  int // -1: none
		median                    float64
		within2, within4, within8 int
	}{
		// provider 1: answer in Rotterdam 84 days; provider 2: 28 days.
		{"trauma in Rotterdam: a newer answer beats the profile", schakel.NeedTrauma, "Rotterdam", 2, 2, 28, 56, 0, 1, 1},
		// provider 1: its profile, 14 days (no answer for Schiedam); provider 3 unknown.
		{"trauma in Schiedam: profile only, one unknown", schakel.NeedTrauma, "Schiedam", 2, 1, 14, 14, 1, 1, 1},
		// overall: provider 1's latest anywhere is the answer (84), 2: 28, 3: unknown.
		{"trauma overall", schakel.NeedTrauma, "", 3, 2, 28, 56, 0, 1, 1},
		// provider 4: answer 4 days ago, 20 February: room now.
		{"parenting in Rotterdam: past date is room now", schakel.NeedParenting, "Rotterdam", 2, 1, 0, 0, 1, 1, 1},
		{"nobody offers safety at home", schakel.NeedSafetyAtHome, "", 0, 0, -1, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := find(tc.c, tc.m)
			if r == nil {
				t.Fatalf("no row; rows = %+v", rows)
			}
			if r.Providers != tc.providers || r.Known != tc.known || r.Within2Weeks != tc.within2 || r.Within4Weeks != tc.within4 || r.Within8Weeks != tc.within8 {
				t.Errorf("row = %+v", *r)
			}
			if tc.expected < 0 {
				if r.ExpectedWaitDays != nil || r.MedianWaitDays != nil {
					t.Errorf("wait = %v, want none", *r.ExpectedWaitDays)
				}
				return
			}
			if r.ExpectedWaitDays == nil || *r.ExpectedWaitDays != tc.expected || *r.MedianWaitDays != tc.median {
				t.Errorf("expected %v median %v, want %d and %v", r.ExpectedWaitDays, r.MedianWaitDays, tc.expected, tc.median)
			}
		})
	}
	t.Run("a municipality without providers has no row", func(t *testing.T) {
		if r := find(schakel.NeedParenting, "Schiedam"); r == nil || r.Providers != 1 {
			t.Errorf("parenting Schiedam = %+v, want provider 1 (everywhere)", r)
		}
		if r := find(schakel.NeedDebts, "Schiedam"); r != nil {
			t.Errorf("debts Schiedam = %+v, want no row", r)
		}
	})
	t.Run("ties: the later date of one moment", func(t *testing.T) {
		only := WaitIndex(profiles[3:], answers[3:5], []string{"Rotterdam"}, now)
		r := only[len(only)-1]
		for _, x := range only {
			if x.Category == schakel.NeedParenting && x.Municipality == "Rotterdam" {
				r = x
			}
		}
		if r.ExpectedWaitDays == nil || *r.ExpectedWaitDays != 59 {
			t.Errorf("wait = %v, want 59 days (30 April, not 1 March)", r.ExpectedWaitDays)
		}
	})
	t.Run("no providers at all", func(t *testing.T) {
		if got := WaitIndex(nil, nil, []string{"Rotterdam"}, now); len(got) != len(schakel.NeedCategories) {
			t.Errorf("got %d rows, want one overall row per need", len(got))
		}
	})
}
