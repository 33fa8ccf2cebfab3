package caseload

import (
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
