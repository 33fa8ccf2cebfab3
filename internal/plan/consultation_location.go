package plan

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/textlimit"
	"schakel/internal/workdays"
)

// MinPhoneDigits is the fewest digits a phone number to call has (a Dutch
// number has ten; shorter ones are service numbers such as 0900-8844).
const MinPhoneDigits = 8

// ValidateLocation checks where a consultation meets: a known mode, and
// for that mode its way in (a place in person, a number by phone, a video
// link online). A phone number has digits, spaces and a leading +; a
// video link is an https address. Each field fits its textlimit.
func ValidateLocation(v *schakel.Validation, l schakel.ConsultationLocation) schakel.ConsultationLocation {
	l = schakel.ConsultationLocation{Mode: strings.TrimSpace(l.Mode), Place: strings.TrimSpace(l.Place),
		Phone: strings.Join(strings.Fields(l.Phone), " "), VideoURL: strings.TrimSpace(l.VideoURL)}
	if l.Mode != "" && !slices.Contains(schakel.MeetingModes, l.Mode) {
		v.Add("location.mode", "unknown", "Kies op locatie, telefonisch of online.")
	}
	textlimit.Check(v, "location.place", l.Place, textlimit.Line)
	if textlimit.Check(v, "location.phone", l.Phone, textlimit.Short) && l.Phone != "" && !phoneNumber(l.Phone) {
		v.Add("location.phone", "format", fmt.Sprintf("Een telefoonnummer heeft minstens %d cijfers, met spaties of een + vooraan, bijvoorbeeld +31 10 123 4567.", MinPhoneDigits))
	}
	if textlimit.Check(v, "location.video_url", l.VideoURL, textlimit.URL) && l.VideoURL != "" && !videoLink(l.VideoURL) {
		v.Add("location.video_url", "format", "Een videolink begint met https://, bijvoorbeeld https://meet.example.nl/overleg-123.")
	}
	switch {
	case l.Mode == schakel.MeetInPerson && l.Place == "":
		v.Add("location.place", "required", "Vul de plaats in waar het overleg is, bijvoorbeeld het adres en de kamer.")
	case l.Mode == schakel.MeetPhone && l.Phone == "":
		v.Add("location.phone", "required", "Vul het nummer in dat de deelnemers bellen.")
	case l.Mode == schakel.MeetOnline && l.VideoURL == "":
		v.Add("location.video_url", "required", "Vul de videolink in die de deelnemers openen.")
	}
	return l
}

// ValidateLocationChange checks a new location for a planned
// consultation: valid (ValidateLocation), not empty, and not what it was.
func ValidateLocationChange(l, current schakel.ConsultationLocation) (schakel.ConsultationLocation, error) {
	var v schakel.Validation
	l = ValidateLocation(&v, l)
	switch {
	case l.Empty():
		v.Add("location.mode", "required", "Kies hoe u bij elkaar komt en vul de plaats, het nummer of de link in.")
	case l == current:
		v.Add("location.mode", "unchanged", "Dit is al waar het overleg is. Wijzig de plaats, het nummer of de link.")
	}
	return l, v.Err()
}

// ValidateNewConsultation checks a new consultation with where it meets:
// the moment, kind, title, agenda and invitation (ValidateConsultation) and
// the location (ValidateLocation), every field error in one answer. It
// returns the moment and the location as they are kept.
func ValidateNewConsultation(in ConsultationInput, now time.Time) (time.Time, schakel.ConsultationLocation, error) {
	at, err := ValidateConsultation(in, now)
	var v schakel.Validation
	v.Fields = append(v.Fields, schakel.FieldErrors(err)...)
	if err != nil && len(v.Fields) == 0 {
		return at, in.Location, err
	}
	loc := ValidateLocation(&v, in.Location)
	return at, loc, v.Err()
}

// phoneNumber: digits and spaces, a + only in front, enough digits.
func phoneNumber(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ', r == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= MinPhoneDigits
}

// videoLink: an absolute https address with a host and no user info.
func videoLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil && !strings.ContainsAny(s, " \t")
}

// CheckAttendanceTime refuses recording attendance before a consultation
// has started: who was there is known only once it began.
func CheckAttendanceTime(scheduledAt, now time.Time) error {
	if !now.Before(scheduledAt) {
		return nil
	}
	when := scheduledAt.In(workdays.Location()).Format("02-01-2006 om 15:04")
	msg := fmt.Sprintf("Dit overleg begint pas op %s. Leg vast wie er waren zodra het overleg begonnen is. Is het eerder? Verplaats het overleg dan eerst.", when)
	return &schakel.Error{Code: schakel.ECONFLICT, Message: msg,
		Fields: []schakel.FieldError{{Field: "present", Code: "not_started", Message: msg}}}
}
