package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	ical "github.com/emersion/go-ical"

	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestFamilyMeetingScreens: the contact plans a conversation with the
// mother from the case (bad input comes back beside the fields with what
// was typed); the mother sees it on her page and downloads it for her
// calendar; the child of 13, not invited, sees nothing and is refused the
// file.
func TestFamilyMeetingScreens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		fam := ts.fileFamily(t, "Afspraak")
		sanne := ts.Login(vtIntake)
		mother := fam.member(t, ts, sanne, fam.mother, "eva.afspraak")
		child := fam.member(t, ts, sanne, fam.child, "mila.afspraak")
		path := "/casussen/" + itoa(fam.caseID) + "/gezinsgesprekken"
		day := ts.Clock.Now().In(workdays.Location()).AddDate(0, 0, 5).Format("2006-01-02")
		form := url.Values{"date": {day}, "time": {"14:00"}, "minutes": {"45"}, "mode": {"online"}, "video_url": {"http://niet-veilig.example"},
			"about": {"We praten over hoe het thuis gaat."}, "person_ids": {itoa(fam.mother)}, "professional_ids": {itoa(ts.ProfessionalID(vtIntake))}}

		bad := sanne.PostForm(path, form)
		wantStatus(t, bad, http.StatusUnprocessableEntity)
		wantContains(t, bad, "Een videolink begint met https://", "We praten over hoe het thuis gaat.", `aria-invalid="true"`)
		form.Set("video_url", "https://meet.example.nl/gezin-afspraak")
		ok := sanne.PostForm(path, form)
		wantStatus(t, ok, http.StatusSeeOther)
		page := sanne.Get(ok.Header.Get("Location"))
		wantContains(t, page, "Het gesprek is gepland.", "Geplande gesprekken met het gezin", "https://meet.example.nl/gezin-afspraak", "Uitgenodigd: Eva Afspraak")
		// A version that is no number is named at the field, not read as 0
		// (which would answer "someone else changed it").
		cancel := regexp.MustCompile(`action="(/casussen/\d+/gezinsgesprekken/\d+/afzeggen)"`).FindStringSubmatch(page.Body)
		if cancel == nil {
			t.Fatal("no cancel form on the findings page")
		}
		notANumber := sanne.PostForm(cancel[1], url.Values{"sequence": {"v2"}, "reason": {"Ik ben ziek."}})
		wantStatus(t, notANumber, http.StatusUnprocessableEntity)
		wantContains(t, notANumber, "Hier hoort een heel getal, zonder letters of andere tekens.")

		home := mother.Get("/gezin")
		wantStatus(t, home, http.StatusOK)
		wantContains(t, home, "Gesprekken met u", "We praten over hoe het thuis gaat.", "14:00 tot 14:45", `href="https://meet.example.nl/gezin-afspraak"`)
		m := regexp.MustCompile(`href="(/gezin/gesprekken/\d+/agenda\.ics)"`).FindStringSubmatch(home.Body)
		if m == nil {
			t.Fatal("no calendar link on the mother's page")
		}
		file := mother.Get(m[1])
		wantStatus(t, file, http.StatusOK)
		if ct := file.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
			t.Errorf("Content-Type %q", ct)
		}
		cal, err := ical.NewDecoder(strings.NewReader(file.Body)).Decode()
		if err != nil || len(cal.Events()) != 1 {
			t.Fatalf("calendar file: %v\n%s", err, file.Body)
		}
		if u, err := cal.Events()[0].Props.URI(ical.PropURL); err != nil || u == nil || u.String() != "https://meet.example.nl/gezin-afspraak" {
			t.Errorf("URL %v %v", u, err)
		}

		childHome := child.Get("/gezin")
		wantStatus(t, childHome, http.StatusOK)
		if strings.Contains(childHome.Body, "We praten over hoe het thuis gaat.") {
			t.Error("the child sees a conversation it is not invited to")
		}
		wantContains(t, childHome, "Er staat nu geen gesprek met u gepland.")
		wantStatus(t, child.Get(m[1]), http.StatusForbidden)
	})
}
