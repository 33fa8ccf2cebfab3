package app_test

import (
	"context"
	"fmt"
	"schakel/internal/familyview"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/audit"
	"schakel/internal/demo"
	"schakel/internal/ics"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestFamilyMeetingChanges: a planned conversation is moved and then
// cancelled by a professional on the case; the invited family member sees
// both on their page and in a calendar file whose SEQUENCE rises and whose
// STATUS is CANCELLED at the end (read back with go-ical). An outsider, a
// stale version, another case's id, bad input and a second change after
// the cancellation are refused with only their audit entry.
func TestFamilyMeetingChanges(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		f := newShelterFamily(t, ctx, db, uc, sanne, "Verzet")
		other := newShelterFamily(t, ctx, db, uc, sanne, "Anders")
		loc := workdays.Location()
		day := func(d int) string { return time.Now().In(loc).AddDate(0, 0, d).Format("2006-01-02") }
		id, err := uc.PlanFamilyMeeting(ctx, sanne, f.caseID, plan.FamilyMeetingInput{Date: day(7), Time: "10:30", Minutes: 60,
			About: "We praten over school.", Location: schakel.ConsultationLocation{Mode: schakel.MeetInPerson, Place: "Wijkcentrum De Brug"},
			PersonIDs: []int64{f.mother}, ProfessionalIDs: []int64{sanne.Professional.ID}})
		if err != nil {
			t.Fatal(err)
		}
		mother := f.activate(t, ctx, db, uc, f.mother)
		move := plan.MeetingMoveInput{Date: day(9), Time: "14:00", Minutes: 45,
			Location: schakel.ConsultationLocation{Mode: schakel.MeetOnline, VideoURL: "https://meet.example.nl/verzet"}}

		// A refusal of access leaves its audit entry; a refusal of the input
		// or the state leaves nothing (the guard's entry rolls back with it).
		for name, tc := range map[string]struct {
			code string
			do   func() error
		}{
			"an outsider moves": {schakel.EFORBIDDEN, func() error {
				return discard(uc.MoveFamilyMeeting(ctx, demoActor(t, db, demo.Email("Frank", "kompas")), f.caseID, id, 0, move))
			}},
			"an outsider cancels": {schakel.EFORBIDDEN, func() error {
				return discard(uc.CancelFamilyMeeting(ctx, demoActor(t, db, demo.Email("Frank", "kompas")), f.caseID, id, 0, "Ziek."))
			}},
			"through another case": {schakel.ENOTFOUND, func() error { return discard(uc.MoveFamilyMeeting(ctx, sanne, other.caseID, id, 0, move)) }},
			"a stale version":      {schakel.ECONFLICT, func() error { return discard(uc.MoveFamilyMeeting(ctx, sanne, f.caseID, id, 3, move)) }},
			"into the past": {schakel.EINVALID, func() error {
				return discard(uc.MoveFamilyMeeting(ctx, sanne, f.caseID, id, 0, plan.MeetingMoveInput{Date: day(-1), Time: "10:00", Minutes: 60, Location: move.Location}))
			}},
			"cancel without a reason": {schakel.EINVALID, func() error { return discard(uc.CancelFamilyMeeting(ctx, sanne, f.caseID, id, 0, "  ")) }},
		} {
			t.Run("refused: "+name, func(t *testing.T) {
				if tc.code == schakel.EFORBIDDEN {
					refusedAndAudited(t, db, tc.code, tc.do)
				} else {
					nothingWritten(t, db, tc.code, tc.do)
				}
			})
		}

		if _, err := uc.MoveFamilyMeeting(ctx, sanne, f.caseID, id, 0, move); err != nil {
			t.Fatalf("move: %v", err)
		}
		t.Run("the mother sees the move", func(t *testing.T) {
			l := meetingLine(t, ctx, uc, mother, id)
			if !strings.Contains(l.MovedFrom, "10:30") || !strings.Contains(l.When, "14:00 tot 14:45") || l.VideoURL == "" || l.Cancelled {
				t.Errorf("moved line %+v", l)
			}
			ev := calendarEvent(t, ctx, uc, mother, id)
			if seq, _ := ev.Props.Get(ical.PropSequence).Int(); seq != 1 {
				t.Errorf("SEQUENCE %d, want 1", seq)
			}
			if st, _ := ev.Status(); st != ical.EventConfirmed {
				t.Errorf("STATUS %q", st)
			}
			if start, err := ev.DateTimeStart(time.UTC); err != nil || start.In(loc).Format("15:04") != "14:00" {
				t.Errorf("DTSTART %v %v", start, err)
			}
		})

		if _, err := uc.CancelFamilyMeeting(ctx, sanne, f.caseID, id, 1, "Sanne is ziek. We bellen u voor een nieuwe datum."); err != nil {
			t.Fatalf("cancel: %v", err)
		}
		t.Run("the mother sees the cancellation", func(t *testing.T) {
			l := meetingLine(t, ctx, uc, mother, id)
			if !l.Cancelled || !strings.Contains(l.CancelReason, "ziek") || l.VideoURL != "" {
				t.Errorf("cancelled line %+v", l)
			}
			ev := calendarEvent(t, ctx, uc, mother, id)
			if seq, _ := ev.Props.Get(ical.PropSequence).Int(); seq != 2 {
				t.Errorf("SEQUENCE %d, want 2", seq)
			}
			if st, _ := ev.Status(); st != ical.EventCancelled {
				t.Errorf("STATUS %q, want CANCELLED", st)
			}
			if uid, _ := ev.Props.Text(ical.PropUID); uid != fmt.Sprintf("family-meeting-%d@schakel", id) {
				t.Errorf("UID %q changed", uid)
			}
		})
		t.Run("refused: a change after the cancellation", func(t *testing.T) {
			nothingWritten(t, db, schakel.ECONFLICT, func() error { return discard(uc.MoveFamilyMeeting(ctx, sanne, f.caseID, id, 2, move)) })
		})
		t.Run("audited", func(t *testing.T) {
			var details []string
			err := db.View(ctx, func(tx *storage.Tx) error {
				es, err := tx.AuditEntries(storage.AuditFilter{OrganisationID: sanne.Professional.Organisation.ID, UserID: sanne.Professional.ID, Event: audit.EventUpdate, Outcome: "allowed", Limit: 20})
				for _, e := range es {
					details = append(details, e.Detail)
				}
				return err
			})
			all := strings.Join(details, "|")
			for _, want := range []string{fmt.Sprintf("moved family conversation %d", id), fmt.Sprintf("cancelled family conversation %d", id)} {
				if err != nil || !strings.Contains(all, want) {
					t.Errorf("no %q in the trail: %v %s", want, err, all)
				}
			}
		})
		t.Run("the list for the case", func(t *testing.T) {
			ms, err := uc.CaseFamilyMeetings(ctx, sanne, f.caseID)
			if err != nil || len(ms) != 1 || !ms[0].Cancelled() || ms[0].Sequence != 2 {
				t.Fatalf("list %+v %v", ms, err)
			}
			refusedAndAudited(t, db, schakel.EFORBIDDEN, func() error {
				_, err := uc.CaseFamilyMeetings(ctx, demoActor(t, db, demo.Email("Frank", "kompas")), f.caseID)
				return err
			})
		})
	})
}

