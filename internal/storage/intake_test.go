package storage_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// intakeWorld is a demo region at a fixed moment: Monday 23 November 2026,
// 10:00 in Amsterdam.
type intakeWorld struct {
	db  *storage.DB
	now time.Time
}

func newIntakeWorld(t *testing.T, db *storage.DB) *intakeWorld {
	t.Helper()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, workdays.Location())
	db.Now = func() time.Time { return now }
	if _, err := demo.Load(context.Background(), db, now); err != nil {
		t.Fatalf("demo: %v", err)
	}
	return &intakeWorld{db: db, now: now}
}

func (w *intakeWorld) actor(t *testing.T, email string) *schakel.Actor {
	t.Helper()
	p, err := w.db.ProfessionalByEmail(context.Background(), email)
	if err != nil {
		t.Fatalf("professional %s: %v", email, err)
	}
	return &schakel.Actor{Professional: &p, ClientAddr: "127.0.0.1", Workstation: "test"}
}

func baseReport() intake.Report {
	return intake.Report{
		Reporter:     intake.Reporter{Kind: "professional", Name: "Juf Anke", Organisation: "Basisschool De Regenboog", Phone: "010-1234567"},
		Children:     []intake.Person{{GivenNames: "Noah", FamilyName: "de Jong", BirthDate: "2016-04-12", Relation: "child"}},
		Adults:       []intake.Person{{GivenNames: "Mirjam", FamilyName: "de Jong", BirthDate: "1988-09-30", Relation: "parent", ParentalAuthority: true}},
		Municipality: "Rotterdam",
		Concerns:     []string{"physical_abuse"},
		Narrative:    "Noah had een blauwe plek in zijn nek en zegt dat hij bang is om naar huis te gaan.",
		Finances:     map[string]string{"enough_food": "no"},
	}
}

func TestRedReportOpensCrisisConsultation(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		in := baseReport()
		in.Concerns = []string{"physical_abuse", "sexual_abuse"}
		in.Indicators = []string{"child_afraid_to_go_home", "no_safe_caregiver"}
		res, err := app.New(db).CreateReport(ctx, sanne, in, "")
		if err != nil {
			t.Fatal(err)
		}
		if res.Rating.Color != "red" || res.Rating.Status != schakel.RatingProposed || len(res.Rating.Reasons) < 2 {
			t.Fatalf("rating = %+v", res.Rating)
		}
		if res.Consultation == nil {
			t.Fatal("a red report must open a crisis consultation at once")
		}
		c := res.Consultation
		if !c.DueAt.Equal(w.now.Add(4*time.Hour).UTC()) || c.ScheduledAt.After(c.DueAt) {
			t.Errorf("scheduled %v due %v", c.ScheduledAt, c.DueAt)
		}
		covered := map[string]bool{}
		kinds := map[schakel.OrganisationKind]bool{}
		for _, p := range c.Participants {
			kinds[p.Professional.Organisation.Kind] = true
			for _, cv := range p.Covers {
				covered[cv] = true
			}
			if len(p.Reasons) == 0 {
				t.Errorf("participant %s has no reasons", p.Professional.Name)
			}
		}
		for _, need := range []string{"organisation:veilig_thuis", "organisation:jeugdbescherming", "organisation:raad",
			"role:confidential_doctor", "role:lawyer", "expertise:sexual_violence", "person:" + strconv.FormatInt(sanne.Professional.ID, 10)} {
			if !covered[need] {
				t.Errorf("need %s not covered (missing: %v)", need, c.Missing)
			}
		}
		// Money worries can follow: recorded for the MDO, nobody invited for them.
		if covered["expertise:debt_counselling"] || !slices.ContainsFunc(c.Needs, func(n schakel.ConsultationNeed) bool {
			return n.Need == "expertise:debt_counselling" && n.Urgency == "can_follow"
		}) {
			t.Errorf("debt counselling must be recorded to follow, not filled: needs %+v", c.Needs)
		}
		if len(c.Missing) != 0 {
			t.Errorf("missing = %v; the demo region has everyone on duty", c.Missing)
		}
		if len(c.Participants) > 6 {
			t.Errorf("%d participants: not the smallest set", len(c.Participants))
		}
		// Every invitee has the invitation in the work list and an e-mail with a calendar invitation.
		for _, p := range c.Participants {
			invitee, err := db.Professional(ctx, p.Professional.ID)
			if err != nil {
				t.Fatal(err)
			}
			pa := &schakel.Actor{Professional: &invitee}
			items, err := app.New(db).Worklist(ctx, pa, app.WorkFilter{Scope: "mine"})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(items, func(it storage.WorkItem) bool { return it.Kind == "consultation" && it.ConsultationID == c.ID }) {
				t.Errorf("%s has no invitation in the work list: %+v", p.Professional.Name, items)
			}
			mails, err := db.OutboxFor(ctx, p.Professional.ID, 10)
			if err != nil || len(mails) == 0 || mails[0].ICS == "" {
				t.Errorf("%s: mails %v, %v", p.Professional.Name, mails, err)
			}
		}
		// The invitees (crisis duty) may read the case; the report's organisation participates.
		for _, p := range c.Participants {
			full, err := db.Professional(ctx, p.Professional.ID)
			if err != nil {
				t.Fatal(err)
			}
			got, err := app.New(db).Case(ctx, &schakel.Actor{Professional: &full}, res.CaseID)
			if err != nil {
				t.Errorf("%s cannot read the case: %v", full.Name, err)
			} else if full.Organisation.Kind != schakel.VeiligThuis && got.AccessBasis != "duty" {
				t.Errorf("%s basis = %s", full.Name, got.AccessBasis)
			}
		}
		// Red is assessed at once: at the consultation.
		got, err := app.New(db).Case(ctx, sanne, res.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Color != "red" || !got.Reports[0].AssessmentDueAt.Equal(c.DueAt) || got.Reports[0].FormVersion != intake.FormVersion {
			t.Errorf("case %+v", got.Reports[0])
		}
	})
}

