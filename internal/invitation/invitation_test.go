package invitation

import (
	"strings"
	"testing"
	"time"

	"schakel"
)

var (
	at     = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC) // 10:00 in Amsterdam
	due    = time.Date(2026, 3, 10, 10, 30, 0, 0, time.UTC)
	stamp  = time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	anna   = Person{ID: 7, Name: "Anna de Vries", Email: "anna@example.org"}
	office = Calendar{Location: schakel.ConsultationLocation{Mode: schakel.MeetInPerson, Place: "Stadhuis, kamer 2", Phone: "010-1234567"},
		OrganiserName: "Bram Bos", Organiser: "bram@example.org"}
	nowhere = Calendar{Organiser: "noreply@schakel.example"}
)

// has checks that got contains every one of want, in order.
func has(t *testing.T, what, got string, want ...string) {
	t.Helper()
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("%s lacks %q (in order) in:\n%s", what, w, got)
		}
		rest = rest[i+len(w):]
	}
}

func TestCrisis(t *testing.T) {
	tests := []struct {
		name     string
		where    Calendar
		covers   []string
		body     string
		calendar []string
	}{
		{"with a place", office, []string{"organisation:wijkteam", "role:jeugdarts"},
			"Beste Anna de Vries,\n\nU bent uitgenodigd voor een crisisoverleg over casus 12 op 10-03-2026 10:00 (uiterlijk 11:30).\n" +
				"Plaats: Stadhuis, kamer 2\nTelefoon: 010-1234567\nU bent gekozen voor: organisation:wijkteam, role:jeugdarts.\n\n" +
				"De gegevens van het gezin staan alleen in Schakel.\n\nSchakel\n",
			[]string{"METHOD:REQUEST", "UID:consultation-34@schakel", "LOCATION:Stadhuis\\, kamer 2", `ORGANIZER;CN="Bram Bos":mailto:bram@example.org`}},
		{"no place yet", nowhere, nil,
			"Beste Anna de Vries,\n\nU bent uitgenodigd voor een crisisoverleg over casus 12 op 10-03-2026 10:00 (uiterlijk 11:30).\n" +
				"U bent gekozen voor: .\n\nDe gegevens van het gezin staan alleen in Schakel.\n\nSchakel\n",
			[]string{"METHOD:REQUEST", "ORGANIZER:mailto:noreply@schakel.example"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Crisis(12, 34, at, due, stamp, anna, tt.where, tt.covers)
			want := Message{ProfessionalID: 7, Kind: "invitation", CaseID: 12, ConsultationID: 34,
				Notice: "U bent uitgenodigd voor een crisisoverleg over casus 12 op 10-03-2026 10:00 (uiterlijk 11:30).",
				To:     "anna@example.org", Subject: "Crisisoverleg casus 12 om 10:00", Body: tt.body, ICS: m.ICS}
			if m != want {
				t.Errorf("got %+v\nwant %+v", m, want)
			}
			has(t, "calendar", m.ICS, tt.calendar...)
			has(t, "calendar", m.ICS, "SUMMARY:Crisisoverleg Samen in Crisis – casus 12", "ATTENDEE")
			if strings.Contains(m.ICS, "LOCATION") != (tt.where.Location.Place != "") {
				t.Errorf("calendar's LOCATION does not follow the place:\n%s", m.ICS)
			}
		})
	}
}

func TestPlanned(t *testing.T) {
	tests := []struct {
		name, kind     string
		covers         []string
		subject, lines string
	}{
		{"MDO with needs named in Dutch", schakel.ConsultMDO, []string{"person:5", "odd"},
			"Multidisciplinair overleg (MDO) casus 12 op 10-03 10:00",
			"U bent erbij voor: de intakemedewerker die de melding aannam, odd.\n"},
		{"case conference without needs", schakel.ConsultCaseConference, nil, "Casusoverleg casus 12 op 10-03 10:00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Planned(12, 34, tt.kind, at, stamp, anna, office, tt.covers)
			text := "U bent uitgenodigd voor een " + KindDutch(tt.kind) + " over casus 12 op 10-03-2026 10:00."
			body := "Beste Anna de Vries,\n\n" + text + "\nPlaats: Stadhuis, kamer 2\nTelefoon: 010-1234567\n" + tt.lines +
				"\nDe gegevens van het gezin staan alleen in Schakel.\n\nSchakel\n"
			if m.Notice != text || m.Subject != tt.subject || m.Body != body || m.Kind != "invitation" || m.To != anna.Email {
				t.Errorf("got %+v\nwant notice %q, subject %q, body %q", m, text, tt.subject, body)
			}
			has(t, "calendar", m.ICS, "METHOD:REQUEST", "SEQUENCE:0", "DESCRIPTION:Open Schakel voor de gegevens (casus 12\\, overleg 34).")
		})
	}
}