func discard(_ schakel.FamilyMeeting, err error) error { return err }

// nothingWritten runs a command that must fail with code and leave every
// table as it was.
func nothingWritten(t *testing.T, db *storage.DB, code string, command func() error) {
	t.Helper()
	ctx := context.Background()
	before, err := db.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := command(); schakel.ErrorCode(err) != code {
		t.Fatalf("error %v, want code %s", err, code)
	}
	after, err := db.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range after {
		if n != before[table] {
			t.Errorf("table %s changed by %d rows", table, n-before[table])
		}
	}
}

func meetingLine(t *testing.T, ctx context.Context, uc *app.App, a *schakel.Actor, id int64) familyview.MeetingLine {
	t.Helper()
	h, err := uc.FamilyView(ctx, a, dutch)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range h.View.Meetings {
		if l.ID == id {
			return l
		}
	}
	t.Fatalf("meeting %d not in the view", id)
	return familyview.MeetingLine{}
}

func calendarEvent(t *testing.T, ctx context.Context, uc *app.App, a *schakel.Actor, id int64) ical.Event {
	t.Helper()
	ev, err := uc.FamilyMeetingCalendar(ctx, a, id, dutch)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ical.NewDecoder(strings.NewReader(ics.Download(ev))).Decode()
	if err != nil || len(cal.Events()) != 1 {
		t.Fatalf("parse: %v", err)
	}
	return cal.Events()[0]
}
