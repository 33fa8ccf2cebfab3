package storage_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/audit"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// fxAt runs fn with the database clock at t, then puts the clock back.
func fxAt(db *storage.DB, t time.Time, fn func()) {
	old := db.Now
	db.Now = func() time.Time { return t }
	defer func() { db.Now = old }()
	fn()
}

func fxEvent(typ string, at time.Time) schakel.ChainEventInput {
	return schakel.ChainEventInput{Type: typ, At: at.UTC().Format(time.RFC3339)}
}

func fxTypes(evs []storage.ChainEvent, effectiveOnly bool) []string {
	var out []string
	for _, e := range evs {
		if !effectiveOnly || e.Effective {
			out = append(out, string(e.Type))
		}
	}
	return out
}

func fxPhase(t *testing.T, tl storage.Timeline, code string) storage.PhaseView {
	t.Helper()
	for _, p := range tl.Phases {
		if p.Phase == code {
			return p
		}
	}
	t.Fatalf("no phase %s in %+v", code, tl.Phases)
	return storage.PhaseView{}
}

// TestChainEventsRecordedAutomatically: what Schakel does itself lands on
// the timeline in the same transaction.
func TestChainEventsRecordedAutomatically(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		in := baseReport()
		in.Indicators = []string{"threat_to_life"}
		received := w.now.Add(-2 * time.Hour)
		in.ReceivedAt = &received
		in.Finances = map[string]string{"unopened_post_or_debts": "yes"}
		res, err := app.New(db).CreateReport(ctx, sanne, in, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := app.New(db).CompleteAssessment(ctx, sanne, res.ID); err != nil {
			t.Fatal(err)
		}
		tl, err := app.New(db).Timeline(ctx, sanne, res.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"report_received", "rated", "consultation_planned", "safety_assessment_done"}
		if got := fxTypes(tl.Events, true); !slices.Equal(got, want) {
			t.Fatalf("events %v, want %v", got, want)
		}
		e := tl.Events[0]
		if !e.At.Equal(received.UTC().Truncate(time.Second)) || e.Organisation == nil || e.Organisation.Kind != schakel.VeiligThuis ||
			e.RegisteredBy == nil || e.RegisteredBy.ID != sanne.Professional.ID || e.Source != storage.SourceSchakel || e.Details.ReportID != res.ID {
			t.Errorf("report event %+v", e)
		}
		if tl.Events[1].Details.Color != "red" || tl.Events[2].Details.ConsultationID != res.Consultation.ID {
			t.Errorf("rated %+v, planned %+v", tl.Events[1], tl.Events[2])
		}
		sa := fxPhase(t, tl, "safety_assessment")
		if sa.Status != "done" || sa.Within == nil || !*sa.Within || sa.Norm == nil || sa.Norm.Text != "5 werkdagen" {
			t.Errorf("safety assessment phase %+v", sa)
		}
		if red := fxPhase(t, tl, "red_consultation"); red.Status != "open" || red.DueAt == nil || !red.DueAt.Equal(w.now.Add(4*time.Hour).UTC()) {
			t.Errorf("red phase %+v", red)
		}
		if ch := fxPhase(t, tl, "chain"); ch.Status != "open" || !ch.StartedAt.Equal(received.UTC().Truncate(time.Minute)) {
			t.Errorf("chain phase %+v", ch)
		}
		// Reading the timeline is audited like the case.
		trail := fxTrail(t, db, *w.actor(t, demo.Email("Karin", "vt")).Professional, storage.AuditFilter{})
		if !slices.ContainsFunc(trail, func(a audit.Entry) bool { return a.Detail == "timeline" && a.Event == audit.EventRead }) {
			t.Error("timeline read not in the audit trail")
		}
		// The crisis consultation is held (once, however often it is said).
		for range 2 {
			if err := db.Update(ctx, func(tx *storage.Tx) error {
				return tx.RecordConsultationHeld(sanne, res.CaseID, res.Consultation.ID, w.now.Add(90*time.Minute))
			}); err != nil {
				t.Fatal(err)
			}
		}
		tl, _ = app.New(db).Timeline(ctx, sanne, res.CaseID)
		if red := fxPhase(t, tl, "red_consultation"); red.Status != "done" || red.Within == nil || !*red.Within {
			t.Errorf("red phase after the consultation: %+v", red)
		}
		if n := strings.Count(strings.Join(fxTypes(tl.Events, true), ","), "consultation_held"); n != 1 {
			t.Errorf("%d consultation_held events", n)
		}
		// Re-rating records the colour.
		if _, _, err := app.New(db, app.WithIntakePolicy(intake.DefaultPolicy)).RateCase(ctx, sanne, res.CaseID, "red", "", 0); err != nil {
			t.Fatal(err)
		}
		tl, _ = app.New(db).Timeline(ctx, sanne, res.CaseID)
		if n := strings.Count(strings.Join(fxTypes(tl.Events, true), ","), "rated"); n != 2 {
			t.Errorf("%d rated events after a re-rating", n)
		}
	})
}

