package caseload

import (
	"maps"
	"math"
	"testing"
	"time"
)

func TestWeek(t *testing.T) {
	for _, c := range []struct {
		day  string
		want string
	}{
		{"2026-12-01", "2026-W49"},
		{"2027-01-01", "2026-W53"}, // a Friday: still the last week of 2026
		{"2024-12-30", "2025-W01"}, // a Monday: the first week of 2025
		{"2026-01-04", "2026-W01"},
	} {
		t.Run(c.day, func(t *testing.T) {
			d, _ := time.Parse(time.DateOnly, c.day)
			if got := Week(d); got != c.want {
				t.Errorf("Week(%s) = %s, want %s", c.day, got, c.want)
			}
		})
	}
	if got := WeekDutch("2026-W09"); got != "week 9 van 2026" {
		t.Errorf("WeekDutch = %q", got)
	}
	if got := WeekDutch("geen week"); got != "geen week" {
		t.Errorf("WeekDutch of a non-week = %q", got)
	}
}

func TestTotal(t *testing.T) {
	for _, c := range []struct {
		name     string
		loads    []Load
		percent  float64
		band     Band
		overNorm int
	}{
		{"empty team", nil, 0, Room, 0},
		{"two workers", []Load{{Cases: 10, Weighted: 12, Capacity: 12, Percent: 100}, {Cases: 5, Weighted: 7, Capacity: 6, Percent: 117}}, 106, Over, 1},
		{"work without capacity", []Load{{Cases: 1, Weighted: 1.5, Percent: math.Inf(1)}}, math.Inf(1), FarOver, 1},
		{"half-time starter", []Load{{Cases: 3, Weighted: 3, Capacity: 3.33, Percent: 90}}, 90, Room, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, over := Total(c.loads)
			if got.Percent != c.percent || got.Band != c.band || over != c.overNorm {
				t.Errorf("Total = %.0f %% %s, %d over; want %.0f %% %s, %d over", got.Percent, got.Band, over, c.percent, c.band, c.overNorm)
			}
		})
	}
}

func TestWeekStart(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no time zone data")
	}
	for _, c := range []struct{ at, want string }{
		{"2026-12-01T10:00:00", "2026-11-30T00:00:00"}, // a Tuesday
		{"2026-11-30T00:00:00", "2026-11-30T00:00:00"}, // Monday midnight itself
		{"2026-12-06T23:59:00", "2026-11-30T00:00:00"}, // Sunday night
		{"2027-01-01T12:00:00", "2026-12-28T00:00:00"}, // across the year
		{"2026-10-26T01:00:00", "2026-10-26T00:00:00"}, // the Monday after the clocks went back
	} {
		t.Run(c.at, func(t *testing.T) {
			at, _ := time.ParseInLocation("2006-01-02T15:04:05", c.at, ams)
			want, _ := time.ParseInLocation("2006-01-02T15:04:05", c.want, ams)
			got := WeekStart(at)
			if !got.Equal(want) || Week(got) != Week(at) {
				t.Errorf("WeekStart(%s) = %s, want %s", c.at, got, want)
			}
		})
	}
}

func TestTallyContacts(t *testing.T) {
	teamOf := map[int64]int64{1: 10, 2: 10, 3: 20}
	for _, c := range []struct {
		name    string
		ms      []Moment
		workers map[int64]Contacts
		teams   map[int64]Contacts
	}{
		{"none", nil, map[int64]Contacts{}, map[int64]Contacts{}},
		{"one worker, two visits to one family", []Moment{{1, 100, 2}},
			map[int64]Contacts{1: {2, 1}}, map[int64]Contacts{10: {2, 1}}},
		{"two members at the same family: moments add up, the family counts once", []Moment{{1, 100, 1}, {2, 100, 1}, {2, 101, 3}},
			map[int64]Contacts{1: {1, 1}, 2: {4, 2}}, map[int64]Contacts{10: {5, 2}}},
		{"a worker in no team counts only for themself", []Moment{{4, 100, 1}, {3, 100, 1}},
			map[int64]Contacts{4: {1, 1}, 3: {1, 1}}, map[int64]Contacts{20: {1, 1}}},
		{"rows split per case are one family per case", []Moment{{1, 100, 1}, {1, 100, 1}, {1, 0, 0}},
			map[int64]Contacts{1: {2, 1}}, map[int64]Contacts{10: {2, 1}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, tm := TallyContacts(c.ms, teamOf)
			if !maps.Equal(w, c.workers) || !maps.Equal(tm, c.teams) {
				t.Errorf("TallyContacts = %v %v, want %v %v", w, tm, c.workers, c.teams)
			}
		})
	}
}
