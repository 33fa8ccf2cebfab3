package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	ical "github.com/emersion/go-ical"

	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

type meetingJSON struct {
	ID           int64   `json:"id"`
	Sequence     int     `json:"sequence"`
	StartsAt     string  `json:"starts_at"`
	MovedFrom    *string `json:"moved_from"`
	Cancelled    bool    `json:"cancelled"`
	CancelReason string  `json:"cancel_reason"`
}

// TestFamilyMeetingChanges: the contact plans a conversation through the
// API, moves it on the findings page (bad input comes back beside the
// field) and cancels it through the API (a stale sequence is a conflict).
// The mother sees 'verplaatst' and 'gaat niet door' on her page and takes
// the calendar file through the family API, its SEQUENCE rising and its
// STATUS at last CANCELLED; the child not invited, a professional not on
// the case and a professional's token on the family API are refused.
func TestFamilyMeetingChanges(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		fam := ts.fileFamily(t, "Verzet")
		sanne := ts.Login(vtIntake)
		sanneAPI := ts.Bearer(vtIntake)
		mother := fam.member(t, ts, sanne, fam.mother, "eva.verzet")
		child := fam.member(t, ts, sanne, fam.child, "mila.verzet")
		base := "/api/v1/cases/" + itoa(fam.caseID) + "/family-meetings"
		loc := workdays.Location()
		day := func(d int) string { return ts.Clock.Now().In(loc).AddDate(0, 0, d).Format("2006-01-02") }

		bad := sanneAPI.SendJSON("POST", base, map[string]any{"date": day(-2), "time": "10:00", "minutes": 60, "location": map[string]any{"mode": "online", "video_url": "http://x"},
			"about": "", "person_ids": []int64{999999}, "professional_ids": []int64{}})
		wantStatus(t, bad, http.StatusUnprocessableEntity)
		fields := map[string]string{}
		for _, f := range bad.Problem(t).Errors {
			fields[f.Field] = f.Code
		}
		for field, code := range map[string]string{"date": "in_past", "about": "required", "person_ids[0]": "not_on_case", "professional_ids": "required"} {
			if fields[field] != code {
				t.Errorf("field %s: code %q, want %q (%v)", field, fields[field], code, fields)
			}
		}
		made := sanneAPI.SendJSON("POST", base, map[string]any{"date": day(6), "time": "10:30", "minutes": 60,
			"location": map[string]any{"mode": "in_person", "place": "Wijkcentrum De Brug"}, "about": "We praten over school.",
			"person_ids": []int64{fam.mother}, "professional_ids": []int64{ts.ProfessionalID(vtIntake)}})
		wantStatus(t, made, http.StatusCreated)
		var id struct{ ID int64 }
		made.JSON(t, &id)
		var list []meetingJSON
		listed := sanneAPI.Get(base)
		wantStatus(t, listed, http.StatusOK)
		listed.JSON(t, &list)
		if len(list) != 1 || list[0].ID != id.ID || list[0].Sequence != 0 || list[0].MovedFrom != nil {
			t.Fatalf("list %+v", list)
		}

		move := "/casussen/" + itoa(fam.caseID) + "/gezinsgesprekken/" + itoa(id.ID) + "/verplaatsen"
		form := url.Values{"sequence": {"0"}, "date": {day(8)}, "time": {"25:99"}, "minutes": {"45"}, "mode": {"online"}, "video_url": {"https://meet.example.nl/verzet"}}
		r := sanne.PostForm(move, form)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r, "Vul een datum en een tijd in", `aria-invalid="true"`, "https://meet.example.nl/verzet")
		form.Set("time", "14:00")
		r = sanne.PostForm(move, form)
		wantStatus(t, r, http.StatusSeeOther)
		wantContains(t, sanne.Get(r.Header.Get("Location")), "Het gesprek is verplaatst.", "Verplaatst; eerst")
		home := mother.Get("/gezin")
		wantContains(t, home, "Dit gesprek is verplaatst.", "10:30", "14:00 tot 14:45", `href="https://meet.example.nl/verzet"`)

		momAPI := familyAPIClient(t, ts, mother)
		childAPI := familyAPIClient(t, ts, child)
		file := "/api/v1/family/meetings/" + itoa(id.ID) + "/calendar.ics"
		ev := familyCalendar(t, momAPI, file)
		if seq, _ := ev.Props.Get(ical.PropSequence).Int(); seq != 1 {
			t.Errorf("SEQUENCE %d after the move, want 1", seq)
		}

		cancel := base + "/" + itoa(id.ID) + "/cancel"
		wantStatus(t, sanneAPI.SendJSON("POST", cancel, map[string]any{"sequence": 0, "reason": "Sanne is ziek."}), http.StatusConflict)
		wantStatus(t, sanneAPI.SendJSON("POST", cancel, map[string]any{"sequence": 1, "reason": " "}), http.StatusUnprocessableEntity)
		frank := ts.Bearer(demo.Email("Frank", "kompas"))
		wantStatus(t, frank.SendJSON("POST", cancel, map[string]any{"sequence": 1, "reason": "Weg ermee."}), http.StatusForbidden)
		wantStatus(t, frank.Get(base), http.StatusForbidden)
		done := sanneAPI.SendJSON("POST", cancel, map[string]any{"sequence": 1, "reason": "Sanne is ziek. We bellen u voor een nieuwe datum."})
		wantStatus(t, done, http.StatusOK)
		var m meetingJSON
		done.JSON(t, &m)
		if !m.Cancelled || m.Sequence != 2 || m.MovedFrom == nil {
			t.Errorf("cancelled %+v", m)
		}
		wantStatus(t, sanneAPI.SendJSON("POST", base+"/"+itoa(id.ID)+"/move", map[string]any{"sequence": 2, "date": day(9), "time": "10:00", "minutes": 30,
			"location": map[string]any{"mode": "in_person", "place": "Hier"}}), http.StatusConflict)

		home = mother.Get("/gezin")
		wantContains(t, home, "Dit gesprek gaat niet door.", "We bellen u voor een nieuwe datum.", "Haal uit mijn agenda")
		if strings.Contains(home.Body, "https://meet.example.nl/verzet") {
			t.Error("the video link of a cancelled conversation is still on the page")
		}
		ev = familyCalendar(t, momAPI, file)
		if st, _ := ev.Status(); st != ical.EventCancelled {
			t.Errorf("STATUS %q, want CANCELLED", st)
		}
		if seq, _ := ev.Props.Get(ical.PropSequence).Int(); seq != 2 {
			t.Errorf("SEQUENCE %d after the cancellation, want 2", seq)
		}
		wantStatus(t, childAPI.Get(file), http.StatusForbidden)
		wantStatus(t, sanneAPI.Get(file), http.StatusForbidden)
		wantStatus(t, ts.Anonymous().Get(file), http.StatusUnauthorized)
	})
}

// familyAPIClient makes a bearer token on the member's page and returns a
// client that sends it.
func familyAPIClient(t *testing.T, ts *testServer, member *client) *client {
	t.Helper()
	made := member.PostForm("/gezin/sleutels", url.Values{"name": {"Agenda"}})
	wantStatus(t, made, http.StatusOK)
	m := familyToken.FindStringSubmatch(made.Body)
	if m == nil {
		t.Fatalf("no token shown:\n%s", truncateBody(made.Body))
	}
	api := ts.Anonymous()
	api.Header = http.Header{"Authorization": {"Bearer " + m[1]}}
	return api
}

func familyCalendar(t *testing.T, api *client, path string) ical.Event {
	t.Helper()
	r := api.Get(path)
	wantStatus(t, r, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		t.Errorf("Content-Type %q", ct)
	}
	cal, err := ical.NewDecoder(strings.NewReader(r.Body)).Decode()
	if err != nil || len(cal.Events()) != 1 {
		t.Fatalf("calendar file: %v\n%s", err, r.Body)
	}
	return cal.Events()[0]
}
