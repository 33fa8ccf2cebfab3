package storage_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestRollupsMatchDetail builds a history in bulk and by recording events
// one by one (with a correction, a withdrawal, a refused event and a norm
// change), then checks that the monthly roll-ups equal what the detail
// tables give, and that every dashboard figure read through them is the
// one computed from the detail tables alone, for periods that start and
// end on and between month boundaries.
func TestRollupsMatchDetail(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		if _, err := demo.LoadNational(ctx, db, demo.NationalOptions{Families: 1500, Years: 3, Seed: 7, Now: w.now}); err != nil {
			t.Fatal(err)
		}
		if err := db.VerifyRollups(ctx); err != nil {
			t.Fatalf("after the bulk load: %v", err)
		}

		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		var ids []int64
		for i, days := range []float64{12, 25, 33, 41, 58, 64, 70, 77, 90, 101} {
			m := []string{"Rotterdam", "Schiedam", "Vlaardingen"}[i%3]
			ids = append(ids, fxInvestigation(t, db, sanne, w.now.AddDate(0, -7, 3*i), days, m))
		}
		// Corrections move an investigation's end and a report into other
		// months; a placement is recorded and withdrawn again; an event out
		// of order is refused.
		eventID := func(caseID int64, typ chain.Type) int64 {
			t.Helper()
			tl, err := app.New(db).Timeline(ctx, sanne, caseID)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range tl.Events {
				if e.Type == typ && e.Effective {
					return e.ID
				}
			}
			t.Fatalf("case %d has no %s", caseID, typ)
			return 0
		}
		record := func(caseID int64, in schakel.ChainEventInput) {
			t.Helper()
			if _, err := app.New(db).RecordEvent(ctx, sanne, caseID, in, storage.SourceHand); err != nil {
				t.Fatalf("%+v: %v", in, err)
			}
		}
		fix := fxEvent("investigation_ended", w.now.AddDate(0, -1, 0))
		fix.Corrects, fix.Reason = eventID(ids[0], chain.InvestigationEnded), "Einddatum stond verkeerd in het dossier."
		record(ids[0], fix)
		fix = fxEvent("report_received", w.now.AddDate(0, -8, 0))
		fix.Corrects, fix.Reason = eventID(ids[1], chain.ReportReceived), "De melding kwam eerder binnen, per telefoon."
		record(ids[1], fix)
		record(ids[2], fxEvent("placement", w.now.AddDate(0, -1, 0)))
		record(ids[2], schakel.ChainEventInput{Corrects: eventID(ids[2], chain.Placement), Withdraw: true, Reason: "Verkeerde casus gekozen bij invoer."})
		if _, err := app.New(db).RecordEvent(ctx, sanne, ids[1], fxEvent("help_started", w.now.AddDate(-5, 0, 0)), storage.SourceHand); err == nil {
			t.Fatal("help five years before the report was accepted")
		}
		joost := w.actor(t, demo.Email("Joost", "vt"))
		if _, err := app.New(db).SetNorm(ctx, joost, "vt_investigation", chain.Norm{Amount: 8, Unit: chain.Weeks, Source: "Regio-afspraak"}); err != nil {
			t.Fatal(err)
		}
		if err := db.VerifyRollups(ctx); err != nil {
			t.Fatalf("after recording: %v", err)
		}

		linda := w.actor(t, demo.Email("Linda", "vt"))
		region, org := linda.Professional.Organisation.RegionID, linda.Professional.Organisation.ID
		at := func(y int, m time.Month, d, h int) time.Time {
			return time.Date(y, m, d, h, 0, 0, 0, workdays.Location())
		}
		filters := map[string]storage.LeadtimeFilter{
			"everything":               {},
			"region":                   {RegionID: region},
			"from a month start":       {From: at(2025, 1, 1, 0)},
			"to a month start":         {To: at(2026, 6, 1, 0)},
			"between months":           {From: at(2024, 3, 15, 10), To: at(2026, 10, 7, 0)},
			"region, between months":   {RegionID: region, From: at(2025, 2, 20, 0), To: at(2026, 11, 23, 0)},
			"inside one month":         {From: at(2026, 9, 10, 0), To: at(2026, 9, 20, 0)},
			"two partial months":       {From: at(2026, 8, 20, 0), To: at(2026, 9, 5, 0)},
			"partial and whole":        {From: at(2026, 8, 20, 0), To: at(2026, 10, 1, 0)},
			"municipality":             {Municipality: "Rotterdam", From: at(2026, 1, 5, 0)},
			"organisation in a region": {RegionID: region, OrganisationID: org, From: at(2026, 3, 3, 0)},
		}
		for name, f := range filters {
			for _, trend := range []string{"chain", "vt_investigation", "safety_assessment"} {
				got, err := fxDashboard(ctx, db, region, f, trend, false)
				if err != nil {
					t.Fatal(err)
				}
				want, err := fxDashboard(ctx, db, region, f, trend, true)
				if err != nil {
					t.Fatal(err)
				}
				g, _ := json.Marshal(got)
				x, _ := json.Marshal(want)
				if string(g) != string(x) {
					t.Errorf("%s, trend %s:\nroll-ups %s\ndetail   %s", name, trend, g, x)
				}
				if name == "everything" && (got.Leadtimes.Chain.Count == 0 || got.Reports.Reports == 0 || len(got.Trend) < 12) {
					t.Errorf("the national view is empty: %s", g)
				}
			}
		}
	})
}

// fxDashboard is the chain dashboard as its use case computes it, without
// an actor; fromDetail leaves the monthly roll-ups aside.
func fxDashboard(ctx context.Context, db *storage.DB, homeRegion int64, f storage.LeadtimeFilter, trend string, fromDetail bool) (storage.Dashboard, error) {
	var d storage.Dashboard
	err := db.View(ctx, func(tx *storage.Tx) error {
		if fromDetail {
			tx.DetailOnly()
		}
		var err error
		d, err = app.DashboardIn(tx, homeRegion, f, trend)
		return err
	})
	return d, err
}
