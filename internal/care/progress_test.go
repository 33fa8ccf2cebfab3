package care

import (
	"slices"
	"testing"
	"time"

	"schakel"
)

func TestValidateProgress(t *testing.T) {
	now := time.Date(2026, 12, 10, 12, 0, 0, 0, time.UTC)
	chosenAt := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	started := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	chosen := schakel.CareRequest{Status: "chosen", ChosenAt: &chosenAt}
	running := chosen
	running.StartedAt = &started
	ended := running
	ended.EndedAt = &now
	cases := []struct {
		name   string
		end    bool
		r      schakel.CareRequest
		p      Progress
		fields []string
	}{
		{"start on the day of the choice", false, chosen, Progress{Date: "2026-12-03"}, nil},
		{"start before anyone was chosen", false, schakel.CareRequest{Status: "open"}, Progress{Date: "2026-12-03"}, []string{"date"}},
		{"start before the choice", false, chosen, Progress{Date: "2026-12-02"}, []string{"date"}},
		{"start tomorrow", false, chosen, Progress{Date: "2026-12-11"}, []string{"date"}},
		{"start twice", false, running, Progress{Date: "2026-12-08"}, []string{"date"}},
		{"start without a date", false, chosen, Progress{}, []string{"date"}},
		{"end as planned", true, running, Progress{Date: "2026-12-10", Reason: "as_planned"}, nil},
		{"end without a reason", true, running, Progress{Date: "2026-12-10"}, []string{"reason"}},
		{"end before the start", true, running, Progress{Date: "2026-12-06", Reason: "other"}, []string{"date"}},
		{"end before any start", true, chosen, Progress{Date: "2026-12-06", Reason: "other"}, []string{"date"}},
		{"end twice", true, ended, Progress{Date: "2026-12-10", Reason: "other"}, []string{"date"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			check := ValidateStart
			if c.end {
				check = ValidateEnd
			}
			if got := fields(check(c.r, c.p, now)); !slices.Equal(got, c.fields) {
				t.Errorf("fields = %v, want %v", got, c.fields)
			}
		})
	}
}
