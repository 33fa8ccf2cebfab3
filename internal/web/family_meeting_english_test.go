package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	ical "github.com/emersion/go-ical"

	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestFamilyMeetingCalendarLanguage: the calendar file of a planned
// conversation speaks the family member's language, from the family's
// page (cookie or browser language) and from the family API
// (Accept-Language): its summary, who comes, that it moved and from when,
// that it does not go ahead. What the professional wrote stays as written.
func TestFamilyMeetingCalendarLanguage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		fam := ts.fileFamily(t, "Kalender")
		sanne := ts.Login(vtIntake)
		sanneAPI := ts.Bearer(vtIntake)
		mother := fam.member(t, ts, sanne, fam.mother, "eva.kalender")
		base := "/api/v1/cases/" + itoa(fam.caseID) + "/family-meetings"
		day := func(d int) string {
			return ts.Clock.Now().In(workdays.Location()).AddDate(0, 0, d).Format("2006-01-02")
		}
		plan := func(about string) int64 {
			t.Helper()
			made := sanneAPI.SendJSON("POST", base, map[string]any{"date": day(6), "time": "10:30", "minutes": 60,
				"location": map[string]any{"mode": "in_person", "place": "Stadhuis"}, "about": about,
				"person_ids": []int64{fam.mother}, "professional_ids": []int64{ts.ProfessionalID(vtIntake)}})
			wantStatus(t, made, http.StatusCreated)
			var id struct{ ID int64 }
			made.JSON(t, &id)
			return id.ID
		}
		moved, cancelled := plan("Sanne-Eva."), plan("Mila-Eva.")
		wantStatus(t, sanneAPI.SendJSON("POST", base+"/"+itoa(moved)+"/move", map[string]any{"sequence": 0, "date": day(8), "time": "14:00", "minutes": 45,
			"location": map[string]any{"mode": "in_person", "place": "Stadhuis"}}), http.StatusOK)
		wantStatus(t, sanneAPI.SendJSON("POST", base+"/"+itoa(cancelled)+"/cancel", map[string]any{"sequence": 0, "reason": "Sanne-Mila."}), http.StatusOK)
		api := familyAPIClient(t, ts, mother)

		for _, tc := range []struct {
			lang            string
			summary, gone   string
			want, forbidden []string
		}{
			{"en", "Conversation about your family", "Cancelled: conversation about your family",
				[]string{"This conversation has moved. First it was on ", "Who comes: ", "This conversation will not take place. Sanne-Mila."}, dutchFixedWords},
			{"nl", "Gesprek over uw gezin", "Gaat niet door: gesprek over uw gezin",
				[]string{"Dit gesprek is verplaatst. Eerst was het op ", "Wie komen er: ", "Dit gesprek gaat niet door. Sanne-Mila."}, []string{"conversation", " on ", "comes"}},
		} {
			t.Run(tc.lang, func(t *testing.T) {
				mother.Header = http.Header{"Accept-Language": {tc.lang}}
				api.Header.Set("Accept-Language", tc.lang)
				var text string
				for _, ev := range []ical.Event{
					familyCalendar(t, mother, "/gezin/gesprekken/"+itoa(moved)+"/agenda.ics"),
					familyCalendar(t, api, "/api/v1/family/meetings/"+itoa(moved)+"/calendar.ics"),
					familyCalendar(t, api, "/api/v1/family/meetings/"+itoa(cancelled)+"/calendar.ics"),
				} {
					summary, _ := ev.Props.Text(ical.PropSummary)
					desc, _ := ev.Props.Text(ical.PropDescription)
					if st, _ := ev.Status(); summary != map[bool]string{false: tc.summary, true: tc.gone}[st == ical.EventCancelled] {
						t.Errorf("SUMMARY %q (status %q)", summary, st)
					}
					if !strings.Contains(desc, "Sanne-Eva.") && !strings.Contains(desc, "Mila-Eva.") {
						t.Errorf("the professional's words are gone: %q", desc)
					}
					text += " " + summary + " " + desc + " "
				}
				for _, w := range tc.want {
					if !strings.Contains(text, w) {
						t.Errorf("lacks %q: %q", w, text)
					}
				}
				low := " " + strings.ToLower(strings.Join(strings.Fields(text), " ")) + " "
				for _, w := range tc.forbidden {
					if strings.Contains(low, w) {
						t.Errorf("holds %q: %q", w, text)
					}
				}
			})
		}
		// The language chosen on the page (a cookie) counts for the page's file.
		mother.Header = nil
		wantStatus(t, mother.PostForm("/gezin/taal", url.Values{"taal": {"en"}, "terug": {"/gezin"}}), http.StatusSeeOther)
		ev := familyCalendar(t, mother, "/gezin/gesprekken/"+itoa(moved)+"/agenda.ics")
		if s, _ := ev.Props.Text(ical.PropSummary); s != "Conversation about your family" {
			t.Errorf("with the English cookie: SUMMARY %q", s)
		}
	})
}
