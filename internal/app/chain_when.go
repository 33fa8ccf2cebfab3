package app

import (
	"strings"
	"time"

	"schakel/internal/chain"
	"schakel/internal/workdays"
)

// parseWhen reads an RFC 3339 time, a local date and time, or a date (on
// the Amsterdam calendar); dateOnly reports a date. An empty string is no
// moment and no error.
func parseWhen(s string) (t time.Time, dateOnly bool, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Truncate(time.Second), false, true
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, workdays.Location()); err == nil {
			return t.UTC(), false, true
		}
	}
	if t, err := time.ParseInLocation("2006-01-02", s, workdays.Location()); err == nil {
		return t.UTC(), true, true
	}
	return time.Time{}, false, false
}

// dateAware moves date-only comparisons to whole days: an event registered
// as "on 9 March" is not before a report received at 14:00 that day.
func dateAware(evs []chain.Event, dateOnly bool) []chain.Event {
	if !dateOnly {
		return evs
	}
	out := make([]chain.Event, len(evs))
	for i, e := range evs {
		out[i] = e
		out[i].At = startOfDay(e.At)
	}
	return out
}

func dateAware1(e chain.Event, dateOnly bool) chain.Event {
	if dateOnly {
		e.At = startOfDay(e.At)
	}
	return e
}

func startOfDay(t time.Time) time.Time {
	l := t.In(workdays.Location())
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, workdays.Location()).UTC()
}