func TestChainBadInput(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		received := w.now.AddDate(0, 0, -30)
		in := baseReport()
		in.ReceivedAt = &received
		res, err := app.New(db).CreateReport(ctx, sanne, in, "")
		if err != nil {
			t.Fatal(err)
		}
		rec := func(in schakel.ChainEventInput) error {
			_, err := app.New(db).RecordEvent(ctx, sanne, res.CaseID, in, storage.SourceAPI)
			return err
		}
		order := fxEvent("court_order", received.AddDate(0, 0, 3))
		order.Details.Measure = "supervision"
		tooLong := order
		tooLong.Details.EndsAt = received.AddDate(1, 2, 0).Format(time.DateOnly)
		cases := []struct {
			name  string
			in    schakel.ChainEventInput
			field string
		}{
			{"help before the report", fxEvent("help_started", received.AddDate(0, 0, -2)), "at"},
			{"in the future", fxEvent("help_started", w.now.Add(48*time.Hour)), "at"},
			{"unknown type", fxEvent("picnic", received.AddDate(0, 0, 1)), "type"},
			{"court order without an end date", order, "details.ends_at"},
			{"court order of 14 months", tooLong, "details.ends_at"},
			{"an automatic type by hand", fxEvent("report_received", received), "type"},
			{"a date that is no date", schakel.ChainEventInput{Type: "help_started", At: "gisteren"}, "at"},
			{"guardian without an order", fxEvent("guardian_started", received.AddDate(0, 0, 5)), "type"},
			{"correction without a reason", schakel.ChainEventInput{Type: "help_started", At: received.Format(time.RFC3339), Corrects: 1}, "reason"},
		}
		before, _ := app.New(db).Timeline(ctx, sanne, res.CaseID)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				err := rec(tc.in)
				fxWantCode(t, err, schakel.EINVALID)
				fxWantField(t, err, tc.field)
			})
		}
		after, _ := app.New(db).Timeline(ctx, sanne, res.CaseID)
		if len(after.Events) != len(before.Events) {
			t.Fatalf("refused events were stored: %d → %d", len(before.Events), len(after.Events))
		}
		// An organisation that is not on the case is refused (and audited).
		rob := w.actor(t, demo.Email("Rob", "schuldhulp"))
		if _, err := app.New(db).RecordEvent(ctx, rob, res.CaseID, fxEvent("help_started", received.AddDate(0, 0, 2)), storage.SourceAPI); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("not on the case: %v", err)
		}
		if _, err := app.New(db).Timeline(ctx, rob, res.CaseID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("timeline of a case not on: %v", err)
		}
	})
}

