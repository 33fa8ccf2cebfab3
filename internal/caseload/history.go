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

// WeekStart is the Monday at midnight that starts t's ISO week, in t's
// zone: with the next Monday, the bounds of the week's contact moments.
func WeekStart(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// Moment is how many contact moments (logged family conversations) a
// worker had with one family (case) in a period.
type Moment struct {
	Worker, Case int64
	Count        int
}

// Contacts is a worker's or a team's contact moments in a period and with
// how many families.
type Contacts struct {
	Moments  int
	Families int
}

// TallyContacts adds up contact moments per worker and per team (teamOf
// names each worker's team; a worker in none counts for no team). A
// team's moments are the sum of its members' (two members at one
// conversation are two moments of time in the family); its families are
// counted once however many members saw them.
func TallyContacts(ms []Moment, teamOf map[int64]int64) (workers, teams map[int64]Contacts) {
	workers, teams = map[int64]Contacts{}, map[int64]Contacts{}
	seenW, seenT := map[[2]int64]bool{}, map[[2]int64]bool{}
	for _, m := range ms {
		if m.Count <= 0 {
			continue
		}
		w := workers[m.Worker]
		w.Moments += m.Count
		if !seenW[[2]int64{m.Worker, m.Case}] {
			seenW[[2]int64{m.Worker, m.Case}] = true
			w.Families++
		}
		workers[m.Worker] = w
		team, ok := teamOf[m.Worker]
		if !ok {
			continue
		}
		t := teams[team]
		t.Moments += m.Count
		if !seenT[[2]int64{team, m.Case}] {
			seenT[[2]int64{team, m.Case}] = true
			t.Families++
		}
		teams[team] = t
	}
	return workers, teams
}
