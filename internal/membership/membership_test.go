package membership

import (
	"slices"
	"testing"
	"time"

	"schakel/internal/workdays"
)

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, workdays.Location())
}

func TestDue(t *testing.T) {
	for _, c := range []struct {
		name   string
		anchor time.Time
		months int
		want   time.Time
	}{
		{"quarterly", at(2026, 1, 15, 9, 0), 3, at(2026, 4, 15, 9, 0)},
		{"over the year's end", at(2026, 11, 2, 9, 0), 3, at(2027, 2, 2, 9, 0)},
		{"31 January plus a month is the last of February", at(2026, 1, 31, 9, 0), 1, at(2026, 2, 28, 9, 0)},
		{"leap year", at(2028, 1, 31, 9, 0), 1, at(2028, 2, 29, 9, 0)},
		{"31 May plus a quarter is 31 August", at(2026, 5, 31, 9, 0), 3, at(2026, 8, 31, 9, 0)},
		{"30 November plus a quarter is 28 February", at(2026, 11, 30, 9, 0), 3, at(2027, 2, 28, 9, 0)},
		{"same wall clock over summer time", at(2026, 1, 10, 9, 0), 3, at(2026, 4, 10, 9, 0)},
		{"yearly", at(2026, 2, 1, 9, 0), 12, at(2027, 2, 1, 9, 0)},
		{"an invalid interval is quarterly", at(2026, 1, 15, 9, 0), 0, at(2026, 4, 15, 9, 0)},
		{"too long an interval is quarterly", at(2026, 1, 15, 9, 0), 13, at(2026, 4, 15, 9, 0)},
		{"an instant in UTC is read in Dutch time", time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC), 1, at(2026, 5, 1, 1, 30)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Due(c.anchor, c.months); !got.Equal(c.want) {
				t.Fatalf("Due(%v, %d) = %v, want %v", c.anchor, c.months, got, c.want)
			}
		})
	}
}

// TestDeadline: the end of the 14th day, moved to the end of the next
// working day past weekends and Dutch national holidays.
func TestDeadline(t *testing.T) {
	for _, c := range []struct {
		name   string
		opened time.Time
		want   time.Time
	}{
		{"a Tuesday: day 14 is a Tuesday", at(2026, 3, 3, 10, 0), at(2026, 3, 18, 0, 0)},
		{"day 14 on a Saturday moves to Monday", at(2026, 3, 7, 10, 0), at(2026, 3, 24, 0, 0)},
		{"day 14 on a Sunday moves to Monday", at(2026, 3, 8, 10, 0), at(2026, 3, 24, 0, 0)},
		{"Christmas, Boxing Day and a Sunday move to Monday 28 December", at(2026, 12, 11, 10, 0), at(2026, 12, 29, 0, 0)},
		{"King's Day 2026 (Monday 27 April)", at(2026, 4, 13, 10, 0), at(2026, 4, 29, 0, 0)},
		{"Easter Monday 2027 (29 March)", at(2027, 3, 15, 10, 0), at(2027, 3, 31, 0, 0)},
		{"Ascension Day 2026 (Thursday 14 May)", at(2026, 4, 30, 10, 0), at(2026, 5, 16, 0, 0)},
		{"New Year's Day 2027 (a Friday), then the weekend", at(2026, 12, 18, 10, 0), at(2027, 1, 5, 0, 0)},
		{"over the change to summer time", at(2026, 3, 20, 10, 0), at(2026, 4, 4, 0, 0)},
		{"opened just before midnight counts its own day", at(2026, 3, 3, 23, 59), at(2026, 3, 18, 0, 0)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Deadline(c.opened); !got.Equal(c.want) {
				t.Fatalf("Deadline(%v) = %v, want %v", c.opened, got, c.want)
			}
		})
	}
}