// TestChainCourtOrdersCorrectionsAndPhases walks a case through the chain
// to the family guardian, corrects a date and withdraws an event.
func TestChainCourtOrdersCorrectionsAndPhases(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		received := time.Date(2026, 5, 4, 10, 0, 0, 0, workdays.Location())
		in := baseReport()
		in.ReceivedAt = &received
		var res app.ReportResult
		var err error
		fxAt(db, received.Add(time.Hour), func() { res, err = app.New(db).CreateReport(ctx, sanne, in, "") })
		if err != nil {
			t.Fatal(err)
		}
		rec := func(in schakel.ChainEventInput) storage.ChainEvent {
			t.Helper()
			e, err := app.New(db).RecordEvent(ctx, sanne, res.CaseID, in, storage.SourceHand)
			if err != nil {
				t.Fatalf("record %s: %v", in.Type, err)
			}
			return e
		}
		d := func(days int) time.Time { return received.AddDate(0, 0, days) }
		rec(fxEvent("investigation_started", d(7)))
		rec(fxEvent("investigation_ended", d(77)))
		rec(fxEvent("raad_requested", d(80)))
		rec(fxEvent("raad_investigation_started", d(95)))
		rec(fxEvent("raad_investigation_ended", d(150)))
		rec(fxEvent("court_petition", d(155)))
		order := schakel.ChainEventInput{Type: "court_order", At: d(180).Format(time.DateOnly)}
		order.Details.Measure, order.Details.EndsAt = "supervision", d(180).AddDate(1, 0, 0).Format(time.DateOnly)
		o := rec(order)
		if o.Details.EndsAt == nil || o.Details.Measure != chain.Supervision || !o.Details.DateOnly {
			t.Fatalf("order %+v", o)
		}
		g := rec(fxEvent("guardian_started", d(188)))

		tl, err := app.New(db).Timeline(ctx, sanne, res.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		vt := fxPhase(t, tl, "vt_investigation")
		if vt.Status != "done" || math.Abs(vt.Days-70) > 0.05 || vt.Within == nil || !*vt.Within {
			t.Errorf("10 weeks exactly is within the norm: %+v", vt)
		}
		if rs := fxPhase(t, tl, "raad_start"); rs.Within == nil || *rs.Within {
			t.Errorf("15 days to the Raad's start passes the 10-day norm: %+v", rs)
		}
		ch := fxPhase(t, tl, "chain")
		if ch.Status != "done" || ch.Within == nil || *ch.Within || ch.Days < 187 || ch.Days > 189 {
			t.Errorf("the whole chain took about 188 days, past 5 months: %+v", ch)
		}
		if len(tl.Orders) != 1 || tl.Orders[0].Measure != chain.Supervision || tl.Orders[0].Extended {
			t.Errorf("orders %+v", tl.Orders)
		}

		// A correction is a new fact; the old one stays visible.
		fix := fxEvent("guardian_started", d(184))
		fix.Corrects, fix.Reason = g.ID, "Eerste huisbezoek was op maandag, niet op dinsdag."
		c := rec(fix)
		tl, _ = app.New(db).Timeline(ctx, sanne, res.CaseID)
		var old storage.ChainEvent
		for _, e := range tl.Events {
			if e.ID == g.ID {
				old = e
			}
		}
		if !old.Superseded || old.Effective || c.Corrects != g.ID || !c.Effective || c.Reason == "" {
			t.Errorf("old %+v, correction %+v", old, c)
		}
		if ch := fxPhase(t, tl, "chain"); ch.EndedAt == nil || !ch.EndedAt.Equal(d(184).UTC()) {
			t.Errorf("the chain must follow the correction: %+v", ch)
		}
		// Correcting the old version again is refused.
		again := fix
		again.Reason = "Nog een keer corrigeren kan niet."
		_, err = app.New(db).RecordEvent(ctx, sanne, res.CaseID, again, storage.SourceHand)
		fxWantField(t, err, "corrects")

		// Withdrawing: the guardian never started; the chain is open again.
		rec(schakel.ChainEventInput{Corrects: c.ID, Withdraw: true, Reason: "Verkeerde casus gekozen bij het vastleggen."})
		tl, _ = app.New(db).Timeline(ctx, sanne, res.CaseID)
		if ch := fxPhase(t, tl, "chain"); ch.Status != "open" {
			t.Errorf("after withdrawing the guardian's start the chain waits: %+v", ch)
		}
		if n := len(fxTypes(tl.Events, false)) - len(fxTypes(tl.Events, true)); n != 3 {
			t.Errorf("%d events are not effective, want 3 (original, correction, withdrawal)", n)
		}

		// Closing closes the case; nothing can be recorded after it.
		rec(fxEvent("closed", d(190)))
		cs, err := app.New(db).Case(ctx, sanne, res.CaseID)
		if err != nil || cs.Status != "closed" {
			t.Fatalf("case after closing: %s %v", cs.Status, err)
		}
		_, err = app.New(db).RecordEvent(ctx, sanne, res.CaseID, fxEvent("help_started", d(191)), storage.SourceHand)
		fxWantField(t, err, "at")
		tl, _ = app.New(db).Timeline(ctx, sanne, res.CaseID)
		if ch := fxPhase(t, tl, "chain"); ch.Status != "stopped" {
			t.Errorf("closing stops the waiting chain: %+v", ch)
		}
	})
}

