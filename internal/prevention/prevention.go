// Package prevention holds the rules of the placement-prevention network
// (issue 16, seed 004): when a considered placement's review is due, whether
// a request to the court may be recorded, who sits on a review's panel and
// for how long, and what a complete review records. Pure functions: no SQL,
// no HTTP.
package prevention

import (
	"time"

	"schakel"
	"schakel/internal/workdays"
)

// ReviewWithin is how many working days a review may take after a placement
// is considered (issue 16, item 2).
const ReviewWithin = 5

// PanelAccessAfterOutcome is how long a panel member keeps access to the
// review's extract after its outcome is recorded (issue 16, item 3), so that
// the 3- and 6-month checks can be prepared with the same people.
const PanelAccessAfterOutcome = 14 * 24 * time.Hour

// DueAt returns when the review of a placement considered at considered is
// due: five Dutch working days later.
func DueAt(considered time.Time) time.Time {
	return workdays.AddWorkingDays(considered, ReviewWithin)
}

// Gate is the answer to "may a request to the court for a placement be
// recorded now?".
type Gate struct {
	Allowed bool
	// Reminder: allowed only because it is an emergency (spoedmachtiging);
	// the review must follow within five working days and the team lead is
	// reminded.
	Reminder bool
	// OpenReview: a review must be opened (none is open or held).
	OpenReview bool
	// Reason is the Dutch message that names the next step when refused.
	Reason string
}

// CourtGate decides whether a request to the court to place a child may be
// recorded on a case with these reviews. A held review lets it through. In
// an emergency it goes through anyway, and a review is opened if none is
// open, with a reminder to the team lead. Otherwise it is refused until the
// review is held.
func CourtGate(reviews []schakel.PlacementReview, emergency bool) Gate {
	open := false
	for _, r := range reviews {
		if r.Held() {
			return Gate{Allowed: true}
		}
		open = true
	}
	if emergency {
		return Gate{Allowed: true, Reminder: true, OpenReview: !open}
	}
	if open {
		return Gate{Reason: "Eerst moet de plaatsingstafel de alternatieven bespreken. Leg de uitkomst van die bespreking vast; daarna kunt u het verzoek aan de rechter vastleggen. Is het spoed? Kies dan spoedmachtiging."}
	}
	return Gate{OpenReview: true, Reason: "Er is nog geen plaatsingstafel geweest. Leg eerst vast dat een uithuisplaatsing wordt overwogen; Schakel plant dan de plaatsingstafel. Is het spoed? Kies dan spoedmachtiging."}
}

// PanelMayRead reports whether a panel member may still read the review's
// extract at now: from the proposal until 14 days after the outcome.
func PanelMayRead(r schakel.PlacementReview, now time.Time) bool {
	if r.HeldAt == nil {
		return true
	}
	return now.Before(AccessUntil(*r.HeldAt))
}

// AccessUntil returns the end of a panel member's access for a review held
// at held.
func AccessUntil(held time.Time) time.Time { return held.Add(PanelAccessAfterOutcome) }

// Overdue reports whether an open review has passed its due time.
func Overdue(r schakel.PlacementReview, now time.Time) bool {
	return !r.Held() && now.After(r.DueAt)
}
