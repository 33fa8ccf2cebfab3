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

// HoldEndAfterMove is when a held table's invitations go out after the
// table moved to scheduled: the hold never runs past halfway from now to
// the table, so a table moved earlier brings its hold's end forward; a
// table moved later keeps it (the invitees are told no later than
// planned). It reports false when no time is left to hold: the
// invitations go out at once.
func HoldEndAfterMove(now, heldUntil, scheduled time.Time) (time.Time, bool) {
	end := heldUntil
	if half := now.Add(scheduled.Sub(now) / 2); half.Before(end) {
		end = half
	}
	if !end.After(now) {
		return time.Time{}, false
	}
	return end, true
}