func TestOrangeAndGreenGetTheLegalClock(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		in := baseReport()
		// Received on Thursday 24 December 2026 at 16:00: Christmas, Boxing Day
		// (Saturday), Sunday and New Year's Day do not count.
		received := time.Date(2026, 12, 24, 16, 0, 0, 0, workdays.Location())
		w.now = time.Date(2026, 12, 28, 9, 0, 0, 0, workdays.Location())
		db.Now = func() time.Time { return w.now }
		in.ReceivedAt = &received
		res, err := app.New(db).CreateReport(context.Background(), sanne, in, "")
		if err != nil {
			t.Fatal(err)
		}
		if res.Rating.Color != "green" || res.Consultation != nil {
			t.Fatalf("rating %+v consultation %v", res.Rating, res.Consultation)
		}
		// Working days after 24 Dec: 28, 29, 30, 31 Dec, 4 Jan → due at the end of 4 January.
		want := time.Date(2027, 1, 5, 0, 0, 0, 0, workdays.Location())
		if !res.Rating.DueAt.Equal(want) {
			t.Errorf("due %v, want %v", res.Rating.DueAt.In(workdays.Location()), want)
		}
	})
}

func TestIntakeValidationNamesFields(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		tests := []struct {
			name  string
			edit  func(r *intake.Report)
			field string
		}{
			{"no children", func(r *intake.Report) { r.Children = nil }, "children"},
			{"bsn fails the 11-test", func(r *intake.Report) { r.Children[0].BSN = "123456789" }, "children[0].bsn"},
			{"birth date impossible", func(r *intake.Report) { r.Children[0].BirthDate = "2016-02-30" }, "children[0].birth_date"},
			{"birth date in the future", func(r *intake.Report) { r.Children[0].BirthDate = "2030-01-01" }, "children[0].birth_date"},
			{"unknown indicator", func(r *intake.Report) { r.Indicators = []string{"threat_to_life", "bogus"} }, "indicators[1]"},
			{"colour change without reason", func(r *intake.Report) { r.Rating = &intake.RatingChoice{Color: "red"} }, "reason"},
			{"adult bsn format", func(r *intake.Report) { r.Adults[0].BSN = "12" }, "adults[0].bsn"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := baseReport()
				tt.edit(&in)
				_, err := app.New(db).CreateReport(context.Background(), sanne, in, "")
				if schakel.ErrorCode(err) != schakel.EINVALID {
					t.Fatalf("err = %v, want invalid", err)
				}
				if !slices.ContainsFunc(schakel.FieldErrors(err), func(f schakel.FieldError) bool { return f.Field == tt.field }) {
					t.Fatalf("fields %+v do not name %s", schakel.FieldErrors(err), tt.field)
				}
			})
		}
		// Nothing half-saved: no report, person or case exists.
		items, err := app.New(db).Worklist(context.Background(), sanne, app.WorkFilter{Scope: "organisation"})
		if err != nil || len(items) != 0 {
			t.Fatalf("after only invalid reports the work list has %d items (%v)", len(items), err)
		}
	})
}

func TestIdempotencyKeyCreatesOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		in := baseReport()
		var wg sync.WaitGroup
		results := make([]app.ReportResult, 4)
		errs := make([]error, 4)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = app.New(db).CreateReport(context.Background(), sanne, in, "key-1")
			}()
		}
		wg.Wait()
		for i := range results {
			if errs[i] != nil {
				t.Fatalf("attempt %d: %v", i, errs[i])
			}
			if results[i].ID != results[0].ID {
				t.Fatalf("attempt %d created report %d, first %d", i, results[i].ID, results[0].ID)
			}
		}
		got, err := app.New(db).Case(context.Background(), sanne, results[0].CaseID)
		if err != nil || len(got.Reports) != 1 {
			t.Fatalf("case has %d reports (%v)", len(got.Reports), err)
		}
		in.Narrative = "Iets anders."
		if _, err := app.New(db).CreateReport(context.Background(), sanne, in, "key-1"); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Fatalf("same key, other request: %v", err)
		}
	})
}

func TestMatchingTellYourStoryOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		kees := w.actor(t, demo.Email("Kees", "samendoen"))
		first := baseReport()
		first.Children[0].BSN = "111222333"
		r1, err := app.New(db).CreateReport(ctx, sanne, first, "")
		if err != nil {
			t.Fatal(err)
		}
		// The same child by BSN, reported by another organisation: linked at once.
		second := baseReport()
		second.Children[0] = intake.Person{GivenNames: "Noa", FamilyName: "Jong", BirthDate: "2016-04-12", BSN: "111222333"}
		r2, err := app.New(db).CreateReport(ctx, kees, second, "")
		if err != nil {
			t.Fatal(err)
		}
		if r2.FamilyID != r1.FamilyID || r2.CaseID != r1.CaseID {
			t.Fatalf("BSN match not linked: %+v vs %+v", r2, r1)
		}
		if r2.EarlierReports != 1 || r2.Rating.Color != "orange" {
			t.Errorf("earlier = %d colour = %s", r2.EarlierReports, r2.Rating.Color)
		}
		if len(r2.KnownAt) != 1 || r2.KnownAt[0].Organisation.Kind != schakel.VeiligThuis || r2.KnownAt[0].Contact == nil || r2.KnownAt[0].Contact.Name != "Sanne de Wit" {
			t.Errorf("known_at = %+v", r2.KnownAt)
		}
		// Reporting on a known family never opens its case to the reporter.
		if _, err := app.New(db).Case(ctx, kees, r1.CaseID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("the reporter's organisation reads the known case after a BSN match: %v", err)
		}
		if r2.Consultation != nil {
			t.Errorf("the reporter sees the case's consultation: %+v", r2.Consultation)
		}
		// The organisation on the case gets "nieuwe melding van …" naming the
		// reporter's organisation, never the report's content; the
		// reporter's own list shows nothing of the known case.
		told := "Nieuwe melding van " + kees.Professional.Organisation.Name + " over het gezin van casus "
		items, err := app.New(db).Worklist(ctx, sanne, app.WorkFilter{Scope: "mine"})
		if err != nil || !slices.ContainsFunc(items, func(it storage.WorkItem) bool {
			return it.Kind == "notice" && it.CaseID == r1.CaseID && strings.Contains(it.Title, told) && !strings.Contains(it.Title, "Noa")
		}) {
			t.Errorf("the organisation on the case was not told %q: %+v %v", told, items, err)
		}
		theirs, err := app.New(db).Worklist(ctx, kees, app.WorkFilter{Scope: "mine"})
		if err != nil || slices.ContainsFunc(theirs, func(it storage.WorkItem) bool { return it.CaseID == r1.CaseID }) {
			t.Errorf("the reporter's work list shows the known case: %+v %v", theirs, err)
		}
		// A typo and swapped names without BSN: only proposed.
		third := baseReport()
		third.Children[0] = intake.Person{GivenNames: "de Jongh", FamilyName: "Noah", BirthDate: "2016-04-12"}
		third.Adults = nil
		r3, err := app.New(db).CreateReport(ctx, kees, third, "")
		if err != nil {
			t.Fatal(err)
		}
		if r3.CaseID == r1.CaseID || len(r3.Matches) == 0 || r3.Matches[0].FamilyID != r1.FamilyID || r3.Matches[0].Status != "proposed" {
			t.Fatalf("fuzzy match: case %d matches %+v", r3.CaseID, r3.Matches)
		}
		if r3.EarlierReports != 2 {
			t.Errorf("earlier reports with the proposed match = %d, want 2", r3.EarlierReports)
		}
		// The reporter's case shows how often the known family was reported
		// and whom to call, as the statements for one family give them.
		mine, err := app.New(db).Case(ctx, kees, r3.CaseID)
		if err != nil || len(mine.Matches) != 1 {
			t.Fatalf("the reporter's case: %d matches (%v)", len(mine.Matches), err)
		}
		if got := mine.Matches[0]; got.Reports != 2 || len(got.KnownAt) != 1 || got.KnownAt[0].Contact == nil || got.KnownAt[0].Contact.Name != "Sanne de Wit" {
			t.Errorf("the proposed match on the reporter's case: %d reports, known at %+v; want 2 and Veilig Thuis with Sanne", got.Reports, got.KnownAt)
		}
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			n, err := tx.CountReports([]int64{r1.FamilyID}, 0, time.Time{}, time.Time{})
			if err != nil {
				return err
			}
			k, err := tx.KnownAt([]int64{r1.FamilyID}, r3.CaseID)
			if err == nil && (n != mine.Matches[0].Reports || !reflect.DeepEqual(k, mine.Matches[0].KnownAt)) {
				t.Errorf("per family: %d reports, known at %+v; the case read says %d, %+v", n, k, mine.Matches[0].Reports, mine.Matches[0].KnownAt)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		// The reporter who proposed the match does not decide it.
		if _, _, err := app.New(db).DecideMatch(ctx, kees, r3.Matches[0].ID, true); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("the proposer confirmed their own match: %v", err)
		}
		// An organisation on the known case sees the match and decides.
		known, err := app.New(db).Case(ctx, sanne, r1.CaseID)
		if err != nil || len(known.IncomingMatches) != 1 || known.IncomingMatches[0].NewPerson != "de Jongh Noah" {
			t.Fatalf("incoming matches on the known case: %+v %v", known.IncomingMatches, err)
		}
		m, into, err := app.New(db).DecideMatch(ctx, sanne, r3.Matches[0].ID, true)
		if err != nil || m.Status != "confirmed" || into != r1.CaseID {
			t.Fatalf("confirm: %+v %d %v", m, into, err)
		}
		got, err := app.New(db).Case(ctx, sanne, r1.CaseID)
		if err != nil || len(got.Reports) != 3 {
			t.Fatalf("merged case has %d reports (%v)", len(got.Reports), err)
		}
		if _, err := app.New(db).Case(ctx, kees, r1.CaseID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("the reporter's organisation reads the case after the merge: %v", err)
		}
		if _, _, err := app.New(db).DecideMatch(ctx, sanne, r3.Matches[0].ID, false); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Errorf("deciding twice: %v", err)
		}
	})
}

