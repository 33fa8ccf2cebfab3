package plan

import (
	"testing"
	"time"

	"schakel"
)

func TestValidateFamilyMeeting(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	persons, pros := map[int64]bool{1: true}, map[int64]bool{7: true}
	ok := FamilyMeetingInput{Date: "2026-12-07", Time: "10:30", Minutes: 60, About: "Over school.", PersonIDs: []int64{1}, ProfessionalIDs: []int64{7},
		Location: schakel.ConsultationLocation{Mode: schakel.MeetInPerson, Place: "Wijkcentrum"}}
	tests := []struct {
		name  string
		edit  func(*FamilyMeetingInput)
		field string
	}{
		{"valid", func(*FamilyMeetingInput) {}, ""},
		{"in the past", func(in *FamilyMeetingInput) { in.Date = "2026-11-30" }, "date"},
		{"more than a year ahead", func(in *FamilyMeetingInput) { in.Date = "2028-01-01" }, "date"},
		{"no time", func(in *FamilyMeetingInput) { in.Time = "" }, "date"},
		{"too short", func(in *FamilyMeetingInput) { in.Minutes = 10 }, "minutes"},
		{"too long", func(in *FamilyMeetingInput) { in.Minutes = 300 }, "minutes"},
		{"no place", func(in *FamilyMeetingInput) { in.Location.Place = "" }, "location.place"},
		{"by phone", func(in *FamilyMeetingInput) { in.Location.Mode = schakel.MeetPhone }, "location.mode"},
		{"no way in", func(in *FamilyMeetingInput) { in.Location = schakel.ConsultationLocation{} }, "location.mode"},
		{"video over http", func(in *FamilyMeetingInput) {
			in.Location = schakel.ConsultationLocation{Mode: schakel.MeetOnline, VideoURL: "http://meet.example.nl/x"}
		}, "location.video_url"},
		{"no subject", func(in *FamilyMeetingInput) { in.About = "  " }, "about"},
		{"nobody of the family", func(in *FamilyMeetingInput) { in.PersonIDs = nil }, "person_ids"},
		{"someone of another family", func(in *FamilyMeetingInput) { in.PersonIDs = []int64{2} }, "person_ids[0]"},
		{"no professional", func(in *FamilyMeetingInput) { in.ProfessionalIDs = nil }, "professional_ids"},
		{"an inactive professional", func(in *FamilyMeetingInput) { in.ProfessionalIDs = []int64{8} }, "professional_ids[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok
			tt.edit(&in)
			start, _, err := ValidateFamilyMeeting(in, now, loc, persons, pros)
			if tt.field == "" {
				if err != nil || !start.Equal(time.Date(2026, 12, 7, 9, 30, 0, 0, time.UTC)) {
					t.Fatalf("start %v, err %v", start, err)
				}
				return
			}
			found := false
			for _, f := range schakel.FieldErrors(err) {
				found = found || f.Field == tt.field
			}
			if !found {
				t.Errorf("no error on %s: %v", tt.field, err)
			}
		})
	}
}