// fxCaseWithRun files a report received days ago and records an
// investigation of the given length.
func fxInvestigation(t *testing.T, db *storage.DB, a *schakel.Actor, received time.Time, days float64, municipality string) int64 {
	t.Helper()
	ctx := context.Background()
	in := baseReport()
	in.ReceivedAt = &received
	in.Municipality = municipality
	in.Children = []intake.Person{{GivenNames: "Kind", FamilyName: "Van " + municipality + received.Format("0102150405"), BirthDate: "2016-04-12", Relation: "child"}}
	in.Adults = nil
	var res app.ReportResult
	var err error
	fxAt(db, received.Add(time.Hour), func() { res, err = app.New(db).CreateReport(ctx, a, in, "") })
	if err != nil {
		t.Fatal(err)
	}
	start := received.Add(24 * time.Hour)
	for _, e := range []schakel.ChainEventInput{fxEvent("investigation_started", start), fxEvent("investigation_ended", start.Add(time.Duration(days*24*float64(time.Hour))))} {
		if _, err := app.New(db).RecordEvent(ctx, a, res.CaseID, e, storage.SourceAPI); err != nil {
			t.Fatal(err)
		}
	}
	return res.CaseID
}

func TestLeadtimesAndNorms(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		base := w.now.AddDate(0, -6, 0)
		lengths := []float64{10, 20, 30, 40, 50, 60, 65, 72, 80, 95, 120}
		var ids []int64
		for i, d := range lengths {
			m := "Rotterdam"
			if i%2 == 1 {
				m = "Schiedam"
			}
			ids = append(ids, fxInvestigation(t, db, sanne, base.AddDate(0, 0, i), d, m))
		}
		lt, err := app.New(db).Leadtimes(ctx, sanne, storage.LeadtimeFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var vt storage.PhaseStats
		for _, p := range lt.Phases {
			if p.Phase == "vt_investigation" {
				vt = p
			}
		}
		sorted := slices.Clone(lengths)
		slices.Sort(sorted)
		if vt.Count != int64(len(lengths)) || vt.MedianDays == nil || math.Abs(*vt.MedianDays-chain.Quantile(sorted, 0.5)) > 0.001 ||
			math.Abs(*vt.P80Days-chain.Quantile(sorted, 0.8)) > 0.001 || math.Abs(*vt.P90Days-chain.Quantile(sorted, 0.9)) > 0.001 {
			t.Fatalf("vt_investigation %+v (median %v p80 %v p90 %v), want %v %v %v", vt, *vt.MedianDays, *vt.P80Days, *vt.P90Days,
				chain.Quantile(sorted, 0.5), chain.Quantile(sorted, 0.8), chain.Quantile(sorted, 0.9))
		}
		// Within 10 weeks: 10…65 days (7 of 11).
		if vt.WithinNorm == nil || math.Abs(*vt.WithinNorm-7.0/11) > 0.001 || vt.Norm.Text != "10 weken" {
			t.Errorf("within %v norm %+v", vt.WithinNorm, vt.Norm)
		}
		if lt.Chain.Phase != "chain" || lt.Chain.Count != 0 || lt.Chain.MedianDays != nil {
			t.Errorf("chain %+v", lt.Chain)
		}
		// Filters: a municipality, a cohort.
		sch, _ := app.New(db).Leadtimes(ctx, sanne, storage.LeadtimeFilter{Municipality: "Schiedam"})
		if n := sch.Phases[2].Count; n != 5 {
			t.Errorf("Schiedam: %d investigations, want 5", n)
		}
		linda := w.actor(t, demo.Email("Linda", "vt"))
		if _, err := app.New(db).CreateCohort(ctx, sanne, app.CohortInput{Name: "Pilot"}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("an intake worker makes no cohorts: %v", err)
		}
		k, err := app.New(db).CreateCohort(ctx, linda, app.CohortInput{Name: "Pilot 50 gezinnen", Kind: "cohort"})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids[:5] {
			if err := app.New(db).TagCase(ctx, sanne, id, k.ID, true); err != nil {
				t.Fatal(err)
			}
		}
		pilot, _ := app.New(db).Leadtimes(ctx, sanne, storage.LeadtimeFilter{CohortID: k.ID})
		if p := pilot.Phases[2]; p.Count != 5 || p.Suppressed || p.MedianDays == nil || *p.MedianDays != 30 {
			t.Errorf("pilot %+v", p)
		}
		// Fewer than five: the count, no figures that would describe single families.
		if err := app.New(db).TagCase(ctx, sanne, ids[0], k.ID, false); err != nil {
			t.Fatal(err)
		}
		pilot, _ = app.New(db).Leadtimes(ctx, sanne, storage.LeadtimeFilter{CohortID: k.ID})
		if p := pilot.Phases[2]; p.Count != 4 || !p.Suppressed || p.MedianDays != nil || p.P90Days != nil || p.WithinNorm != nil {
			t.Errorf("a cohort of four is shown: %+v", p)
		}
		period, _ := app.New(db).Leadtimes(ctx, sanne, storage.LeadtimeFilter{From: base.AddDate(0, 0, 30), To: base.AddDate(0, 0, 60)})
		if p := period.Phases[2]; p.Count != 3 { // ended on day 1+i+len: 31 (20+10+1), 42 (30+11+1)… within [30, 60): 20, 30, 40
			t.Errorf("period %+v", p)
		}

		// Norms: an administrator changes one; zero and negative are refused.
		joost := w.actor(t, demo.Email("Joost", "vt"))
		_, err = app.New(db).SetNorm(ctx, joost, "vt_investigation", chain.Norm{Amount: 0, Unit: chain.Weeks, Source: "regio"})
		fxWantField(t, err, "amount")
		_, err = app.New(db).SetNorm(ctx, joost, "vt_investigation", chain.Norm{Amount: -2, Unit: chain.Weeks, Source: "regio"})
		fxWantField(t, err, "amount")
		if _, err := app.New(db).SetNorm(ctx, sanne, "vt_investigation", chain.Norm{Amount: 8, Unit: chain.Weeks, Source: "regio"}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("non-admin: %v", err)
		}
		if _, err := app.New(db).SetNorm(ctx, joost, "nope", chain.Norm{Amount: 8, Unit: chain.Weeks, Source: "regio"}); schakel.ErrorCode(err) != schakel.ENOTFOUND {
			t.Errorf("unknown norm: %v", err)
		}
		nv, err := app.New(db).SetNorm(ctx, joost, "vt_investigation", chain.Norm{Amount: 12, Unit: chain.Weeks, Target: 0.8, Source: "Regio-afspraak 2026"})
		if err != nil || nv.Default || nv.Text != "12 weken" {
			t.Fatalf("set norm: %+v %v", nv, err)
		}
		lt, _ = app.New(db).Leadtimes(ctx, sanne, storage.LeadtimeFilter{})
		if p := lt.Phases[2]; p.WithinNorm == nil || math.Abs(*p.WithinNorm-9.0/11) > 0.001 || p.Norm.Text != "12 weken" {
			t.Errorf("after the new norm: within %v, norm %+v", *p.WithinNorm, p.Norm)
		}
		norms, err := app.New(db).Norms(ctx, sanne, 0)
		if err != nil || len(norms) != len(chain.Phases()) {
			t.Fatalf("norms %v %v", norms, err)
		}
		for _, n := range norms {
			if n.Source == "" {
				t.Errorf("norm %s without a source", n.ID)
			}
		}

		// The dashboard: waiting now, reports, trend.
		d, err := app.New(db).Dashboard(ctx, sanne, storage.LeadtimeFilter{}, "vt_investigation")
		if err != nil {
			t.Fatal(err)
		}
		if d.Reports.Reports != int64(len(lengths)) || len(d.Trend) == 0 || d.TrendPhase != "vt_investigation" {
			t.Errorf("dashboard %+v", d)
		}
		var total int64
		for _, m := range d.Trend {
			total += m.Count
		}
		if total != int64(len(lengths)) {
			t.Errorf("trend counts %d", total)
		}
	})
}