func TestNeedToKnowOnCases(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		res, err := app.New(db).CreateReport(ctx, sanne, baseReport(), "")
		if err != nil {
			t.Fatal(err)
		}
		rob := w.actor(t, demo.Email("Rob", "schuldhulp"))
		if _, err := app.New(db).Case(ctx, rob, res.CaseID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("an organisation not on the case: %v", err)
		}
		karin := w.actor(t, demo.Email("Karin", "vt"))
		if _, err := app.New(db).Case(ctx, karin, res.CaseID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("a privacy officer reads no case content: %v", err)
		}
		// The refusal is in the trail, in Schuldhulp's part.
		officer := w.actor(t, demo.Email("Karin", "vt"))
		_ = officer
		emergency := *rob
		emergency.EmergencyReason = "Kind staat nu aan de balie, moeder is onvindbaar"
		got, err := app.New(db).Case(ctx, &emergency, res.CaseID)
		if err != nil || got.AccessBasis != "emergency" {
			t.Fatalf("emergency read: %v %s", err, got.AccessBasis)
		}
		if _, _, err := app.New(db, app.WithIntakePolicy(intake.DefaultPolicy)).RateCase(ctx, &emergency, res.CaseID, "orange", "Nood is geen reden om te schrijven", 0); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("emergency write: %v", err)
		}
		fxSeal(t, db)
		n, err := db.VerifyAudit(ctx)
		if err != nil || n == 0 {
			t.Fatalf("verify: %d %v", n, err)
		}
	})
}

