// Package care holds the rules of care asked for by need (issue 15): when
// providers must answer, which providers a request reaches, what a
// provider may see of it, and what a valid request, answer and choice are.
// Pure functions: no SQL, no HTTP.
package care

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/textlimit"
	"schakel/internal/workdays"
)

// AnswerWithin is how many working days providers have to answer: five as
// for a youth-care request (iJw JW315), one when it is urgent.
func AnswerWithin(urgency string) int {
	if urgency == schakel.UrgencyDays {
		return 1
	}
	return 5
}

// Deadline returns when answers to a request made at created are due.
func Deadline(created time.Time, urgency string) time.Time {
	return workdays.AddWorkingDays(created, AnswerWithin(urgency))
}

// Late reports whether an answer at answered came after the deadline; a
// late answer is kept and marked, never refused.
func Late(answered, deadline time.Time) bool { return !answered.Before(deadline) }

// Reaches reports whether a request for needs in municipality reaches a
// provider: it helps with at least one of the needs and works in the
// municipality (a provider that names no municipality works everywhere in
// its region). Language is not a filter: a provider may bring an
// interpreter; the family sees the languages when choosing.
func Reaches(p schakel.ProviderProfile, municipality string, needs []schakel.CareNeed) bool {
	if len(p.Municipalities) > 0 && !slices.ContainsFunc(p.Municipalities, func(m string) bool { return strings.EqualFold(m, municipality) }) {
		return false
	}
	return slices.ContainsFunc(needs, func(n schakel.CareNeed) bool { return slices.Contains(p.Categories, n.Category) })
}

// AgeBand names the band an age falls in, for the pseudonymised extract.
func AgeBand(age int) string {
	switch {
	case age < 4:
		return "0-3"
	case age < 12:
		return "4-11"
	case age < 18:
		return "12-17"
	}
	return "18+"
}

// Request is what a care coordinator writes.
type Request struct {
	Needs                               []schakel.CareNeed
	Urgency                             string
	Wants, DoesNotWant, Place, Language string
	Times                               string
}

// ValidateRequest refuses a request without needs, with an unknown
// category or urgency, or with a text over its limit.
func ValidateRequest(r Request) error {
	var v schakel.Validation
	if len(r.Needs) == 0 {
		v.Add("needs", "required", "Kies minstens één behoefte van het gezin.")
	}
	for i, n := range r.Needs {
		if !n.Category.Valid() {
			v.Add(field("needs", i, "category"), "invalid", "Deze behoefte staat niet op de lijst.")
		}
		textlimit.Check(&v, field("needs", i, "text"), n.Text, textlimit.Reason)
	}
	if r.Urgency != schakel.UrgencyDays && r.Urgency != schakel.UrgencyWeeks {
		v.Add("urgency", "required", "Kies hoe snel de hulp moet beginnen: binnen dagen of binnen weken.")
	}
	for name, s := range map[string]string{"wants": r.Wants, "does_not_want": r.DoesNotWant, "times": r.Times} {
		textlimit.Check(&v, name, s, textlimit.Reason)
	}
	for name, s := range map[string]string{"place": r.Place, "language": r.Language} {
		textlimit.Check(&v, name, s, textlimit.Name)
	}
	return v.Err()
}

func field(name string, i int, sub string) string {
	return name + "[" + strconv.Itoa(i) + "]." + sub
}

// RemindFrom is when a provider that has not answered is reminded: once
// three quarters of the time to the deadline has passed (for a five-day
// request, in the course of the fourth working day or later).
func RemindFrom(created, deadline time.Time) time.Time {
	return created.Add(deadline.Sub(created) * 3 / 4)
}