func TestChainWorklistAlerts(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		received := w.now.AddDate(0, 0, -70)
		in := baseReport()
		in.ReceivedAt = &received
		var res app.ReportResult
		var err error
		fxAt(db, received.Add(time.Hour), func() { res, err = app.New(db).CreateReport(ctx, sanne, in, "") })
		if err != nil {
			t.Fatal(err)
		}
		// Nine weeks into a 10-week investigation: VT is warned.
		if _, err := app.New(db).RecordEvent(ctx, sanne, res.CaseID, fxEvent("investigation_started", w.now.AddDate(0, 0, -63)), storage.SourceAPI); err != nil {
			t.Fatal(err)
		}
		items, err := app.New(db).Worklist(ctx, sanne, app.WorkFilter{Scope: "organisation"})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(items, func(it storage.WorkItem) bool { return it.Kind == "norm" && it.CaseID == res.CaseID })
		if i < 0 {
			t.Fatalf("no norm alert in %+v", items)
		}
		if it := items[i]; it.Overdue || it.SecondsLeft <= 0 || it.SecondsLeft > 8*24*3600 || !strings.Contains(it.Title, "Onderzoek Veilig Thuis") {
			t.Errorf("alert %+v", it)
		}
		// More alerts than fit: the list says how many it leaves out.
		second := baseReport()
		second.ReceivedAt = &received
		second.Children[0].GivenNames, second.Children[0].FamilyName = "Mila", "Koster"
		second.Adults = nil
		var res2 app.ReportResult
		fxAt(db, received.Add(2*time.Hour), func() { res2, err = app.New(db).CreateReport(ctx, sanne, second, "") })
		if err != nil {
			t.Fatal(err)
		}
		if _, err := app.New(db).RecordEvent(ctx, sanne, res2.CaseID, fxEvent("investigation_started", w.now.AddDate(0, 0, -64)), storage.SourceAPI); err != nil {
			t.Fatal(err)
		}
		if items, err = app.New(db).Worklist(ctx, sanne, app.WorkFilter{Scope: "organisation"}); err != nil {
			t.Fatal(err)
		}
		alerts := 0
		for _, it := range items {
			if it.Kind == "norm" {
				alerts++
			}
		}
		restore := storage.LimitNormItems(1)
		wl, err := app.New(db).WorklistWithOverflow(ctx, sanne, app.WorkFilter{Scope: "organisation"})
		restore()
		if err != nil {
			t.Fatal(err)
		}
		shown := 0
		for _, it := range wl.Items {
			if it.Kind == "norm" {
				shown++
			}
		}
		if alerts < 2 || shown != 1 || wl.NormsNotShown != alerts-1 {
			t.Errorf("%d alerts; with room for one: %d shown, %d not shown", alerts, shown, wl.NormsNotShown)
		}
		// A supervision order ending in 5 weeks warns the guardian and the
		// team lead at Jeugdbescherming.
		fatma := w.actor(t, demo.Email("Fatma", "jb"))
		erik := w.actor(t, demo.Email("Erik", "jb"))
		thomas := w.actor(t, demo.Email("Thomas", "jb"))
		if err := db.JoinCaseForTest(ctx, res.CaseID, fatma.Professional.Organisation.ID, fatma.Professional.ID); err != nil {
			t.Fatal(err)
		}
		order := schakel.ChainEventInput{Type: "court_order", At: w.now.AddDate(0, 0, -20).Format(time.RFC3339)}
		order.Details.Measure, order.Details.EndsAt = "interim_supervision", w.now.AddDate(0, 0, 14).Format(time.DateOnly)
		if _, err := app.New(db).RecordEvent(ctx, fatma, res.CaseID, order, storage.SourceAPI); err != nil {
			t.Fatal(err)
		}
		has := func(a *schakel.Actor, kind string) bool {
			items, err := app.New(db).Worklist(ctx, a, app.WorkFilter{})
			if err != nil {
				t.Fatal(err)
			}
			return slices.ContainsFunc(items, func(it storage.WorkItem) bool { return it.Kind == kind && it.CaseID == res.CaseID })
		}
		if !has(fatma, "court_order") || !has(erik, "court_order") {
			t.Error("the guardian and the team lead must be warned of the order's end")
		}
		if has(thomas, "court_order") {
			t.Error("a colleague who is not the guardian gets no warning in their own list")
		}
		// The guardian has not started: within 5 working days of the order
		// (passed), so Jeugdbescherming sees the norm passed.
		if !has(fatma, "norm") {
			t.Error("the guardian's first contact is past its norm")
		}
		// An extension ends the warning.
		ext := schakel.ChainEventInput{Type: "court_order_extended", At: w.now.AddDate(0, 0, -1).Format(time.RFC3339)}
		ext.Details.Measure, ext.Details.EndsAt = "interim_supervision", w.now.AddDate(0, 2, 0).Format(time.DateOnly)
		if _, err := app.New(db).RecordEvent(ctx, fatma, res.CaseID, ext, storage.SourceAPI); err != nil {
			t.Fatal(err)
		}
		if has(fatma, "court_order") {
			t.Error("an extended order still warns")
		}
		unusedPlacement(t, db, w, res.CaseID, fatma, erik, thomas)
	})
}

