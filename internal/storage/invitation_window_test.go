package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestInvitationWindow: an invitation lets the invitee read the case until
// they decline, or until the grace period after the consultation was held;
// a refused read leaves its audit entry.
func TestInvitationWindow(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		in := baseReport()
		in.Indicators = []string{"child_afraid_to_go_home", "no_safe_caregiver"}
		res, err := app.New(db).CreateReport(ctx, sanne, in, "")
		if err != nil || res.Consultation == nil {
			t.Fatalf("red report: %v %+v", err, res)
		}
		var invitees []*schakel.Actor
		for _, p := range res.Consultation.Participants {
			if p.Professional.Organisation.Kind != schakel.VeiligThuis {
				pro, err := db.Professional(ctx, p.Professional.ID)
				if err != nil {
					t.Fatal(err)
				}
				invitees = append(invitees, &schakel.Actor{Professional: &pro, ClientAddr: "127.0.0.1"})
			}
		}
		if len(invitees) < 2 {
			t.Fatalf("want two invitees outside Veilig Thuis, got %d", len(invitees))
		}
		stays, leaves := invitees[0], invitees[1]
		for _, a := range invitees {
			if _, err := app.New(db).Case(ctx, a, res.CaseID); err != nil {
				t.Fatalf("%s is invited but cannot read the case: %v", a.Professional.Name, err)
			}
		}

		// Declining ends the access at once; the organiser is told.
		if _, err := app.New(db).DeclineInvitation(ctx, leaves, res.Consultation.ID, ""); schakel.ErrorCode(err) != schakel.EINVALID {
			t.Fatalf("decline without a reason: %v", err)
		}
		if _, err := app.New(db).DeclineInvitation(ctx, leaves, res.Consultation.ID, "Ik zit dan bij de rechtbank."); err != nil {
			t.Fatal(err)
		}
		if _, err := app.New(db).DeclineInvitation(ctx, leaves, res.Consultation.ID, "Nog eens."); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Errorf("declining twice: %v", err)
		}
		if _, err := app.New(db).Case(ctx, leaves, res.CaseID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("after declining: %v", err)
		}
		outsider := w.actor(t, demo.Email("Joost", "vt"))
		if _, err := app.New(db).DeclineInvitation(ctx, outsider, res.Consultation.ID, "Ik ben niet uitgenodigd."); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("declining someone else's invitation: %v", err)
		}

		// Held (attendance once it began): the invitation holds for the
		// grace period, then ends.
		held := res.Consultation.ScheduledAt
		db.Now = func() time.Time { return held }
		if _, err := app.New(db).RecordAttendance(ctx, sanne, res.Consultation.ID, plan.AttendanceInput{Present: []int64{sanne.Professional.ID, stays.Professional.ID}}); err != nil {
			t.Fatal(err)
		}
		if _, err := app.New(db).Case(ctx, stays, res.CaseID); err != nil {
			t.Fatalf("right after the meeting: %v", err)
		}
		later := held.Add(db.InvitationGrace + time.Hour)
		db.Now = func() time.Time { return later }
		if _, err := app.New(db).Case(ctx, stays, res.CaseID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("%v after the meeting: %v", db.InvitationGrace+time.Hour, err)
		}
		if _, err := app.New(db).Case(ctx, sanne, res.CaseID); err != nil {
			t.Errorf("the organisation on the case: %v", err)
		}
	})
}
