package attendees

import "time"

// HoldEnd is when a proposed crisis table's invitations go out: hold after
// it was proposed, but never later than halfway to the table's start, so
// that the invitees always have at least half the time to come and the
// hold never moves the table (it stays within the crisis time norm). It
// reports false when the invitations go out at once (no hold, or no time
// for one).
func HoldEnd(now, scheduled time.Time, hold time.Duration) (time.Time, bool) {
	if hold <= 0 {
		return time.Time{}, false
	}
	end := now.Add(hold)
	if half := now.Add(scheduled.Sub(now) / 2); half.Before(end) {
		end = half
	}
	if !end.After(now) {
		return time.Time{}, false
	}
	return end, true
}
