package care

import (
	"testing"
	"time"

	"schakel"
)

var dashT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // a Monday

func afterDays(d float64) *time.Time {
	x := dashT0.Add(time.Duration(d * 24 * float64(time.Hour)))
	return &x
}

func TestProviders(t *testing.T) {
	var rows []ProviderRow
	for i := range 6 { // Kompas: six requests, answered after 1..6 days, chosen for two
		r := ProviderRow{OrganisationID: 1, Organisation: "Kompas", Requested: dashT0, Answered: afterDays(float64(i + 1)), Late: i == 5}
		if i < 2 {
			r.Chosen, r.Started = afterDays(float64(i+3)), afterDays(20)
		}
		rows = append(rows, r)
	}
	for range 3 { // Anker: three requests, one no capacity
		rows = append(rows, ProviderRow{OrganisationID: 2, Organisation: "Anker", Requested: dashT0, Answered: afterDays(1), NoCapacity: true})
	}
	for range 3 { // Baken: as many as Anker, never answered (a tie: by name)
		rows = append(rows, ProviderRow{OrganisationID: 3, Organisation: "Baken", Requested: dashT0})
	}
	ps := Providers(rows)
	if len(ps) != 3 || ps[0].Organisation != "Kompas" || ps[1].Organisation != "Anker" || ps[2].Organisation != "Baken" {
		t.Fatalf("order = %+v, want Kompas, then the tie Anker and Baken by name", ps)
	}
	tests := []struct {
		name                              string
		got                               ProviderWaits
		received, answered, late, noCap   int
		suppressed, answerShown, choiceOn bool
	}{
		{"five or more received", ps[0], 6, 6, 1, 0, false, true, false},
		{"under five suppressed", ps[1], 3, 3, 0, 3, true, false, false},
		{"never answered", ps[2], 3, 0, 0, 0, true, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := tc.got
			if g.Received != tc.received || g.Answered != tc.answered || g.AnsweredLate != tc.late || g.NoCapacity != tc.noCap || g.Suppressed != tc.suppressed {
				t.Errorf("counts = %+v", g)
			}
			if (g.ToAnswer.Median != nil) != tc.answerShown || (g.ToChoice.Median != nil) != tc.choiceOn {
				t.Errorf("spreads = %+v / %+v", g.ToAnswer, g.ToChoice)
			}
		})
	}
	t.Run("median of six answers", func(t *testing.T) {
		if m := ps[0].ToAnswer.Median; m == nil || *m != 3.5 {
			t.Errorf("median = %v, want 3.5", m)
		}
	})
	t.Run("two choices: count without times", func(t *testing.T) {
		if ps[0].Chosen != 2 || ps[0].Started != 2 || ps[0].ToChoice.N != 2 || ps[0].ToStart.Median != nil {
			t.Errorf("choice = %+v start = %+v", ps[0].ToChoice, ps[0].ToStart)
		}
	})
	t.Run("empty period", func(t *testing.T) {
		if got := Providers(nil); len(got) != 0 {
			t.Errorf("got %+v", got)
		}
	})
}

func TestUnmetNeed(t *testing.T) {
	rows := []UnmetRow{
		{Category: schakel.NeedDebts, Municipality: "Rotterdam", Recipients: 2, Answers: 2, NoCapacity: 2},
		{Category: schakel.NeedDebts, Municipality: "Rotterdam", Recipients: 2, Answers: 2, NoCapacity: 1},
		{Category: schakel.NeedDebts, Municipality: "Schiedam", Recipients: 2, Answers: 0},
		{Category: schakel.NeedSafetyAtHome, Municipality: "Schiedam"},
		{Category: schakel.NeedTrauma, Municipality: "Rotterdam", Recipients: 1, Answers: 1},
	}
	got := UnmetNeed(rows)
	want := []Unmet{
		{Category: schakel.NeedSafetyAtHome, Requests: 1, NoProvider: 1},
		{Category: schakel.NeedSafetyAtHome, Municipality: "Schiedam", Requests: 1, NoProvider: 1},
		{Category: schakel.NeedDebts, Requests: 3, NoCapacityAnswers: 3, RequestsNoCapacity: 2, NobodyHadRoom: 1},
		{Category: schakel.NeedDebts, Municipality: "Rotterdam", Requests: 2, NoCapacityAnswers: 3, RequestsNoCapacity: 2, NobodyHadRoom: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v (trauma and Schiedam's unanswered debts carry no signal)", got, want)
	}
	for i := range want {
		t.Run(string(want[i].Category)+" "+want[i].Municipality, func(t *testing.T) {
			if got[i] != want[i] {
				t.Errorf("got %+v, want %+v", got[i], want[i])
			}
		})
	}
	t.Run("empty period", func(t *testing.T) {
		if got := UnmetNeed(nil); got == nil || len(got) != 0 {
			t.Errorf("got %#v, want an empty list", got)
		}
	})
}

func TestHelpAfterMeasure(t *testing.T) {
	now := dashT0.AddDate(0, 6, 0)
	measure := func(children int, started *time.Time, at time.Time) MeasureRow {
		return MeasureRow{Children: children, MeasureStart: at, CareStarted: started}
	}
	threeMonths := dashT0.AddDate(0, 3, 0) // 2 June, still within
	tests := []struct {
		name                        string
		rows                        []MeasureRow
		within, late, overdue, open int
		share                       float64 // -1: none shown
		suppressed                  bool
	}{
		{"empty period", nil, 0, 0, 0, 0, -1, false},
		{"on the last day is within", []MeasureRow{measure(3, &threeMonths, dashT0), measure(2, afterDays(10), dashT0)}, 5, 0, 0, 0, 1, false},
		{"a day late", []MeasureRow{measure(4, afterDays(10), dashT0), measure(1, afterDays(93), dashT0)}, 4, 1, 0, 0, 0.8, false},
		{"not started, overdue or still open", []MeasureRow{measure(3, afterDays(5), dashT0), measure(2, nil, dashT0), measure(2, nil, now.AddDate(0, -1, 0))}, 3, 0, 2, 2, 0.6, false},
		{"under five judged suppressed", []MeasureRow{measure(2, afterDays(5), dashT0), measure(2, nil, dashT0)}, 2, 0, 2, 0, -1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := HelpAfterMeasure(tc.rows, now)
			if g.Within != tc.within || g.Late != tc.late || g.Overdue != tc.overdue || g.Open != tc.open || g.Suppressed != tc.suppressed {
				t.Errorf("got %+v", g)
			}
			switch {
			case tc.share < 0 && g.Share != nil:
				t.Errorf("share = %v, want none", *g.Share)
			case tc.share >= 0 && (g.Share == nil || *g.Share != tc.share):
				t.Errorf("share = %v, want %v", g.Share, tc.share)
			}
		})
	}
}
