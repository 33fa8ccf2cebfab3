package web_test

import (
	"strings"
	"testing"
	"time"

	"schakel/internal/browsertest"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestBrowserFamilyMeetingChange walks moving and cancelling in Chromium:
// the contact moves one conversation (a day in the past first comes back in
// the open block) and cancels another on the findings page; the mother sees
// both on her page in Dutch, switches to English with the button in the
// header and sees them in English, and after logging out the login page
// stays English. Every page at 1280 px and at 390 × 844, without sideways
// scrolling and axe-clean.
func TestBrowserFamilyMeetingChange(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	fam := ts.fileFamily(t, "Verzet")
	sanne := ts.Login(vtIntake)
	c := fam.activateOnly(t, ts, sanne, fam.mother, "eva.verzet")
	key, _ := enrolApp(t, c, "/gezin/tweede-stap")
	api := ts.Bearer(vtIntake)
	base := "/api/v1/cases/" + itoa(fam.caseID) + "/family-meetings"
	day := func(d int) string {
		return ts.Clock.Now().In(workdays.Location()).AddDate(0, 0, d).Format("2006-01-02")
	}
	var ids [2]int64
	for i, about := range []string{"We praten over school en vriendjes.", "We kijken naar de afspraken voor het weekend."} {
		r := api.SendJSON("POST", base, map[string]any{"date": day(5 + i), "time": "10:30", "minutes": 60,
			"location": map[string]any{"mode": "in_person", "place": "Wijkcentrum De Brug, Hoofdweg 1"}, "about": about,
			"person_ids": []int64{fam.mother}, "professional_ids": []int64{ts.ProfessionalID(vtIntake)}})
		wantStatus(t, r, 201)
		var made struct{ ID int64 }
		r.JSON(t, &made)
		ids[i] = made.ID
	}
	ctx := browsertest.New(t)
	check := func(name string) {
		t.Helper()
		for _, size := range []struct {
			suffix        string
			width, height int64
		}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
			browsertest.Viewport(t, ctx, size.width, size.height)
			if w := browsertest.ScrollWidth(t, ctx); w > size.width {
				t.Errorf("%s at %d px is %d px wide: %v", name, size.width, w, browsertest.WidestElements(t, ctx, size.width, 3))
			}
			browsertest.Axe(t, ctx, name+"-"+size.suffix)
			browsertest.Screenshot(t, ctx, "family-meeting-change-"+name+"-"+size.suffix+".png")
		}
	}

	browserLogin(t, ctx, ts.URL, vtIntake)
	browsertest.Navigate(t, ctx, ts.URL+"/casussen/"+itoa(fam.caseID)+"/bevindingen#kop-gezinsgesprekken")
	move := "meeting_move_" + itoa(ids[0])
	browsertest.Click(t, ctx, "details:has(#kop-"+move+") > summary")
	browsertest.Fill(t, ctx, "#"+move+"-date", day(-1))
	browsertest.Fill(t, ctx, "#"+move+"-time", "14:00")
	if st := browsertest.Submit(t, ctx, "form[action$='/"+itoa(ids[0])+"/verplaatsen'] button"); st != 422 {
		t.Fatalf("a day in the past: %d, want 422", st)
	}
	check("move-error")
	browsertest.Fill(t, ctx, "#"+move+"-date", day(8))
	if st := browsertest.Submit(t, ctx, "form[action$='/"+itoa(ids[0])+"/verplaatsen'] button"); st != 200 {
		t.Fatalf("move: %d", st)
	}
	browsertest.WaitText(t, ctx, "main", "Het gesprek is verplaatst.")
	cancel := "meeting_cancel_" + itoa(ids[1])
	browsertest.Click(t, ctx, "details:has(#kop-"+cancel+") > summary")
	browsertest.Fill(t, ctx, "#"+cancel+"-reason", "Sanne is ziek. We bellen u voor een nieuwe datum.")
	if st := browsertest.Submit(t, ctx, "form[action$='/"+itoa(ids[1])+"/afzeggen'] button"); st != 200 {
		t.Fatalf("cancel: %d", st)
	}
	browsertest.WaitText(t, ctx, "main", "Het gesprek gaat niet door.")
	check("findings")
	browserLogout(t, ctx)

	ts.Clock.Advance(time.Minute)
	familyBrowserLogin(t, ctx, ts.URL, "eva.verzet", appCode(t, key, ts.Clock.Now()))
	main := browsertest.Text(t, ctx, "main")
	for _, want := range []string{"Dit gesprek is verplaatst.", "14:00 tot 15:00", "Dit gesprek gaat niet door.", "Sanne is ziek.", "Haal uit mijn agenda"} {
		if !strings.Contains(main, want) {
			t.Errorf("the Dutch page lacks %q", want)
		}
	}
	check("mother-nl")
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/taal'] button[value=en]"); st != 200 {
		t.Fatalf("switch to English: %d", st)
	}
	main = browsertest.Text(t, ctx, "main")
	for _, want := range []string{"This conversation has moved.", "14:00 to 15:00", "This conversation will not take place.", "Take out of my calendar", "Your side of the story"} {
		if !strings.Contains(main, want) {
			t.Errorf("the English page lacks %q", want)
		}
	}
	check("mother-en")
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/uitloggen'] button"); st != 200 {
		t.Fatalf("logout: %d", st)
	}
	browsertest.WaitText(t, ctx, "main", "Log in for your family")
	check("login-en")
}
