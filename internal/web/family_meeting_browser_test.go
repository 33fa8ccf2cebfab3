package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"schakel/internal/browsertest"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestBrowserFamilyMeeting walks a planned conversation in Chromium: the
// contact plans it from the case for the mother and the child of 13; the
// mother and then the child log in with their app's code and see it on
// their own page, at 1280 px and at 390 × 844, without sideways scrolling
// and axe-clean.
func TestBrowserFamilyMeeting(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	fam := ts.fileFamily(t, "Agenda")
	sanne := ts.Login(vtIntake)
	keys := map[int64]string{}
	for person, name := range map[int64]string{fam.mother: "eva.agenda", fam.child: "mila.agenda"} {
		c := fam.activateOnly(t, ts, sanne, person, name)
		keys[person], _ = enrolApp(t, c, "/gezin/tweede-stap")
	}
	ctx := browsertest.New(t)
	check := func(name string, width, height int64) {
		t.Helper()
		browsertest.Viewport(t, ctx, width, height)
		if w := browsertest.ScrollWidth(t, ctx); w > width {
			t.Errorf("%s at %d px is %d px wide: %v", name, width, w, browsertest.WidestElements(t, ctx, width, 3))
		}
		browsertest.Axe(t, ctx, name)
		browsertest.Screenshot(t, ctx, "family-meeting-"+name+".png")
	}

	browserLogin(t, ctx, ts.URL, vtIntake)
	browsertest.Navigate(t, ctx, ts.URL+"/casussen/"+itoa(fam.caseID)+"/bevindingen#kop-nieuw-gezinsgesprek")
	day := ts.Clock.Now().In(workdays.Location()).AddDate(0, 0, 6).Format("2006-01-02")
	browsertest.Fill(t, ctx, "#family_meeting-date", day)
	browsertest.Fill(t, ctx, "#family_meeting-time", "15:30")
	browsertest.Fill(t, ctx, "#family_meeting-place", "Wijkcentrum De Brug, Hoofdweg 1, Rotterdam")
	for _, p := range []int64{fam.mother, fam.child} {
		browsertest.Check(t, ctx, "form[action$='/gezinsgesprekken'] input[name=person_ids][value='"+itoa(p)+"']", true)
	}
	if st := browsertest.Submit(t, ctx, "form[action$='/gezinsgesprekken'] button"); st != 422 {
		t.Fatalf("no subject: %d, want 422", st)
	}
	check("plan-error-desktop", 1280, 900)
	check("plan-error-phone", 390, 844)
	browsertest.Fill(t, ctx, "#family_meeting-about", "We kijken samen hoe het gaat met de afspraken.")
	if st := browsertest.Submit(t, ctx, "form[action$='/gezinsgesprekken'] button"); st != 200 {
		t.Fatalf("plan: %d\n%s", st, browsertest.Text(t, ctx, "#kop-gezinsgesprekken ~ div.alert, .field-error"))
	}
	if !strings.Contains(browsertest.Text(t, ctx, "main"), "Het gesprek is gepland.") {
		t.Error("no notice after planning")
	}
	browserLogout(t, ctx)

	for i, who := range []struct {
		name   string
		person int64
		user   string
	}{{"mother", fam.mother, "eva.agenda"}, {"child", fam.child, "mila.agenda"}} {
		ts.Clock.Advance(time.Minute) // a fresh code of the app
		familyBrowserLogin(t, ctx, ts.URL, who.user, appCode(t, keys[who.person], ts.Clock.Now()))
		main := browsertest.Text(t, ctx, "main")
		for _, want := range []string{"Gesprekken met u", "We kijken samen hoe het gaat met de afspraken.", "15:30 tot 16:30", "Wijkcentrum De Brug"} {
			if !strings.Contains(main, want) {
				t.Errorf("%s: the page lacks %q", who.name, want)
			}
		}
		check(who.name+"-desktop", 1280, 900)
		check(who.name+"-phone", 390, 844)
		if st := browsertest.Submit(t, ctx, "form[action='/gezin/uitloggen'] button"); st != 200 {
			t.Fatalf("logout %d: %d", i, st)
		}
	}
}

// familyBrowserLogin logs a family member in with username, password and
// a code of the app.
func familyBrowserLogin(t *testing.T, ctx context.Context, base, user, code string) {
	t.Helper()
	browsertest.Navigate(t, ctx, base+"/gezin/inloggen")
	browsertest.Fill(t, ctx, "#username", user)
	browsertest.Fill(t, ctx, "#password", "blauwe fiets op de dijk")
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/inloggen'] button"); st != 200 {
		t.Fatalf("password step: %d", st)
	}
	browsertest.Fill(t, ctx, "#code", code)
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/tweede-stap'] button"); st != 200 {
		t.Fatalf("code step: %d", st)
	}
}
