package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestConsultationsOfEveryKind plans an MDO with invitations by
// organisation and expertise, adds an expert and an agenda point, and
// records who attended.
func TestConsultationsOfEveryKind(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newConsultWorld(t, db)
		w.join(t, w.fatma, schakel.RoleUitvoering)
		at := time.Date(2026, 11, 26, 14, 0, 0, 0, w.now.Location())
		c, err := w.uc.CreateConsultation(ctx, w.sanne, w.caseID, plan.ConsultationInput{Kind: schakel.ConsultMDO, ScheduledAt: at.Format(time.RFC3339),
			Title: "MDO gezin De Jong", Agenda: []string{"Veiligheid van Noah", "Plan van aanpak"},
			Invite: plan.Invite{OrganisationIDs: []int64{w.org(t, "Fatma", "jb"), w.org(t, "Wouter", "raad")}, Expertises: []string{"honour_related_violence", "debt_counselling"}}})
		if err != nil {
			t.Fatal(err)
		}
		if c.Kind != schakel.ConsultMDO || len(c.Agenda) != 2 || c.Title != "MDO gezin De Jong" || !c.ScheduledAt.Equal(at.UTC()) {
			t.Fatalf("consultation %+v", c)
		}
		covered := map[string]int64{}
		for _, p := range c.Participants {
			for _, cv := range p.Covers {
				covered[cv] = p.Professional.ID
			}
		}
		if covered["organisation:jeugdbescherming"] != w.fatma.Professional.ID {
			t.Errorf("Jeugdbescherming's contact on the case should be invited: %+v", c.Participants)
		}
		for _, need := range []string{"organisation:raad", "expertise:honour_related_violence", "expertise:debt_counselling"} {
			if covered[need] == 0 {
				t.Errorf("need %s not covered: %+v missing %v", need, c.Participants, c.Missing)
			}
		}
		// Every invitee has it in the work list and an e-mail with a calendar invitation.
		for _, p := range c.Participants {
			mails, _ := db.OutboxFor(ctx, p.Professional.ID, 5)
			if len(mails) == 0 || mails[0].ICS == "" {
				t.Errorf("%s got no invitation", p.Professional.Name)
			}
		}
		// An expert added at any moment, with the reason.
		c2, err := w.uc.AddConsultationParticipant(ctx, w.sanne, c.ID, plan.Invite{Expertises: []string{"sexual_violence"}, Reason: "Vermoeden van seksueel misbruik kwam op"})
		if err != nil {
			t.Fatal(err)
		}
		if len(c2.Participants) <= len(c.Participants) {
			t.Errorf("no one added")
		}
		_, err = w.uc.AddConsultationParticipant(ctx, w.sanne, c.ID, plan.Invite{Expertises: []string{"sexual_violence"}})
		wantField(t, err, "reason")
		if _, err := w.uc.AddAgendaItem(ctx, w.fatma, c.ID, "Rondvraag"); err != nil {
			t.Fatal(err)
		}
		// Attendance: not before the consultation began; then it is held.
		present := []int64{w.sanne.Professional.ID, w.fatma.Professional.ID}
		_, err = w.uc.RecordAttendance(ctx, w.sanne, c.ID, plan.AttendanceInput{Present: present})
		wantCode(t, err, schakel.ECONFLICT)
		if fs := schakel.FieldErrors(err); len(fs) != 1 || fs[0].Code != "not_started" || !strings.Contains(schakel.ErrorMessage(err), "26-11-2026 om 14:00") {
			t.Fatalf("attendance before the start: %v %+v", err, fs)
		}
		w.now = at.Add(5 * time.Minute)
		held, err := w.uc.RecordAttendance(ctx, w.sanne, c.ID, plan.AttendanceInput{Present: present, Absent: []int64{c.Participants[len(c.Participants)-1].Professional.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if held.Status != "held" || held.HeldAt == nil || len(held.Agenda) != 3 {
			t.Fatalf("held %+v", held)
		}
		n := 0
		for _, p := range held.Participants {
			if p.Attended != nil && *p.Attended {
				n++
			}
		}
		if n != 2 {
			t.Fatalf("%d present", n)
		}
		// Bad input.
		_, err = w.uc.CreateConsultation(ctx, w.sanne, w.caseID, plan.ConsultationInput{Kind: "borrel", ScheduledAt: "2026-11-01T10:00:00Z"})
		wantField(t, err, "kind")
		wantField(t, err, "scheduled_at")
		wantField(t, err, "invite")
	})
}
