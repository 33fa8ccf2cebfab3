package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestBrowserDashboard drives Chromium through the lead-time dashboard (on
// a small generated national history), a comparison of two cohorts, a
// case's timeline with a refused and an accepted event, and the norms,
// checking every page with axe-core.
func TestBrowserDashboard(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	ctx := browsertest.New(t)
	if _, err := demo.LoadNational(context.Background(), ts.DB, demo.NationalOptions{Families: 4000, Years: 3, Seed: 7, Now: ts.Clock.Now()}); err != nil {
		t.Fatalf("generate history: %v", err)
	}
	cohorts, err := ts.DB.CohortList(context.Background(), 0)
	if err != nil || len(cohorts) < 2 {
		t.Fatalf("cohorts %v %v", cohorts, err)
	}
	var sic, before int64
	for _, k := range cohorts {
		switch k.Name {
		case "Samen in Crisis":
			sic = k.ID
		case "Rood vóór Samen in Crisis":
			before = k.ID
		}
	}

	browserLogin(t, ctx, ts.URL, vtTeamLead)
	if st := browsertest.Navigate(t, ctx, ts.URL+"/dashboard"); st != 200 {
		t.Fatalf("dashboard: %d", st)
	}
	if h1 := browsertest.Text(t, ctx, "h1"); h1 != "Doorlooptijden in de keten" {
		t.Fatalf("h1 %q", h1)
	}
	if !browsertest.Exists(t, ctx, "svg.chart title") || !browsertest.Exists(t, ctx, "a[href^='/api/v1/eventlog.csv']") {
		t.Error("no charts or no export link for a team lead")
	}
	browsertest.Axe(t, ctx, "dashboard")
	browsertest.Screenshot(t, ctx, "dashboard.png")

	// Mijn werk: norms about to pass, with the time left.
	if st := browsertest.Navigate(t, ctx, ts.URL+"/?scope=organisation"); st != 200 {
		t.Fatalf("work list: %d", st)
	}
	if got := browsertest.Text(t, ctx, "table.worklist"); !strings.Contains(got, "Norm") {
		t.Errorf("no norm alerts in the work list of a team lead: %q", got[:min(len(got), 300)])
	}
	browsertest.Axe(t, ctx, "work list with norm alerts")
	browsertest.Screenshot(t, ctx, "worklist_norms.png")
	browsertest.Navigate(t, ctx, ts.URL+"/dashboard")

	// The whole country, all years, two cohorts side by side, the trend of
	// the red phase, chosen with the filter form.
	browsertest.Fill(t, ctx, "#f-region", "0")
	browsertest.Fill(t, ctx, "#f-from", "")
	browsertest.Fill(t, ctx, "#f-to", "")
	browsertest.Fill(t, ctx, "#f-cohort", itoa(sic))
	browsertest.Fill(t, ctx, "#f-compare", itoa(before))
	browsertest.Fill(t, ctx, "#f-trend", "red_consultation")
	if st := browsertest.Submit(t, ctx, "form[action='/dashboard'] button[type=submit]"); st != 200 {
		t.Fatalf("filtered dashboard: %d", st)
	}
	if got := browsertest.Text(t, ctx, "#kop-vergelijk"); !strings.Contains(got, "Samen in Crisis naast Rood vóór Samen in Crisis") {
		t.Errorf("comparison heading %q", got)
	}
	browsertest.Axe(t, ctx, "dashboard with a comparison")
	browsertest.Screenshot(t, ctx, "dashboard_compare.png")

	// A case with a history: the timeline on the case page and its own page.
	received := ts.Clock.Now().AddDate(0, 0, -80)
	caseID := ts.fileReportAt(t, vtIntake, received, "Tijdlijn")
	a := actorOf(t, ts, vtIntake)
	for _, e := range []schakel.ChainEventInput{
		fxBrowserEvent("investigation_started", received.AddDate(0, 0, 3)),
		fxBrowserEvent("investigation_ended", received.AddDate(0, 0, 40)),
		fxBrowserEvent("raad_requested", received.AddDate(0, 0, 42)),
		fxBrowserEvent("raad_investigation_started", received.AddDate(0, 0, 58)),
	} {
		if _, err := app.New(ts.DB).RecordEvent(context.Background(), a, caseID, e, storage.SourceAPI); err != nil {
			t.Fatal(err)
		}
	}
	browserLogout(t, ctx)
	browserLogin(t, ctx, ts.URL, vtIntake)
	if st := browsertest.Navigate(t, ctx, ts.URL+"/casussen/"+itoa(caseID)); st != 200 {
		t.Fatalf("case page: %d", st)
	}
	if got := browsertest.Text(t, ctx, "#kop-tijdlijn"); got != "Tijdlijn van de keten" {
		t.Errorf("timeline heading %q", got)
	}
	browsertest.Axe(t, ctx, "case page with its timeline")
	browsertest.Screenshot(t, ctx, "case_timeline.png")

	if st := browsertest.Navigate(t, ctx, ts.URL+"/casussen/"+itoa(caseID)+"/tijdlijn"); st != 200 {
		t.Fatalf("timeline page: %d", st)
	}
	// Help before the report: refused with the field named, typed values kept.
	browsertest.Fill(t, ctx, "#event-type", "help_started")
	browsertest.Fill(t, ctx, "#event-date", received.AddDate(0, 0, -5).Format(time.DateOnly))
	if st := browsertest.Submit(t, ctx, "form[action$='/tijdlijn'] button[type=submit]"); st != 422 {
		t.Fatalf("help before the report: %d", st)
	}
	if got := browsertest.Text(t, ctx, "#event-date-error"); !strings.Contains(got, "eerste melding") {
		t.Errorf("error next to the date: %q", got)
	}
	browsertest.Axe(t, ctx, "timeline form with an error")
	browsertest.Screenshot(t, ctx, "timeline_error.png")
	// A court order with its end date is accepted.
	browsertest.Fill(t, ctx, "#event-type", "court_order")
	browsertest.Fill(t, ctx, "#event-date", received.AddDate(0, 0, 70).Format(time.DateOnly))
	browsertest.Fill(t, ctx, "#event-measure", "interim_supervision")
	browsertest.Fill(t, ctx, "#event-ends", received.AddDate(0, 0, 70).AddDate(0, 3, 0).Format(time.DateOnly))
	if st := browsertest.Submit(t, ctx, "form[action$='/tijdlijn'] button[type=submit]"); st != 200 {
		t.Fatalf("court order: %d", st)
	}
	if got := browsertest.Text(t, ctx, "[role=status]"); !strings.Contains(got, "vastgelegd") {
		t.Errorf("notice %q", got)
	}
	browsertest.Axe(t, ctx, "timeline page")
	browsertest.Screenshot(t, ctx, "timeline.png")

	// Norms: read by everyone, changed by an administrator.
	browserLogout(t, ctx)
	browserLogin(t, ctx, ts.URL, vtAdmin)
	if st := browsertest.Navigate(t, ctx, ts.URL+"/beheer/normen"); st != 200 {
		t.Fatalf("norms: %d", st)
	}
	browsertest.Fill(t, ctx, "#amount-vt_investigation", "0")
	if st := browsertest.Submit(t, ctx, "form[action='/beheer/normen/vt_investigation'] button[type=submit]"); st != 422 {
		t.Fatalf("a norm of 0: %d", st)
	}
	browsertest.Axe(t, ctx, "norms with an error")
	browsertest.Screenshot(t, ctx, "norms_error.png")
}

func fxBrowserEvent(typ string, at time.Time) schakel.ChainEventInput {
	return schakel.ChainEventInput{Type: typ, At: at.UTC().Format(time.RFC3339)}
}

// actorOf is the professional with this address as an actor.
func actorOf(t *testing.T, ts *testServer, email string) *schakel.Actor {
	t.Helper()
	return &schakel.Actor{Professional: mustProfessional(t, ts, email), ClientAddr: "127.0.0.1"}
}

// TestBrowserDemoFamilies is what a newcomer sees after `schakel serve
// --demo`: the demo families in Mijn werk, and a case with an agreed plan.
func TestBrowserDemoFamilies(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	if err := demo.LoadCases(context.Background(), ts.DB, ts.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	browserLogin(t, ctx, ts.URL, demo.Email("Sanne", "vt"))
	if st := browsertest.Navigate(t, ctx, ts.URL+"/?scope=organisation"); st != 200 {
		t.Fatalf("work list: %d", st)
	}
	list := browsertest.Text(t, ctx, "table.worklist")
	for _, want := range []string{"Gezin Bakker", "Gezin de Vries", "Gezin Smit"} {
		if !strings.Contains(list, want) {
			t.Errorf("%s missing from the work list: %q", want, list[:min(len(list), 400)])
		}
	}
	browsertest.Axe(t, ctx, "work list with the demo families")
	browsertest.Screenshot(t, ctx, "demo-worklist.png")
	// Follow a case link and wait for the page (Submit waits for the
	// navigation's response; Click does not).
	if st := browsertest.Submit(t, ctx, "table.worklist a[href^='/casussen/']"); st != 200 {
		t.Fatalf("a case from the work list: %d", st)
	}
	if h1 := browsertest.Text(t, ctx, "h1"); !strings.Contains(h1, "Casus") && !strings.Contains(h1, "Gezin") {
		t.Errorf("a work-list link leads to %q", h1)
	}
	browsertest.Axe(t, ctx, "a demo case")
	browsertest.Screenshot(t, ctx, "demo-case.png")
}
