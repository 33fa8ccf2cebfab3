package ics

import (
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

// TestIndependentParser reads what Request and Cancel write with another
// iCalendar implementation (emersion/go-ical) and checks every property a
// calendar program uses: the escaped texts come back as written, the
// location, the video link and the organiser with their name.
func TestIndependentParser(t *testing.T) {
	start := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	e := Event{UID: "consultation-9@schakel", Sequence: 1, Start: start, End: start.Add(time.Hour), Stamp: start.Add(-time.Hour),
		Summary: "Multidisciplinair overleg (MDO) – casus 12", Description: "Open Schakel; de gegevens, en\nniets anders.",
		Location: "Stadhuis, kamer 3; ingang Coolsingel", URL: "https://meet.example.nl/overleg-9?pin=42",
		Organizer: "sanne.vt@schakel.example", OrganizerName: `Sanne "de" Wit`,
		Attendees: []Attendee{{Name: "Eva Jansen", Email: "eva.vt@schakel.example"}}}
	tests := []struct {
		name, method, status string
		out                  string
	}{
		{"request", "REQUEST", "CONFIRMED", Request(e)},
		{"cancel", "CANCEL", "CANCELLED", Cancel(e)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal, err := ical.NewDecoder(strings.NewReader(tt.out)).Decode()
			if err != nil {
				t.Fatalf("parse: %v\n%s", err, tt.out)
			}
			if m := cal.Props.Get(ical.PropMethod); m == nil || m.Value != tt.method {
				t.Errorf("METHOD %+v, want %s", m, tt.method)
			}
			evs := cal.Events()
			if len(evs) != 1 {
				t.Fatalf("%d events", len(evs))
			}
			ev := evs[0]
			text := func(name string) string {
				t.Helper()
				v, err := ev.Props.Text(name)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				return v
			}
			for name, want := range map[string]string{ical.PropUID: e.UID, ical.PropSummary: e.Summary, ical.PropDescription: e.Description,
				ical.PropLocation: e.Location, ical.PropStatus: tt.status} {
				if got := text(name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			if u, err := ev.Props.URI(ical.PropURL); err != nil || u == nil || u.String() != e.URL {
				t.Errorf("URL = %v (%v), want %s", u, err, e.URL)
			}
			org := ev.Props.Get(ical.PropOrganizer)
			if org == nil || org.Value != "mailto:"+e.Organizer || org.Params.Get(ical.ParamCommonName) != `Sanne 'de' Wit` {
				t.Errorf("ORGANIZER %+v", org)
			}
			if s, err := ev.DateTimeStart(time.UTC); err != nil || !s.Equal(start) {
				t.Errorf("DTSTART %v %v", s, err)
			}
			if a := ev.Props.Get(ical.PropAttendee); a == nil || a.Value != "mailto:eva.vt@schakel.example" || a.Params.Get(ical.ParamCommonName) != "Eva Jansen" {
				t.Errorf("ATTENDEE %+v", a)
			}
		})
	}
}

// TestDownloadParses: the calendar file for a family member has no
// scheduling METHOD and no organiser, and another implementation reads
// its texts, place and link back as written.
func TestDownloadParses(t *testing.T) {
	start := time.Date(2026, 12, 14, 9, 30, 0, 0, time.UTC)
	e := Event{UID: "family-meeting-3@schakel", Start: start, End: start.Add(time.Hour), Stamp: start.Add(-24 * time.Hour),
		Summary: "Gesprek over uw gezin", Description: "We praten over de afspraken; en over school.\n\nWie komen er: Sanne (Veilig Thuis).",
		Location: "Wijkcentrum De Brug, Hoofdweg 1", URL: "https://meet.example.nl/gezin-3"}
	out := Download(e)
	cal, err := ical.NewDecoder(strings.NewReader(out)).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, out)
	}
	if m := cal.Props.Get(ical.PropMethod); m != nil {
		t.Errorf("a download carries METHOD %q", m.Value)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	for name, want := range map[string]string{ical.PropSummary: e.Summary, ical.PropDescription: e.Description, ical.PropLocation: e.Location} {
		if got, err := evs[0].Props.Text(name); err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", name, got, err, want)
		}
	}
	if got, err := evs[0].DateTimeStart(time.UTC); err != nil || !got.Equal(start) {
		t.Errorf("DTSTART %v (%v)", got, err)
	}
	if evs[0].Props.Get(ical.PropOrganizer) != nil {
		t.Error("a download names an organiser")
	}
}
