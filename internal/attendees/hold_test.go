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
