package care

import (
	"strings"
	"time"

	"schakel"
	"schakel/internal/workdays"
)

// The chosen provider records when the care started (as the iJw JW305
// message) and when it ended, with why (as JW307). Dates are whole days
// on the Amsterdam calendar.

// EndReasons are why care ended, with their Dutch wording.
var EndReasons = []struct{ Code, Dutch string }{
	{"as_planned", "Afgerond volgens plan"},
	{"early_agreed", "Eerder gestopt, in overleg met het gezin"},
	{"early_family", "Eerder gestopt op verzoek van het gezin"},
	{"early_provider", "Eerder gestopt door de aanbieder"},
	{"moved", "Het gezin is verhuisd"},
	{"other", "Anders"},
}

// EndReasonDutch returns the Dutch wording of a reason ("" if unknown).
func EndReasonDutch(code string) string {
	for _, r := range EndReasons {
		if r.Code == code {
			return r.Dutch
		}
	}
	return ""
}

// Progress is what the provider records: the date, and for an end why.
type Progress struct {
	Date   string // YYYY-MM-DD
	Reason string // for an end: one of EndReasons
}

// Day parses a progress date as the start of that day in Amsterdam.
func Day(s string) (time.Time, bool) {
	d, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), workdays.Location())
	return d.UTC(), err == nil
}

func dateOf(t time.Time) string { return t.In(workdays.Location()).Format(time.DateOnly) }

// ValidateStart refuses a start on a request nobody was chosen for, a
// second start, a date before the day of the choice or after today.
func ValidateStart(r schakel.CareRequest, p Progress, now time.Time) error {
	var v schakel.Validation
	d, ok := Day(p.Date)
	switch {
	case r.Status != "chosen" || r.ChosenAt == nil:
		v.Add("date", "not_chosen", "Er is voor deze zorgvraag nog geen aanbieder gekozen.")
	case r.StartedAt != nil:
		v.Add("date", "already_started", "De start van de zorg is al vastgelegd op "+dateNL(*r.StartedAt)+".")
	case !ok:
		v.Add("date", "required", "Vul de datum in waarop de zorg begon (JJJJ-MM-DD).")
	case dateOf(d) < dateOf(*r.ChosenAt):
		v.Add("date", "before_choice", "De zorg kan niet beginnen vóór de dag waarop het gezin koos ("+dateNL(*r.ChosenAt)+").")
	case dateOf(d) > dateOf(now):
		v.Add("date", "future", "Deze datum ligt in de toekomst. Leg de start vast op de dag dat de zorg begon.")
	}
	return v.Err()
}

// ValidateEnd refuses an end before the start was recorded, a second end,
// an end before the start or after today, and an end without a reason.
func ValidateEnd(r schakel.CareRequest, p Progress, now time.Time) error {
	var v schakel.Validation
	d, ok := Day(p.Date)
	switch {
	case r.StartedAt == nil:
		v.Add("date", "not_started", "Leg eerst vast wanneer de zorg begon.")
	case r.EndedAt != nil:
		v.Add("date", "already_ended", "Het einde van de zorg is al vastgelegd op "+dateNL(*r.EndedAt)+".")
	case !ok:
		v.Add("date", "required", "Vul de datum in waarop de zorg eindigde (JJJJ-MM-DD).")
	case dateOf(d) < dateOf(*r.StartedAt):
		v.Add("date", "before_start", "De zorg kan niet eindigen vóór de start ("+dateNL(*r.StartedAt)+").")
	case dateOf(d) > dateOf(now):
		v.Add("date", "future", "Deze datum ligt in de toekomst. Leg het einde vast als de zorg gestopt is.")
	}
	if EndReasonDutch(p.Reason) == "" {
		v.Add("reason", "required", "Kies waarom de zorg stopte.")
	}
	return v.Err()
}

func dateNL(t time.Time) string { return t.In(workdays.Location()).Format("02-01-2006") }
