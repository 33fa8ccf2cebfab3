package storage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"schakel/internal/app"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestNormAlertFromWarnFrom proves that the work list warns about an open
// phase run from the minute chain.WarnFrom gives, and not a minute before:
// the rule decides, storage only compares.
func TestNormAlertFromWarnFrom(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		received := w.now.AddDate(0, 0, -30)
		in := baseReport()
		in.ReceivedAt = &received
		var res app.ReportResult
		var err error
		fxAt(db, received.Add(time.Hour), func() { res, err = app.New(db).CreateReport(ctx, sanne, in, "") })
		if err != nil {
			t.Fatal(err)
		}
		started := w.now.AddDate(0, 0, -7).Add(17 * time.Second) // not on a whole minute
		if _, err := app.New(db).RecordEvent(ctx, sanne, res.CaseID, fxEvent("investigation_started", started), storage.SourceAPI); err != nil {
			t.Fatal(err)
		}
		tl, err := app.New(db).Timeline(ctx, sanne, res.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(tl.Phases, func(p storage.PhaseView) bool { return p.Phase == "vt_investigation" && p.Status == "open" })
		if i < 0 || tl.Phases[i].DueAt == nil {
			t.Fatalf("no open investigation with a deadline in %+v", tl.Phases)
		}
		warn := chain.WarnFrom(tl.Phases[i].StartedAt, *tl.Phases[i].DueAt)
		alerted := func(at time.Time) bool {
			t.Helper()
			var items []storage.WorkItem
			fxAt(db, at, func() { items, err = app.New(db).Worklist(ctx, sanne, app.WorkFilter{Scope: "organisation"}) })
			if err != nil {
				t.Fatal(err)
			}
			return slices.ContainsFunc(items, func(it storage.WorkItem) bool { return it.Kind == "norm" && it.CaseID == res.CaseID })
		}
		if alerted(warn.Add(-time.Minute)) {
			t.Errorf("alert a minute before chain.WarnFrom (%s)", warn)
		}
		if !alerted(warn) {
			t.Errorf("no alert at chain.WarnFrom (%s)", warn)
		}
	})
}