func TestChange(t *testing.T) {
	bram := &schakel.Professional{ID: 8, Name: "Bram Bos"}
	moved := schakel.Consultation{ID: 34, CaseID: 12, Kind: schakel.ConsultMDO, Status: "planned", ScheduledAt: due, Sequence: 2}
	cancelled := moved
	cancelled.Status, cancelled.ScheduledAt = "cancelled", at
	tests := []struct {
		name            string
		c               schakel.Consultation
		to              Person
		notice, subject string
		body, method    string
	}{
		{"moved, told to an invitee", moved, anna,
			"Het multidisciplinair overleg (MDO) over casus 12 is verplaatst van 10-03-2026 10:00 naar 10-03-2026 11:30. Bram Bos: ziek",
			"Verplaatst: multidisciplinair overleg (MDO) casus 12 naar 10-03-2026 11:30",
			"Het multidisciplinair overleg (MDO) over casus 12 is verplaatst van 10-03-2026 10:00 naar 10-03-2026 11:30. Bram Bos: ziek\n" +
				"Plaats: Stadhuis, kamer 2\nTelefoon: 010-1234567", "METHOD:REQUEST"},
		{"cancelled, to the one who cancelled: no notice", cancelled, Person{ID: 8, Name: "Bram Bos", Email: "bram@example.org"}, "",
			"Afgezegd: multidisciplinair overleg (MDO) casus 12 op 10-03-2026 10:00",
			"Het multidisciplinair overleg (MDO) over casus 12 op 10-03-2026 10:00 gaat niet door. Bram Bos: ziek", "METHOD:CANCEL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Change(tt.c, at, "ziek", bram, stamp, tt.to, office)
			body := "Beste " + tt.to.Name + ",\n\n" + tt.body + "\n\nDe gegevens van het gezin staan alleen in Schakel.\n\nSchakel\n"
			if m.Notice != tt.notice || m.Subject != tt.subject || m.Body != body || m.Kind != "consultation_changed" || m.To != tt.to.Email {
				t.Errorf("got %+v\nwant notice %q, subject %q, body %q", m, tt.notice, tt.subject, body)
			}
			has(t, "calendar", m.ICS, tt.method, "SEQUENCE:2")
		})
	}
}

func TestLocation(t *testing.T) {
	bram := &schakel.Professional{ID: 8, Name: "Bram Bos"}
	c := schakel.Consultation{ID: 34, CaseID: 12, Kind: schakel.ConsultPlacementReview, Status: "planned", ScheduledAt: at, Sequence: 1}
	text := "Bram Bos heeft vastgelegd waar het plaatsingstafel over casus 12 op 10-03-2026 10:00 is."
	online := Calendar{Location: schakel.ConsultationLocation{Mode: schakel.MeetOnline}, Organiser: "bram@example.org"}
	tests := []struct {
		name          string
		to            Person
		where         Calendar
		notice, lines string
		calendar      string
	}{
		{"an invitee, in person", anna, office, text, "Plaats: Stadhuis, kamer 2\nTelefoon: 010-1234567\n", "LOCATION:Stadhuis\\, kamer 2"},
		{"the one who changed it, online without a link", Person{ID: 8, Name: "Bram Bos", Email: "bram@example.org"}, online, "",
			"Videoverbinding: de organisator zet de link in Schakel\n", "LOCATION:Online (videoverbinding)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Location(c, bram, stamp, tt.to, tt.where)
			body := "Beste " + tt.to.Name + ",\n\n" + text + "\n" + tt.lines + "\nDe gegevens van het gezin staan alleen in Schakel.\n\nSchakel\n"
			if m.Notice != tt.notice || m.Subject != "Plaats: plaatsingstafel casus 12 op 10-03-2026 10:00" || m.Body != body {
				t.Errorf("got %+v\nwant notice %q, body %q", m, tt.notice, body)
			}
			has(t, "calendar", m.ICS, "METHOD:REQUEST", "SEQUENCE:1", tt.calendar)
		})
	}
}
