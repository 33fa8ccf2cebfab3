package prevention

import (
	"time"

	"schakel"
	"schakel/internal/textlimit"
)

// CheckMonths are the follow-up checks after a review (issue 16, item 6).
var CheckMonths = []int{3, 6}

// CheckEarly is how long before its date a check may be entered: a team
// plans it in the week before, not a month ahead.
const CheckEarly = 7 * 24 * time.Hour

// CheckDue returns when the check months after a review held at held is due.
func CheckDue(held time.Time, months int) time.Time { return held.AddDate(0, months, 0) }

// Check is what a follow-up check records.
type Check struct {
	Months          int
	StayedHome      bool
	AlternativeHeld bool
	PlacedAfterAll  bool
	Note            string
}

// ValidateCheck refuses a check on a review that was not held, for another
// month than 3 or 6, entered more than a week before its date, or that
// contradicts itself (placed after all, yet stayed home).
func ValidateCheck(r schakel.PlacementReview, c Check, now time.Time) error {
	var v schakel.Validation
	switch {
	case r.HeldAt == nil:
		v.Add("months", "not_held", "Deze plaatsingstafel is nog niet besproken. Een controle volgt 3 en 6 maanden na de bespreking.")
	case c.Months != 3 && c.Months != 6:
		v.Add("months", "invalid", "Kies de controle na 3 of na 6 maanden.")
	case now.Before(CheckDue(*r.HeldAt, c.Months).Add(-CheckEarly)):
		v.Add("months", "too_early", "Deze controle is pas op "+CheckDue(*r.HeldAt, c.Months).Format("02-01-2006")+". U kunt haar vanaf een week ervoor invullen.")
	}
	if c.PlacedAfterAll && c.StayedHome {
		v.Add("placed_after_all", "contradiction", "Het kind kan niet thuis zijn gebleven en toch uit huis zijn geplaatst. Kies één van de twee.")
	}
	textlimit.Check(&v, "note", c.Note, textlimit.Reason)
	return v.Err()
}
