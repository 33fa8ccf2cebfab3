package app_test

import (
	"context"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestCrisisTableGetsItsLink: a crisis table planned by a report meets
// online, its link to come; the link added later reaches every invitee as
// an update of the same calendar event, with the planner as organiser.
func TestCrisisTableGetsItsLink(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newConsultWorld(t, db)
		if got := w.crisis.Location; got != (schakel.ConsultationLocation{Mode: schakel.MeetOnline}) {
			t.Fatalf("crisis table location %+v, want online without a link", got)
		}
		invitee := w.crisis.Participants[0].Professional.ID
		first, err := db.OutboxFor(ctx, invitee, 5)
		if err != nil || len(first) == 0 {
			t.Fatalf("no invitation: %v", err)
		}
		for _, s := range []string{"LOCATION:Online (videoverbinding)", `ORGANIZER;CN="` + w.sanne.Professional.Name + `":mailto:` + w.sanne.Professional.Email} {
			if !strings.Contains(first[0].ICS, s) {
				t.Errorf("first invitation lacks %q:\n%s", s, first[0].ICS)
			}
		}
		link := schakel.ConsultationLocation{Mode: schakel.MeetOnline, VideoURL: "https://meet.example.nl/crisis-1", Phone: "010 123 45 67"}
		c, err := w.uc.SetConsultationLocation(ctx, w.sanne, w.crisis.ID, link)
		if err != nil {
			t.Fatal(err)
		}
		if c.Location != link || c.Sequence != 1 {
			t.Fatalf("after the link: %+v, sequence %d", c.Location, c.Sequence)
		}
		for _, p := range c.Participants {
			m, err := db.OutboxFor(ctx, p.Professional.ID, 5)
			if err != nil || len(m) == 0 {
				t.Fatalf("%s: %v", p.Professional.Name, err)
			}
			for _, s := range []string{"METHOD:REQUEST", "SEQUENCE:1", "LOCATION:https://meet.example.nl/crisis-1", "URL;VALUE=URI:https://meet.example.nl/crisis-1"} {
				if !strings.Contains(m[0].ICS, s) {
					t.Errorf("%s's update lacks %q", p.Professional.Name, s)
				}
			}
			if !strings.Contains(m[0].Body, "Videoverbinding: https://meet.example.nl/crisis-1") || strings.Contains(m[0].Body, "Gelijktijdig") {
				t.Errorf("%s's e-mail: %s", p.Professional.Name, m[0].Body)
			}
		}
		_, err = w.uc.SetConsultationLocation(ctx, w.sanne, w.crisis.ID, link)
		wantField(t, err, "location.mode")
	})
}
