// Package ics writes iCalendar (RFC 5545) invitations, so that a crisis
// consultation lands in the invited person's own calendar.
package ics

import (
	"fmt"
	"strings"
	"time"
)

// Event is one meeting.
type Event struct {
	UID         string // stable: a repeated invitation updates the same event
	Sequence    int
	Start, End  time.Time
	Summary     string
	Description string
	Location    string
	URL         string // a link to the meeting (a video link), "" for none
	Organizer   string // e-mail address
	// OrganizerName is the organiser's name (CN), "" for none.
	OrganizerName string
	Attendees     []Attendee
	Stamp         time.Time
	// Cancelled marks a downloaded event as called off (STATUS:CANCELLED):
	// with a higher Sequence, a calendar that holds the event updates it.
	Cancelled bool
}

// Attendee is an invited person.
type Attendee struct {
	Name, Email string
}

// escape applies RFC 5545 TEXT escaping.
func escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)
	return r.Replace(s)
}

// fold breaks content lines longer than 75 octets, as RFC 5545 requires,
// without splitting a UTF-8 sequence.
func fold(line string) string {
	if len(line) <= 75 {
		return line
	}
	var b strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && (line[cut]&0xC0) == 0x80 {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(line)
	return b.String()
}

// paramValue quotes a parameter value (RFC 5545 section 3.1): a
// DQUOTE-delimited string, which may not hold DQUOTE or control
// characters, so those become a space or a single quote.
func paramValue(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return '\''
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, s)
	return `"` + s + `"`
}

func stamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// Request returns a METHOD:REQUEST calendar with one event: a new
// invitation, or with a higher Sequence an update of the same UID.
func Request(e Event) string { return calendar("REQUEST", "CONFIRMED", e) }

// Cancel returns a METHOD:CANCEL calendar that takes the event with this
// UID out of the attendees' calendars (Sequence higher than the last
// request).
func Cancel(e Event) string { return calendar("CANCEL", "CANCELLED", e) }

// Download returns a calendar with one event to save, without a scheduling
// METHOD (RFC 5545 section 3.7.2): a file a family member opens in their
// own calendar, not an invitation that expects an answer.
// A cancelled event carries STATUS:CANCELLED.
func Download(e Event) string {
	if e.Cancelled {
		return calendar("", "CANCELLED", e)
	}
	return calendar("", "CONFIRMED", e)
}

func calendar(method, status string, e Event) string {
	lines := []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Schakel//Crisisoverleg//NL"}
	if method != "" {
		lines = append(lines, "METHOD:"+method)
	}
	lines = append(lines,
		"CALSCALE:GREGORIAN",
		"BEGIN:VEVENT",
		"UID:"+e.UID,
		fmt.Sprintf("SEQUENCE:%d", e.Sequence),
		"DTSTAMP:"+stamp(e.Stamp),
		"DTSTART:"+stamp(e.Start),
		"DTEND:"+stamp(e.End),
		"SUMMARY:"+escape(e.Summary),
		"DESCRIPTION:"+escape(e.Description),
	)
	if e.Location != "" {
		lines = append(lines, "LOCATION:"+escape(e.Location))
	}
	if e.URL != "" {
		lines = append(lines, "URL;VALUE=URI:"+e.URL)
	}
	switch {
	case e.Organizer != "" && e.OrganizerName != "":
		lines = append(lines, fmt.Sprintf("ORGANIZER;CN=%s:mailto:%s", paramValue(e.OrganizerName), e.Organizer))
	case e.Organizer != "":
		lines = append(lines, "ORGANIZER:mailto:"+e.Organizer)
	}
	for _, a := range e.Attendees {
		lines = append(lines, fmt.Sprintf("ATTENDEE;CN=%s;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:%s", paramValue(a.Name), a.Email))
	}
	lines = append(lines, "STATUS:"+status, "END:VEVENT", "END:VCALENDAR")
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(fold(l))
		b.WriteString("\r\n")
	}
	return b.String()
}
