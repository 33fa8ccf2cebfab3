// Package plan holds the rules of the joint workspace on a case, free of
// HTTP and SQL: what makes an action valid, when a plan may be agreed, when
// an organisation may leave a case, the safety scale, shared findings,
// family conversations, the Raad's decision, roles and regie, colleague
// requests, and the phase a case is in. Storage gathers the facts, calls
// these rules inside its transaction and writes only what they allow.
//
// Every function returns a *schakel.Error: EINVALID with field names for
// bad input, ECONFLICT for a request that clashes with the case's state.
package plan

import (
	"strings"
	"time"

	"schakel"
	"schakel/internal/textlimit"
)

// Limits on free text (see package textlimit).
const (
	MaxTitle     = textlimit.Line
	MaxText      = textlimit.Text
	MinReason    = 10 // a reason, handover or next steps needs at least this many characters
	MaxAgenda    = 30
	MaxAgendaLen = textlimit.Agenda
	DateLayout   = "2006-01-02"
)

// Date is a calendar date (no time of day), as due and review dates are.
type Date struct{ time.Time }

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, bool) {
	t, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil {
		return Date{}, false
	}
	return Date{t}, true
}

// dateField reads a required date field: missing is the message for an
// empty field, example a date shown in the message for one that is not a
// date. ok is false when either was added to v.
func dateField(v *schakel.Validation, field, s, missing, example string) (d Date, ok bool) {
	if strings.TrimSpace(s) == "" {
		v.Add(field, "required", missing)
		return Date{}, false
	}
	if d, ok = ParseDate(s); !ok {
		v.Add(field, "format", "Vul een datum in als jjjj-mm-dd, bijvoorbeeld "+example+".")
	}
	return d, ok
}

// DateOf is the calendar date of t in loc.
func DateOf(t time.Time, loc *time.Location) Date {
	l := t.In(loc)
	return Date{time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)}
}

// String is YYYY-MM-DD.
func (d Date) String() string { return d.Format(DateLayout) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Time.Before(e.Time) }

// runes counts the characters of s without surrounding space, as a limit
// counts them (textlimit.Len).
func runes(s string) int { return textlimit.Len(strings.TrimSpace(s)) }
