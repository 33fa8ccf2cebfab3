package caseload

import (
	"testing"
	"time"
)

func TestMonthsAndPerFamily(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no time zone data")
	}
	for _, c := range []struct {
		now        time.Time
		this, last string
	}{
		{time.Date(2026, 12, 1, 0, 30, 0, 0, ams), "2026-12-01", "2026-11-01"},
		{time.Date(2026, 1, 31, 23, 59, 0, 0, ams), "2026-01-01", "2025-12-01"},
		{time.Date(2026, 3, 31, 12, 0, 0, 0, ams), "2026-03-01", "2026-02-01"},
	} {
		t.Run(c.now.String(), func(t *testing.T) {
			this, last := Months(c.now)
			if this.Format(time.DateOnly) != c.this || last.Format(time.DateOnly) != c.last || this.Hour() != 0 {
				t.Errorf("Months(%v) = %v, %v; want %s, %s", c.now, this, last, c.this, c.last)
			}
		})
	}
	for _, c := range []struct {
		contacts, families int
		want               float64
	}{{0, 0, 0}, {5, 0, 0}, {7, 3, 2.3}, {12, 12, 1}} {
		if got := PerFamily(c.contacts, c.families); got != c.want {
			t.Errorf("PerFamily(%d, %d) = %v, want %v", c.contacts, c.families, got, c.want)
		}
	}
}