func TestClose(t *testing.T) {
	opened := at(2026, 4, 1, 9, 0)
	before, after := opened.AddDate(0, -6, 0), opened.Add(time.Hour)
	acc := func(id int64, admin, active, confirmed bool, created time.Time) Account {
		return Account{ID: id, Admin: admin, Active: active, Confirmed: confirmed, CreatedAt: created}
	}
	for _, c := range []struct {
		name       string
		accounts   []Account
		suspend    []int64
		keptAdmins []int64
	}{
		{"all confirmed", []Account{acc(1, true, true, true, before), acc(2, false, true, true, before)}, nil, nil},
		{"unconfirmed worker", []Account{acc(1, true, true, true, before), acc(2, false, true, false, before), acc(3, false, true, true, before)}, []int64{2}, nil},
		{"made after the round opened", []Account{acc(1, true, true, true, before), acc(2, false, true, false, after)}, nil, nil},
		{"already disabled", []Account{acc(1, true, true, true, before), acc(2, false, false, false, before)}, nil, nil},
		{"unconfirmed admin with a confirmed admin left", []Account{acc(1, true, true, true, before), acc(2, true, true, false, before)}, []int64{2}, nil},
		{"no admin would remain: admins stay, workers go", []Account{acc(1, true, true, false, before), acc(2, true, true, false, before), acc(3, false, true, false, before)}, []int64{3}, []int64{1, 2}},
		{"a disabled admin does not count as left", []Account{acc(1, true, false, true, before), acc(2, true, true, false, before)}, nil, []int64{2}},
		{"an admin made after opening keeps the organisation", []Account{acc(1, true, true, false, before), acc(2, true, true, false, after)}, []int64{1}, nil},
		{"no accounts", nil, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Close(c.accounts, opened)
			if !slices.Equal(got.Suspend, c.suspend) || !slices.Equal(got.KeptAdmins, c.keptAdmins) {
				t.Fatalf("Close = %+v, want suspend %v, kept %v", got, c.suspend, c.keptAdmins)
			}
		})
	}
}

func TestCheckMark(t *testing.T) {
	for _, c := range []struct {
		name string
		mark Mark
		f    MarkFacts
		want string // refusal code, "" for allowed
	}{
		{"confirm a colleague", StillHere, MarkFacts{ActorID: 1, TargetID: 2, TargetActive: true, ActiveAdmins: 1}, ""},
		{"confirm oneself with another admin", StillHere, MarkFacts{ActorID: 1, TargetID: 1, TargetAdmin: true, TargetActive: true, ActiveAdmins: 2}, "self_confirm"},
		{"confirm oneself as the only admin", StillHere, MarkFacts{ActorID: 1, TargetID: 1, TargetAdmin: true, TargetActive: true, ActiveAdmins: 1}, ""},
		{"confirm a suspended account", StillHere, MarkFacts{ActorID: 1, TargetID: 2, ActiveAdmins: 1}, "not_active"},
		{"a colleague left", Left, MarkFacts{ActorID: 1, TargetID: 2, TargetActive: true, ActiveAdmins: 1}, ""},
		{"a disabled colleague left", Left, MarkFacts{ActorID: 1, TargetID: 2, ActiveAdmins: 1}, ""},
		{"oneself left", Left, MarkFacts{ActorID: 1, TargetID: 1, TargetAdmin: true, TargetActive: true, ActiveAdmins: 3}, "self_left"},
		{"another admin left", Left, MarkFacts{ActorID: 1, TargetID: 2, TargetAdmin: true, TargetActive: true, ActiveAdmins: 2}, ""},
		{"the last admin left", Left, MarkFacts{ActorID: 0, TargetID: 2, TargetAdmin: true, TargetActive: true, ActiveAdmins: 1}, "last_admin"},
		{"an unknown mark", Mark("maybe"), MarkFacts{ActorID: 1, TargetID: 2, TargetActive: true, ActiveAdmins: 1}, "unknown_mark"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := CheckMark(c.mark, c.f)
			got := ""
			if r != nil {
				got = r.Code
				if r.Message == "" {
					t.Fatal("a refusal without words")
				}
			}
			if got != c.want {
				t.Fatalf("CheckMark = %q, want %q", got, c.want)
			}
		})
	}
}
