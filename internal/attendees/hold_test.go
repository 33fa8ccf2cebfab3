package attendees

import (
	"testing"
	"time"
)

func TestHoldEnd(t *testing.T) {
	now := time.Date(2026, 3, 3, 2, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		scheduled time.Time
		hold      time.Duration
		want      time.Time
		held      bool
	}{
		{"no hold", now.Add(time.Hour), 0, time.Time{}, false},
		{"ten minutes before a table in an hour", now.Add(time.Hour), 10 * time.Minute, now.Add(10 * time.Minute), true},
		{"cut to half the time to a near table", now.Add(10 * time.Minute), 10 * time.Minute, now.Add(5 * time.Minute), true},
		{"a table starting now is not held", now, 10 * time.Minute, time.Time{}, false},
		{"a table already due is not held", now.Add(-time.Minute), 10 * time.Minute, time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, held := HoldEnd(now, tt.scheduled, tt.hold)
			if held != tt.held || !got.Equal(tt.want) {
				t.Fatalf("HoldEnd = %v, %v; want %v, %v", got, held, tt.want, tt.held)
			}
			if held && (got.After(tt.scheduled) || !got.After(now)) {
				t.Fatalf("hold ends at %v, outside (now, scheduled %v]", got, tt.scheduled)
			}
		})
	}
}

func TestHoldEndAfterMove(t *testing.T) {
	now := time.Date(2026, 3, 3, 2, 0, 0, 0, time.UTC)
	heldUntil := now.Add(10 * time.Minute)
	tests := []struct {
		name             string
		until, scheduled time.Time
		want             time.Time
		held             bool
	}{
		{"moved later keeps its end", heldUntil, now.Add(3 * time.Hour), heldUntil, true},
		{"moved earlier but still far keeps its end", heldUntil, now.Add(40 * time.Minute), heldUntil, true},
		{"moved close brings the end to halfway", heldUntil, now.Add(12 * time.Minute), now.Add(6 * time.Minute), true},
		{"moved to almost now sends at once", heldUntil, now.Add(time.Nanosecond), time.Time{}, false},
		{"a hold already over sends at once", now, now.Add(time.Hour), time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, held := HoldEndAfterMove(now, tt.until, tt.scheduled)
			if held != tt.held || !got.Equal(tt.want) {
				t.Fatalf("HoldEndAfterMove = %v, %v; want %v, %v", got, held, tt.want, tt.held)
			}
			if held && got.After(now.Add(tt.scheduled.Sub(now)/2)) {
				t.Fatalf("hold ends at %v, past halfway to %v", got, tt.scheduled)
			}
		})
	}
}
