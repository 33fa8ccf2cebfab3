package web_test

import (
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/browsertest"
	"schakel/internal/plan"
	"schakel/internal/storage/storagetest"
)

// TestBrowserFamilyView walks the family's own Schakel in Chromium: the
// contact professional invites the mother and reads the code once, the
// mother activates her account on a phone and sees her page, her access
// log and the own-side form with an error beside the field. Every page
// fits 390 px and 1280 px without sideways scrolling and passes axe-core.
func TestBrowserFamilyView(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	fam := familyWithAgreement(t, ts, "Browser", "Sanne komt bij u thuis. Ze praat met u en met Mila.")
	ctx := browsertest.New(t)
	check := func(name string, width int64) {
		t.Helper()
		if w := browsertest.ScrollWidth(t, ctx); w > width {
			t.Errorf("%s at %d px is %d px wide: %v", name, width, w, browsertest.WidestElements(t, ctx, width, 3))
		}
		browsertest.Axe(t, ctx, name)
		browsertest.Screenshot(t, ctx, "family-"+name+".png")
	}
	sizes := []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}}

	browserLogin(t, ctx, ts.URL, vtIntake)
	members := ts.URL + "/casussen/" + itoa(fam.caseID) + "/gezinsleden"
	for _, s := range sizes {
		browsertest.Viewport(t, ctx, s.width, s.height)
		browsertest.Navigate(t, ctx, members)
		check("members-"+s.name, s.width)
	}
	if st := browsertest.Submit(t, ctx, "form[action$='/gezinsleden/"+itoa(fam.mother)+"/uitnodigen'] button"); st != 200 {
		t.Fatalf("invite: %d", st)
	}
	code := strings.TrimSpace(browsertest.Text(t, ctx, ".activation-code"))
	check("invite-phone", 390)
	browserLogout(t, ctx)

	browsertest.Navigate(t, ctx, ts.URL+"/gezin/activeren")
	check("activate-phone", 390)
	browsertest.Fill(t, ctx, "#code", code)
	browsertest.Fill(t, ctx, "#birth_date", fam.birth[fam.mother])
	browsertest.Fill(t, ctx, "#username", "eva.browser@voorbeeld.nl")
	browsertest.Fill(t, ctx, "#password", "kort")
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/activeren'] button"); st != 422 {
		t.Fatalf("a short password: %d, want 422", st)
	}
	if !strings.Contains(browsertest.Text(t, ctx, "#password-error"), "12 tekens") {
		t.Error("no error beside the password")
	}
	check("activate-error-phone", 390)
	browsertest.Fill(t, ctx, "#password", "groene appels in de mand")
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/activeren'] button"); st != 200 {
		t.Fatalf("activate: %d", st)
	}
	// The second factor: the key on the screen goes into an app, whose
	// code confirms it; the recovery codes are shown once.
	check("app-phone", 390)
	key := strings.ReplaceAll(strings.TrimSpace(browsertest.Text(t, ctx, "#key")), " ", "")
	browsertest.Fill(t, ctx, "#code", "000000")
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/tweede-stap'] button"); st != 422 {
		t.Fatalf("a wrong app code: %d, want 422", st)
	}
	check("app-error-phone", 390)
	browsertest.Fill(t, ctx, "#code", appCode(t, key, time.Now()))
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/tweede-stap'] button"); st != 200 {
		t.Fatalf("set up the app: %d", st)
	}
	check("recovery-phone", 390)
	browsertest.Navigate(t, ctx, ts.URL+"/gezin?welkom=1")
	main := browsertest.Text(t, ctx, "main")
	for _, want := range []string{"Welkom, Eva Browser", "Sanne komt bij u thuis.", "Niet tevreden?"} {
		if !strings.Contains(main, want) {
			t.Errorf("the family page lacks %q", want)
		}
	}
	if strings.Contains(main, "Huisbezoek VT") {
		t.Error("the family page shows the professional's title")
	}
	check("home-phone", 390)
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/verzoeken'] button"); st != 422 {
		t.Fatalf("an empty request: %d, want 422", st)
	}
	check("request-error-phone", 390)
	browsertest.Navigate(t, ctx, ts.URL+"/gezin/logboek/"+itoa(fam.mother))
	if !strings.Contains(browsertest.Text(t, ctx, "main"), "U zelf") {
		t.Error("the access log lacks the mother's own reads")
	}
	check("log-phone", 390)
	browsertest.Viewport(t, ctx, 1280, 900)
	check("log-desktop", 1280)
	browsertest.Navigate(t, ctx, ts.URL+"/gezin")
	check("home-desktop", 1280)
	if st := browsertest.Submit(t, ctx, "form[action='/gezin/uitloggen'] button"); st != 200 {
		t.Fatalf("logout: %d", st)
	}
	check("login-desktop", 1280)
}

// familyWithAgreement files a family and gives its case one agreement,
// owned by Sanne, with the family text the family's page will show.
func familyWithAgreement(t *testing.T, ts *testServer, familyName, familyText string) familyCase {
	t.Helper()
	fam := ts.fileFamily(t, familyName)
	sanne := mustProfessional(t, ts, vtIntake)
	pro := &schakel.Actor{Professional: sanne, ClientAddr: "127.0.0.1"}
	act, err := app.New(ts.DB).AddAction(t.Context(), pro, fam.caseID, plan.ActionInput{Title: "Huisbezoek VT", Kind: schakel.ActionTask,
		OwnerOrganisationID: sanne.Organisation.ID, OwnerProfessionalID: sanne.ID, DueDate: time.Now().AddDate(0, 0, 7).Format("2006-01-02")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.New(ts.DB).SetFamilyText(t.Context(), pro, fam.caseID, act.ID, familyText); err != nil {
		t.Fatal(err)
	}
	return fam
}
