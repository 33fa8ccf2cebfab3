package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/familytext"
	"schakel/internal/ics"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// dutch is the language of the family members in these tests.
var dutch = familytext.Get(familytext.Dutch)

// TestFamilyMeetings: a planned conversation is seen only by the invited
// family members, in their view and as a calendar file; a shelter's
// worker is named only to whom stays there; anyone else is refused with
// only the audit entry.
func TestFamilyMeetings(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		yasmina := demoActor(t, db, demo.Email("Yasmina", "blijf"))
		f := newShelterFamily(t, ctx, db, uc, sanne, "Afspraak")
		shelterStay(t, ctx, db, uc, f)
		day := time.Now().In(workdays.Location()).AddDate(0, 0, 7).Format("2006-01-02")
		in := plan.FamilyMeetingInput{Date: day, Time: "10:30", Minutes: 60, About: "We praten over de afspraken voor school.",
			Location:  schakel.ConsultationLocation{Mode: schakel.MeetInPerson, Place: "Wijkcentrum De Brug, Hoofdweg 1"},
			PersonIDs: []int64{f.mother, f.father}, ProfessionalIDs: []int64{sanne.Professional.ID, yasmina.Professional.ID}}

		t.Run("bad input", func(t *testing.T) {
			bad := plan.FamilyMeetingInput{Date: "2020-01-01", Time: "10:00", Minutes: 5, Location: schakel.ConsultationLocation{Mode: schakel.MeetOnline, VideoURL: "http://x"},
				PersonIDs: []int64{999999}}
			_, err := uc.PlanFamilyMeeting(ctx, sanne, f.caseID, bad)
			fields := map[string]bool{}
			for _, fe := range schakel.FieldErrors(err) {
				fields[fe.Field] = true
			}
			for _, want := range []string{"date", "minutes", "location.video_url", "about", "person_ids[0]", "professional_ids"} {
				if !fields[want] {
					t.Errorf("no error on %s: %v", want, err)
				}
			}
		})
		t.Run("an outsider cannot plan", func(t *testing.T) {
			refusedAndAudited(t, db, schakel.EFORBIDDEN, func() error {
				_, err := uc.PlanFamilyMeeting(ctx, demoActor(t, db, demo.Email("Frank", "kompas")), f.caseID, in)
				return err
			})
		})
		both, err := uc.PlanFamilyMeeting(ctx, sanne, f.caseID, in)
		if err != nil {
			t.Fatalf("plan: %v", err)
		}
		in.PersonIDs, in.Location = []int64{f.child12}, schakel.ConsultationLocation{Mode: schakel.MeetOnline, VideoURL: "https://meet.example.nl/sem"}
		childOnly, err := uc.PlanFamilyMeeting(ctx, sanne, f.caseID, in)
		if err != nil {
			t.Fatalf("plan: %v", err)
		}

		mother, father, child := f.activate(t, ctx, db, uc, f.mother), f.activate(t, ctx, db, uc, f.father), f.activate(t, ctx, db, uc, f.child12)
		seen := func(a *schakel.Actor) map[int64]string {
			h, err := uc.FamilyView(ctx, a, dutch)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]string{}
			for _, m := range h.View.Meetings {
				out[m.ID] = strings.Join(m.Who, ", ")
			}
			return out
		}
		for name, tc := range map[string]struct {
			who      *schakel.Actor
			sees     []int64
			shelters bool
		}{"mother in the shelter": {mother, []int64{both}, true}, "father": {father, []int64{both}, false}, "child of 12": {child, []int64{childOnly}, false}} {
			t.Run(name, func(t *testing.T) {
				got := seen(tc.who)
				if len(got) != len(tc.sees) {
					t.Fatalf("sees %v, want %v", got, tc.sees)
				}
				for _, id := range tc.sees {
					who, ok := got[id]
					if !ok {
						t.Fatalf("does not see meeting %d", id)
					}
					if strings.Contains(who, "Yasmina") != (tc.shelters && id == both) {
						t.Errorf("the shelter's worker in %q", who)
					}
				}
			})
		}
		t.Run("calendar file for the invited", func(t *testing.T) {
			ev, err := uc.FamilyMeetingCalendar(ctx, mother, both, dutch)
			if err != nil {
				t.Fatal(err)
			}
			cal, err := ical.NewDecoder(strings.NewReader(ics.Download(ev))).Decode()
			if err != nil || len(cal.Events()) != 1 {
				t.Fatalf("parse: %v", err)
			}
			if loc, _ := cal.Events()[0].Props.Text(ical.PropLocation); loc != "Wijkcentrum De Brug, Hoofdweg 1" {
				t.Errorf("LOCATION %q", loc)
			}
			ev, err = uc.FamilyMeetingCalendar(ctx, father, both, dutch)
			if err != nil || strings.Contains(ev.Description, "Yasmina") {
				t.Errorf("the father's calendar file: %v %q", err, ev.Description)
			}
		})
		for name, tc := range map[string]struct {
			who *schakel.Actor
			id  int64
		}{"a parent not invited": {mother, childOnly}, "a child not invited": {child, both}, "an unknown meeting": {father, 987654}} {
			t.Run("refused: "+name, func(t *testing.T) {
				refusedAndAudited(t, db, schakel.EFORBIDDEN, func() error { _, err := uc.FamilyMeetingCalendar(ctx, tc.who, tc.id, dutch); return err })
			})
		}
	})
}
