package ics

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestRequest(t *testing.T) {
	start := time.Date(2026, 11, 22, 14, 0, 0, 0, time.UTC)
	out := Request(Event{UID: "consultation-7@schakel", Start: start, End: start.Add(time.Hour), Stamp: start,
		Summary: "Crisisoverleg, casus 12", Description: strings.Repeat("Lange beschrijving; met tekens, en\nregels é ", 8),
		Organizer: "noreply@schakel.example", Attendees: []Attendee{{Name: "Eva Jansen", Email: "eva.vt@schakel.example"}}})
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "METHOD:REQUEST\r\n", "UID:consultation-7@schakel\r\n",
		"DTSTART:20261122T140000Z\r\n", "DTEND:20261122T150000Z\r\n", `SUMMARY:Crisisoverleg\, casus 12`, "mailto:eva.vt@schakel.example", "END:VCALENDAR\r\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("fold split a UTF-8 sequence: %q", line)
		}
	}
	if strings.Contains(out, "\n\n") || strings.Count(out, "\n") != strings.Count(out, "\r\n") {
		t.Error("lines must end in CRLF and TEXT newlines must be escaped")
	}
}

func TestCancel(t *testing.T) {
	e := Event{UID: "consultation-7@schakel", Sequence: 2, Start: time.Date(2026, 11, 22, 14, 0, 0, 0, time.UTC),
		End: time.Date(2026, 11, 22, 15, 0, 0, 0, time.UTC), Stamp: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC), Summary: "Casusoverleg"}
	out := Cancel(e)
	for _, want := range []string{"METHOD:CANCEL\r\n", "STATUS:CANCELLED\r\n", "SEQUENCE:2\r\n", "UID:consultation-7@schakel\r\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "METHOD:REQUEST") || strings.Contains(out, "STATUS:CONFIRMED") {
		t.Errorf("a cancellation that still requests:\n%s", out)
	}
}
