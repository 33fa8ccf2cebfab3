package app_test

import (
	"context"
	"schakel/internal/app"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestMoveAndCancelConsultation: moving tells every invitee with an update
// of the same calendar event, a red case keeps its crisis table, a
// cancelled consultation leaves the work list, and refusals send nothing.
func TestMoveAndCancelConsultation(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newConsultWorld(t, db)
		crisis := w.crisis
		invited := crisis.Participants[0].Professional.ID
		mails := func(id int64) []storage.OutboxMessage {
			t.Helper()
			m, err := db.OutboxFor(ctx, id, 50)
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		before := len(mails(invited))
		why := "De vertrouwensarts kan pas een half uur later."

		// Bad input and refusals change nothing and send nothing.
		_, err := w.uc.MoveConsultation(ctx, w.sanne, crisis.ID, plan.ConsultationChange{ScheduledAt: crisis.ScheduledAt.Format(time.RFC3339), Reason: why})
		wantField(t, err, "scheduled_at")
		_, err = w.uc.MoveConsultation(ctx, w.sanne, crisis.ID, plan.ConsultationChange{ScheduledAt: crisis.ScheduledAt.Add(time.Hour).Format(time.RFC3339)})
		wantField(t, err, "reason")
		frank := demoActor(t, db, demo.Email("Frank", "kompas")) // a care provider not on this case
		_, err = w.uc.MoveConsultation(ctx, frank, crisis.ID, plan.ConsultationChange{ScheduledAt: crisis.ScheduledAt.Add(time.Hour).Format(time.RFC3339), Reason: why})
		wantCode(t, err, schakel.EFORBIDDEN)
		// Red goes to a joint consultation: it can move, not be cancelled.
		_, err = w.uc.CancelConsultation(ctx, w.sanne, crisis.ID, plan.ConsultationChange{Reason: "Niet meer nodig volgens mij."})
		wantCode(t, err, schakel.ECONFLICT)
		if n := len(mails(invited)); n != before {
			t.Fatalf("refused changes sent %d e-mails", n-before)
		}

		// Moving the crisis consultation half an hour: its deadline stays.
		to := crisis.ScheduledAt.Add(30 * time.Minute)
		moved, err := w.uc.MoveConsultation(ctx, w.sanne, crisis.ID, plan.ConsultationChange{ScheduledAt: to.Format(time.RFC3339), Reason: why})
		if err != nil {
			t.Fatal(err)
		}
		if !moved.ScheduledAt.Equal(to) || !moved.DueAt.Equal(crisis.DueAt) || moved.Sequence != 1 || len(moved.Changes) != 1 {
			t.Fatalf("moved %+v", moved)
		}
		if ch := moved.Changes[0]; ch.Kind != "moved" || !ch.From.Equal(crisis.ScheduledAt) || ch.To == nil || !ch.To.Equal(to) ||
			ch.Reason != why || ch.ChangedBy.ID != w.sanne.Professional.ID {
			t.Errorf("change %+v", ch)
		}
		for _, p := range moved.Participants {
			m := mails(p.Professional.ID)
			if len(m) == 0 || !strings.Contains(m[0].Subject, "Verplaatst") || !strings.Contains(m[0].ICS, "METHOD:REQUEST") ||
				!strings.Contains(m[0].ICS, "SEQUENCE:1") || !strings.Contains(m[0].ICS, "DTSTART:"+to.UTC().Format("20060102T150405Z")) {
				t.Fatalf("%s got no calendar update: %+v", p.Professional.Name, m[:min(1, len(m))])
			}
			if strings.Contains(m[0].Body, "Gelijktijdig") || strings.Contains(m[0].Body, "Noah") {
				t.Errorf("an e-mail names the family: %s", m[0].Body)
			}
		}

		// An MDO is cancelled: out of the work list, a calendar cancellation.
		mdo, err := w.uc.CreateConsultation(ctx, w.sanne, w.caseID, plan.ConsultationInput{Kind: schakel.ConsultMDO,
			ScheduledAt: w.now.Add(48 * time.Hour).Format(time.RFC3339), Invite: plan.Invite{ProfessionalIDs: []int64{w.mohamed.Professional.ID}}})
		if err != nil {
			t.Fatal(err)
		}
		mdoAt := w.now.Add(72 * time.Hour)
		if mdo, err = w.uc.MoveConsultation(ctx, w.sanne, mdo.ID, plan.ConsultationChange{ScheduledAt: mdoAt.Format(time.RFC3339), Reason: why}); err != nil {
			t.Fatal(err)
		}
		if !mdo.DueAt.Equal(mdoAt) {
			t.Errorf("an MDO is due when it starts: due %v, at %v", mdo.DueAt, mdoAt)
		}
		cancelled, err := w.uc.CancelConsultation(ctx, w.sanne, mdo.ID, plan.ConsultationChange{Reason: "Het gezin is verhuisd naar een andere regio."})
		if err != nil {
			t.Fatal(err)
		}
		if cancelled.Status != "cancelled" || cancelled.Sequence != 2 || len(cancelled.Changes) != 2 || cancelled.Changes[1].Kind != "cancelled" {
			t.Fatalf("cancelled %+v", cancelled)
		}
		m := mails(w.mohamed.Professional.ID)
		if !strings.Contains(m[0].ICS, "METHOD:CANCEL") || !strings.Contains(m[0].ICS, "SEQUENCE:2") || !strings.Contains(m[0].Subject, "Afgezegd") {
			t.Errorf("no calendar cancellation: %+v", m[0])
		}
		items, err := app.New(db).Worklist(ctx, w.mohamed, app.WorkFilter{Scope: "mine"})
		if err != nil {
			t.Fatal(err)
		}
		if slices.ContainsFunc(items, func(it storage.WorkItem) bool { return it.Kind == "consultation" && it.ConsultationID == mdo.ID }) {
			t.Error("a cancelled consultation stays in the work list")
		}
		if !slices.ContainsFunc(items, func(it storage.WorkItem) bool {
			return it.Kind == "notice" && it.ConsultationID == mdo.ID && strings.Contains(it.Title, "gaat niet door")
		}) {
			t.Errorf("no notice of the cancellation: %+v", items)
		}
		_, err = w.uc.MoveConsultation(ctx, w.sanne, mdo.ID, plan.ConsultationChange{ScheduledAt: mdoAt.Add(time.Hour).Format(time.RFC3339), Reason: why})
		wantCode(t, err, schakel.ECONFLICT)
		_, err = w.uc.CancelConsultation(ctx, w.sanne, mdo.ID, plan.ConsultationChange{Reason: "Nogmaals afzeggen lukt niet."})
		wantCode(t, err, schakel.ECONFLICT)

		// A held consultation stays as it was.
		w.now = to
		if _, err := w.uc.RecordAttendance(ctx, w.sanne, crisis.ID, plan.AttendanceInput{Present: []int64{w.sanne.Professional.ID}}); err != nil {
			t.Fatal(err)
		}
		_, err = w.uc.MoveConsultation(ctx, w.sanne, crisis.ID, plan.ConsultationChange{ScheduledAt: to.Add(time.Hour).Format(time.RFC3339), Reason: why})
		wantCode(t, err, schakel.ECONFLICT)
	})
}
