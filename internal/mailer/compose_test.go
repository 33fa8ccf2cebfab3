package mailer_test

import (
	"bytes"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"schakel/internal/ics"
	"schakel/internal/mailer"
	"schakel/internal/storage"
)

// TestEveryMessageIDIsUnique: composing the same outbox message twice (a
// retry) and messages of two databases with the same outbox id never give
// the same Message-ID, and the id carries the sender's domain.
func TestEveryMessageIDIsUnique(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		raw, err := mailer.Compose("Schakel <noreply@schakel.example>", storage.OutboxMessage{ID: int64(i % 3), To: "a@b.example", Subject: "S", Body: "B"}, now)
		if err != nil {
			t.Fatal(err)
		}
		msg, err := mail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		id := msg.Header.Get("Message-ID")
		if seen[id] {
			t.Fatalf("Message-ID %s used twice", id)
		}
		seen[id] = true
		if !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@schakel.example>") {
			t.Errorf("Message-ID %q: want <…@schakel.example>", id)
		}
	}
}

// TestCalendarPartNamesTheCalendarsMethod: the text/calendar part says
// method=REQUEST for an invitation and method=CANCEL for a cancellation,
// the same as the METHOD inside (RFC 6047, 2.4).
func TestCalendarPartNamesTheCalendarsMethod(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	ev := ics.Event{UID: "consultation-7@schakel", Start: now.Add(time.Hour), End: now.Add(2 * time.Hour), Stamp: now, Summary: "Crisisoverleg"}
	for _, tc := range []struct {
		name, ics, method string
	}{
		{"invitation", ics.Request(ev), "REQUEST"},
		{"cancellation", ics.Cancel(ev), "CANCEL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := mailer.Compose("noreply@schakel.example", storage.OutboxMessage{ID: 7, To: "a@b.example", Subject: "S", Body: "B", ICS: tc.ics}, now)
			if err != nil {
				t.Fatal(err)
			}
			msg, err := mail.ReadMessage(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
			if err != nil {
				t.Fatal(err)
			}
			mr := multipart.NewReader(msg.Body, params["boundary"])
			found := false
			for {
				part, err := mr.NextPart()
				if err != nil {
					break
				}
				mt, p, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
				if err != nil || mt != "text/calendar" {
					continue
				}
				found = true
				if p["method"] != tc.method {
					t.Errorf("MIME method=%q, want %q", p["method"], tc.method)
				}
			}
			if !found {
				t.Fatal("no text/calendar part")
			}
		})
	}
}
