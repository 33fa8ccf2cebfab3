// Package membership decides the rules of "membership that stays true":
// every few months (three by default, set per organisation) an
// organisation's administrators re-confirm who still works there; accounts
// not re-confirmed by the deadline are suspended (gepauzeerd). Pure
// functions over facts: no HTTP, no SQL, no clock.
package membership

import (
	"time"

	"schakel/internal/workdays"
)

// The interval between two review rounds, in months.
const (
	DefaultMonths = 3  // quarterly
	MinMonths     = 1  // monthly at most often
	MaxMonths     = 12 // yearly at least
)

// GraceDays is how long administrators have to answer a round: 14
// calendar days after the reminder.
const GraceDays = 14

// ValidMonths reports whether an interval can be set.
func ValidMonths(months int) bool { return months >= MinMonths && months <= MaxMonths }

// Due returns when an organisation's next round opens: months after the
// last round opened, or after the organisation was created when it never
// had one. The day of the month is kept where the month has it and
// clamped to the month's last day where it has not (31 January + 1 month
// is 28 or 29 February), at the same wall-clock time in the Netherlands.
func Due(anchor time.Time, months int) time.Time {
	if !ValidMonths(months) {
		months = DefaultMonths
	}
	t := anchor.In(workdays.Location())
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

// Deadline returns the end of a round opened at opened: the end of the
// GraceDays-th calendar day after it in the Netherlands. When that day is
// not a working day (a weekend, or a Dutch national holiday), the
// deadline moves to the end of the next working day, so that an
// administrator always has the last day at work to answer.
func Deadline(opened time.Time) time.Time {
	loc := workdays.Location()
	t := opened.In(loc)
	last := time.Date(t.Year(), t.Month(), t.Day()+GraceDays, 12, 0, 0, 0, loc)
	for !workdays.IsWorkingDay(last) {
		last = last.AddDate(0, 0, 1)
	}
	return time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, loc)
}

// Account is one account of the organisation as a round sees it.
type Account struct {
	ID        int64
	Admin     bool      // has the administrator role
	Active    bool      // may log in now
	CreatedAt time.Time // accounts made after the round opened count as confirmed
	Confirmed bool      // confirmed in this round ("werkt hier nog")
}

// Outcome is what closing a round does.
type Outcome struct {
	// Suspend lists the accounts to suspend, in the order given.
	Suspend []int64
	// KeptAdmins lists unconfirmed administrators left active because
	// suspending them would leave the organisation without any active
	// administrator to re-activate the others.
	KeptAdmins []int64
}

// Close decides which accounts a round suspends once its deadline has
// passed: every active account that existed when the round opened and was
// not confirmed in it. Unconfirmed administrators are suspended only when
// at least one active administrator remains; otherwise they all stay, so
// that an organisation never ends up without one.
func Close(accounts []Account, opened time.Time) Outcome {
	var out Outcome
	var admins []int64
	adminsLeft := 0
	for _, a := range accounts {
		if !a.Active {
			continue
		}
		due := !a.Confirmed && a.CreatedAt.Before(opened)
		switch {
		case !due && a.Admin:
			adminsLeft++
		case due && a.Admin:
			admins = append(admins, a.ID)
		case due:
			out.Suspend = append(out.Suspend, a.ID)
		}
	}
	if adminsLeft > 0 {
		out.Suspend = append(out.Suspend, admins...)
	} else {
		out.KeptAdmins = admins
	}
	return out
}
