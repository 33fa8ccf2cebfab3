package caseload

import (
	"fmt"
	"math"
	"time"
)

// Week is an ISO 8601 week, "2026-W49": the key of the weekly history.
// The caller passes the time in the organisation's zone, so that a week
// starts on Monday at midnight where the team works.
func Week(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// WeekDutch writes a week key as a team lead reads it: "week 49 van
// 2026". A key that is not a week comes back as it is.
func WeekDutch(week string) string {
	var y, w int
	if _, err := fmt.Sscanf(week, "%04d-W%02d", &y, &w); err != nil {
		return week
	}
	return fmt.Sprintf("week %d van %d", w, y)
}

// Total adds up the loads of a team's (or an organisation's) workers: the
// weighted work against the summed capacity, and how many workers are
// above the norm. A worker without capacity adds their work but no
// capacity.
func Total(loads []Load) (Load, int) {
	var t Load
	over := 0
	for _, l := range loads {
		t.Cases += l.Cases
		t.Children += l.Children
		t.Measures += l.Measures
		t.Weighted += l.Weighted
		t.Capacity += l.Capacity
		if l.Percent > 100 {
			over++
		}
	}
	t.Weighted = math.Round(t.Weighted*100) / 100
	t.Capacity = math.Round(t.Capacity*100) / 100
	t.Percent = PercentOf(t.Weighted, t.Capacity)
	t.Band = BandOf(t.Percent)
	return t, over
}

// PercentOf is weighted work against capacity in whole percents; work
// without capacity is infinitely far over.
func PercentOf(weighted, capacity float64) float64 {
	switch {
	case capacity > 0:
		return math.Round(weighted / capacity * 100)
	case weighted > 0:
		return math.Inf(1)
	}
	return 0
}