// unusedPlacement: a placement authorisation that no placement used warns
// the guardian and the team lead three weeks before it lapses (three
// months after the order), and no longer once the child is placed.
func unusedPlacement(t *testing.T, db *storage.DB, w *intakeWorld, caseID int64, guardian, lead, colleague *schakel.Actor) {
	t.Helper()
	ctx := context.Background()
	warned := func(a *schakel.Actor) bool {
		t.Helper()
		items, err := app.New(db).Worklist(ctx, a, app.WorkFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(items, func(it storage.WorkItem) bool {
			return it.Kind == "court_order" && it.CaseID == caseID && strings.Contains(it.Title, "nog niet gebruikt")
		})
	}
	record := func(in schakel.ChainEventInput) {
		t.Helper()
		if _, err := app.New(db).RecordEvent(ctx, guardian, caseID, in, storage.SourceAPI); err != nil {
			t.Fatal(err)
		}
	}
	order := schakel.ChainEventInput{Type: "court_order", At: w.now.Format(time.RFC3339)}
	order.Details.Measure, order.Details.EndsAt = "placement_authorisation", w.now.AddDate(1, 0, 0).Format(time.DateOnly)
	record(order)
	if warned(guardian) {
		t.Error("a placement authorisation of today warns that it lapses")
	}
	later := w.now.AddDate(0, 2, 20) // the authorisation lapses in about ten days
	db.Now = func() time.Time { return later }
	defer func() { db.Now = func() time.Time { return w.now } }()
	if !warned(guardian) || !warned(lead) {
		t.Error("the guardian and the team lead must be warned that the authorisation lapses unused")
	}
	if warned(colleague) {
		t.Error("a colleague who is not the guardian gets the warning in their own list")
	}
	record(schakel.ChainEventInput{Type: "placement", At: later.Add(-time.Hour).Format(time.RFC3339)})
	if warned(guardian) {
		t.Error("a used authorisation still warns")
	}
}

func TestEventLogExport(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		ids := []int64{
			fxInvestigation(t, db, sanne, w.now.AddDate(0, -2, 0), 30, "Rotterdam"),
			fxInvestigation(t, db, sanne, w.now.AddDate(0, -1, 0), 10, "Schiedam"),
		}
		var buf bytes.Buffer
		lw, _ := chain.NewCSVLog(&buf)
		if _, err := app.New(db).ExportEventLog(ctx, sanne, storage.ExportFilter{}, "csv", lw.Write); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("an intake worker may not export: %v", err)
		}
		linda := w.actor(t, demo.Email("Linda", "vt"))
		n, err := app.New(db).ExportEventLog(ctx, linda, storage.ExportFilter{}, "csv", lw.Write)
		if err != nil {
			t.Fatal(err)
		}
		lw.Close()
		first := buf.String()
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil || int64(len(recs)) != n+1 || n != 2*4 {
			t.Fatalf("%d rows (%d), %v", len(recs), n, err)
		}
		seen := map[string]bool{}
		for _, r := range recs[1:] {
			seen[r[0]] = true
			for _, id := range ids {
				if r[0] == "c"+itoa(id) || r[0] == itoa(id) {
					t.Errorf("case id %d not pseudonymised", id)
				}
			}
			if strings.Contains(strings.Join(r, ","), "de Jong") || strings.Contains(strings.Join(r, ","), "blauwe plek") {
				t.Errorf("names or free text in %v", r)
			}
		}
		if len(seen) != 2 {
			t.Errorf("%d pseudonyms for 2 cases", len(seen))
		}
		// The same case keeps its pseudonym in the next export.
		var again bytes.Buffer
		lw2, _ := chain.NewCSVLog(&again)
		app.New(db).ExportEventLog(ctx, linda, storage.ExportFilter{}, "csv", lw2.Write)
		lw2.Close()
		if again.String() != first {
			t.Errorf("a second export differs:\n%s\n%s", first, again.String())
		}
		karin := w.actor(t, demo.Email("Karin", "vt"))
		trail := fxTrail(t, db, *karin.Professional, storage.AuditFilter{})
		exports := 0
		for _, e := range trail {
			if e.Event == audit.EventExport && e.ResourceType == "event_log" {
				exports++
			}
		}
		if exports != 3 { // two by Linda, one refused for Sanne
			t.Errorf("%d export entries in the trail, want 3", exports)
		}
	})
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
