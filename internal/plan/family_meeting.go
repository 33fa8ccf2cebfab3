package plan

// Planned conversations with the family: a professional plans one from the
// case (when, how long, where or by video, who from the chain comes, and
// what it is about in plain words); only the invited family members see it
// in their own view and can put it in their calendar.

import (
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/textlimit"
)

// Family meeting limits: how long a conversation lasts, and how far ahead
// it may be planned.
const (
	MinMeetingMinutes = 15
	MaxMeetingMinutes = 240
	MaxMeetingAhead   = 365 * 24 * time.Hour
)

// FamilyMeetingInput is a planned conversation as the professional types it.
type FamilyMeetingInput struct {
	Date            string // yyyy-mm-dd, Dutch time
	Time            string // hh:mm
	Minutes         int
	Location        schakel.ConsultationLocation // phone is not offered: a family gets a place or a video link
	About           string                       // what it is about, in plain words for the family
	PersonIDs       []int64                      // who of the family is invited
	ProfessionalIDs []int64                      // who from the chain comes
}

// ValidateFamilyMeeting checks a planned conversation: a moment in the
// future (at most a year ahead), a length, a place or an https video
// link, what it is about, at least one invited family member on the case
// and at least one active professional. It returns the start (UTC) and
// the location as kept; every field error comes in one answer.
func ValidateFamilyMeeting(in FamilyMeetingInput, now time.Time, loc *time.Location, casePersons, activePros map[int64]bool) (time.Time, schakel.ConsultationLocation, error) {
	var v schakel.Validation
	start, l := validateMoment(&v, MeetingMoveInput{Date: in.Date, Time: in.Time, Minutes: in.Minutes, Location: in.Location}, now, loc)
	about := strings.TrimSpace(in.About)
	if about == "" {
		v.Add("about", "required", "Schrijf in gewone woorden waar het gesprek over gaat.")
	}
	textlimit.Check(&v, "about", about, textlimit.Text)
	if len(in.PersonIDs) == 0 {
		v.Add("person_ids", "required", "Kies wie van het gezin u uitnodigt.")
	}
	for i, id := range in.PersonIDs {
		if !casePersons[id] {
			v.Add(fmt.Sprintf("person_ids[%d]", i), "not_on_case", "Deze persoon hoort niet bij deze casus.")
		}
	}
	if len(in.ProfessionalIDs) == 0 {
		v.Add("professional_ids", "required", "Kies wie van de hulpverleners er komt.")
	}
	for i, id := range in.ProfessionalIDs {
		if !activePros[id] {
			v.Add(fmt.Sprintf("professional_ids[%d]", i), "unknown", "Deze medewerker bestaat niet of is niet actief.")
		}
	}
	return start, l, v.Err()
}

// MeetingMoveInput is a planned conversation's new moment, length and place
// or video link, as the professional types it.
type MeetingMoveInput struct {
	Date     string // yyyy-mm-dd, Dutch time
	Time     string // hh:mm
	Minutes  int
	Location schakel.ConsultationLocation
}

// ValidateMeetingMove checks the new moment of a conversation that is
// moved, as planning does; it returns the new start (UTC) and location.
func ValidateMeetingMove(in MeetingMoveInput, now time.Time, loc *time.Location) (time.Time, schakel.ConsultationLocation, error) {
	var v schakel.Validation
	start, l := validateMoment(&v, in, now, loc)
	return start, l, v.Err()
}

// ValidateMeetingCancel checks why a conversation does not go ahead: a
// reason in plain words, for the family who sees it.
func ValidateMeetingCancel(reason string) error {
	var v schakel.Validation
	reason = strings.TrimSpace(reason)
	if reason == "" {
		v.Add("reason", "required", "Schrijf in gewone woorden waarom het gesprek niet doorgaat. Het gezin leest dit.")
	}
	textlimit.Check(&v, "reason", reason, textlimit.Text)
	return v.Err()
}

// validateMoment checks a moment in the future (at most a year ahead), a
// length, and a place or an https video link (no phone).
func validateMoment(v *schakel.Validation, in MeetingMoveInput, now time.Time, loc *time.Location) (time.Time, schakel.ConsultationLocation) {
	var start time.Time
	t, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(in.Date)+" "+strings.TrimSpace(in.Time), loc)
	switch {
	case err != nil:
		v.Add("date", "format", "Vul een datum en een tijd in, bijvoorbeeld 2026-12-14 en 10:30.")
	case !t.After(now):
		v.Add("date", "in_past", "Dit moment is al voorbij. Kies een moment in de toekomst.")
	case t.After(now.Add(MaxMeetingAhead)):
		v.Add("date", "too_far", "Plan een gesprek hoogstens een jaar vooruit.")
	default:
		start = t.UTC()
	}
	if in.Minutes < MinMeetingMinutes || in.Minutes > MaxMeetingMinutes {
		v.Add("minutes", "range", fmt.Sprintf("Een gesprek duurt %d tot %d minuten.", MinMeetingMinutes, MaxMeetingMinutes))
	}
	l := in.Location
	l.Phone = ""
	if l.Mode == schakel.MeetPhone {
		v.Add("location.mode", "unknown", "Kies op locatie of online.")
	}
	l = ValidateLocation(v, l)
	if l.Mode == "" {
		v.Add("location.mode", "required", "Kies of het gesprek op locatie is of online.")
	}
	return start, l
}