func TestRatingChanges(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		linda := w.actor(t, demo.Email("Linda", "vt"))
		in := baseReport()
		in.Indicators = []string{"threat_to_life"}
		res, err := app.New(db).CreateReport(ctx, sanne, in, "")
		if err != nil {
			t.Fatal(err)
		}
		pol := intake.DefaultPolicy
		// Confirming red needs no reason and adds no second row.
		g, _, err := app.New(db, app.WithIntakePolicy(pol)).RateCase(ctx, sanne, res.CaseID, "red", "", 0)
		if err != nil || g.Status != schakel.RatingConfirmed || g.ID != res.Rating.ID {
			t.Fatalf("confirm: %+v %v", g, err)
		}
		if _, _, err := app.New(db, app.WithIntakePolicy(pol)).RateCase(ctx, sanne, res.CaseID, "orange", "kort", 0); schakel.ErrorCode(err) != schakel.EINVALID {
			t.Fatalf("change without a real reason: %v", err)
		}
		g, _, err = app.New(db, app.WithIntakePolicy(pol)).RateCase(ctx, sanne, res.CaseID, "orange", "Moeder is met de kinderen bij oma ingetrokken, dreiging weg.", 0)
		if err != nil || g.Status != schakel.RatingPendingSecond {
			t.Fatalf("lowering red alone: %+v %v", g, err)
		}
		c, _ := app.New(db).Case(ctx, sanne, res.CaseID)
		if c.Color != "red" {
			t.Fatalf("red stays until a second professional confirms; colour %s", c.Color)
		}
		if _, err := app.New(db).ConfirmLowering(ctx, sanne, res.CaseID, g.ID, true); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("confirming one's own lowering: %v", err)
		}
		items, err := app.New(db).Worklist(ctx, linda, app.WorkFilter{Scope: "organisation"})
		if err != nil || !slices.ContainsFunc(items, func(it storage.WorkItem) bool { return it.Kind == "second_opinion" && it.RatingID == g.ID }) {
			t.Fatalf("the second opinion is not in a colleague's work list: %+v %v", items, err)
		}
		// Narrowed to cases an organisation takes part in: its own yes, the
		// debt counsellor (not on this case) no.
		own, err := app.New(db).Worklist(ctx, linda, app.WorkFilter{Scope: "organisation", OrganisationID: linda.Professional.Organisation.ID})
		if err != nil || len(own) != len(items) || !slices.ContainsFunc(own, func(it storage.WorkItem) bool { return it.Family == "Gezin de Jong" }) {
			t.Fatalf("own organisation filter: %d of %d items, %+v %v", len(own), len(items), own, err)
		}
		rob := w.actor(t, demo.Email("Rob", "schuldhulp"))
		other, err := app.New(db).Worklist(ctx, linda, app.WorkFilter{Scope: "organisation", OrganisationID: rob.Professional.Organisation.ID})
		if err != nil || len(other) != 0 {
			t.Fatalf("another organisation's filter: %+v %v", other, err)
		}
		if _, err := app.New(db).ConfirmLowering(ctx, linda, res.CaseID, g.ID, true); err != nil {
			t.Fatal(err)
		}
		c, _ = app.New(db).Case(ctx, sanne, res.CaseID)
		if c.Color != "orange" || len(c.Ratings) < 2 {
			t.Fatalf("after the second opinion: colour %s, %d ratings", c.Color, len(c.Ratings))
		}
		// A stale version loses: no lost update.
		if _, _, err := app.New(db, app.WithIntakePolicy(pol)).RateCase(ctx, sanne, res.CaseID, "green", "Alles is rustig, hulp is gestart.", c.Version-1); schakel.ErrorCode(err) != schakel.ECONFLICT {
			t.Fatalf("stale version: %v", err)
		}
		// Concurrent re-ratings with the same version: exactly one wins.
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, errs[i] = app.New(db, app.WithIntakePolicy(pol)).RateCase(ctx, sanne, res.CaseID, "green", fmt.Sprintf("Rustig geworden, poging %d.", i), c.Version)
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
			} else if schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Errorf("unexpected error %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d concurrent updates won, want 1", won)
		}
	})
}

// TestWorklistNeedToKnow: a privacy officer and an administrator of an
// organisation on a case see none of its families in a work list.
func TestWorklistNeedToKnow(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newIntakeWorld(t, db)
		ctx := context.Background()
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		res, err := app.New(db).CreateReport(ctx, sanne, baseReport(), "")
		if err != nil {
			t.Fatal(err)
		}
		items, err := app.New(db).Worklist(ctx, sanne, app.WorkFilter{Scope: "organisation"})
		if err != nil || !slices.ContainsFunc(items, func(it storage.WorkItem) bool { return it.CaseID == res.CaseID && it.Family != "" }) {
			t.Fatalf("the intake worker does not see the case: %+v %v", items, err)
		}
		for _, email := range []string{demo.Email("Karin", "vt"), demo.Email("Joost", "vt")} {
			a := w.actor(t, email)
			items, err := app.New(db).Worklist(ctx, a, app.WorkFilter{Scope: "organisation"})
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				if it.CaseID != 0 || it.Family != "" || it.Color != "" {
					t.Errorf("%s sees a family in the work list: %+v", email, it)
				}
			}
		}
	})
}
