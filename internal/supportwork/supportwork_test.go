package supportwork_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/supportwork"
)

func TestValidate(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC) // already 2 December in Amsterdam
	ok := supportwork.TaskInput{Kind: schakel.TaskHomeVisit, DueOn: "2026-12-02", Brief: "  Mee naar moeder.  ", ShareAddress: true}
	cases := []struct {
		name        string
		edit        func(*supportwork.TaskInput)
		field, code string
	}{
		{"a home visit today with the address", func(*supportwork.TaskInput) {}, "", ""},
		{"unknown kind", func(in *supportwork.TaskInput) { in.Kind = "cleaning"; in.ShareAddress = false }, "kind", "invalid"},
		{"yesterday in the region", func(in *supportwork.TaskInput) { in.DueOn = "2026-12-01" }, "due_on", "past"},
		{"no date", func(in *supportwork.TaskInput) { in.DueOn = " " }, "due_on", "required"},
		{"not a date", func(in *supportwork.TaskInput) { in.DueOn = "2-12-2026" }, "due_on", "invalid"},
		{"more than a year ahead", func(in *supportwork.TaskInput) { in.DueOn = "2028-01-01" }, "due_on", "too_far"},
		{"no brief", func(in *supportwork.TaskInput) { in.Brief = " \n " }, "brief", "required"},
		{"too long a brief", func(in *supportwork.TaskInput) { in.Brief = strings.Repeat("a", 4001) }, "brief", "too_long"},
		{"the address for papers", func(in *supportwork.TaskInput) { in.Kind = schakel.TaskDocuments }, "share_address", "not_needed"},
		{"the address for transport", func(in *supportwork.TaskInput) { in.Kind = schakel.TaskTransport }, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := ok
			c.edit(&in)
			task, err := supportwork.Validate(in, now, loc)
			fields := schakel.FieldErrors(err)
			if c.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if task.Brief != "Mee naar moeder." || !task.DueOn.Equal(time.Date(2026, 12, 2, 0, 0, 0, 0, loc)) {
					t.Errorf("task %+v", task)
				}
				return
			}
			if len(fields) != 1 || fields[0].Field != c.field || fields[0].Code != c.code || fields[0].Message == "" {
				t.Fatalf("fields %+v, want %s %s", fields, c.field, c.code)
			}
		})
	}
}

func TestValidateHours(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	cases := []struct {
		name string
		in   *float64
		want float64
		code string
	}{
		{"none", nil, 0, "required"},
		{"zero", f(0), 0, ""},
		{"one and a half", f(1.5), 1.5, ""},
		{"rounded to a quarter", f(1.1), 1, ""},
		{"forty", f(40), 40, ""},
		{"negative", f(-0.5), 0, "negative"},
		{"too many", f(40.5), 0, "too_many"},
		{"not a number", f(math.NaN()), 0, "invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := supportwork.ValidateHours(c.in)
			fields := schakel.FieldErrors(err)
			if c.code == "" && (err != nil || got != c.want) {
				t.Fatalf("got %v, %v; want %v", got, err, c.want)
			}
			if c.code != "" && (len(fields) != 1 || fields[0].Code != c.code || fields[0].Field != "hours_saved") {
				t.Fatalf("fields %+v, want %s", fields, c.code)
			}
		})
	}
}
