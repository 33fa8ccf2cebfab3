package intervention

import (
	"testing"
	"time"
)

func TestHeldInCohort(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	period := Spell{From: day(10), To: day(20)}
	always := Spell{From: day(1)} // held from before the period, still held
	for _, c := range []struct {
		name         string
		held, member Spell
		want         bool
	}{
		{"joined before the period, still a member", always, Spell{From: day(2)}, true},
		{"joined within the period", always, Spell{From: day(15)}, true},
		{"joined on the period's last day", always, Spell{From: day(20)}, true},
		{"joined after the period", always, Spell{From: day(21)}, false},
		{"left before the period", always, Spell{From: day(2), To: day(9)}, false},
		{"left within the period", always, Spell{From: day(2), To: day(12)}, true},
		{"joined and left within the period", always, Spell{From: day(12), To: day(14)}, true},
		{"a member with no known start", always, Spell{}, true},
		{"held only before the period", Spell{From: day(1), To: day(5)}, Spell{From: day(1)}, false},
		{"held only after the period", Spell{From: day(22)}, Spell{From: day(1)}, false},
		{"held before joining, member only after the period", Spell{From: day(1), To: day(12)}, Spell{From: day(13)}, false},
		{"handed over before joining", Spell{From: day(11), To: day(13)}, Spell{From: day(14)}, false},
		{"held and a member in the period, not at the same time in it", Spell{From: day(1), To: day(11)}, Spell{From: day(12), To: day(30)}, false},
		{"member and holder together only before the period", Spell{From: day(1), To: day(30)}, Spell{From: day(1), To: day(8)}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := HeldInCohort(c.held, c.member, period); got != c.want {
				t.Errorf("HeldInCohort(%v, %v) = %v, want %v", c.held, c.member, got, c.want)
			}
		})
	}
}

func TestCohortCases(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	period := Spell{From: day(10), To: day(20)}
	holdings := []Holding{
		{Case: 1, Worker: 7, Held: Spell{From: day(1)}},
		{Case: 2, Worker: 8, Held: Spell{From: day(1)}},
		{Case: 3, Worker: 9, Held: Spell{From: day(1)}},
		{Case: 3, Worker: 7, Held: Spell{From: day(1), To: day(2)}},
	}
	members := map[int64][]Spell{
		7: {{From: day(5)}},                                           // a member throughout
		8: {{From: day(1), To: day(3)}, {From: day(25)}},              // left before, came back after
		9: {{From: day(1), To: day(3)}, {From: day(18), To: day(19)}}, // back within
	}
	got := CohortCases(holdings, members, period)
	want := map[int64]bool{1: true, 3: true}
	if len(got) != len(want) || !got[1] || !got[3] {
		t.Errorf("cases %v, want %v", got, want)
	}
}
