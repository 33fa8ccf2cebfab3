package app_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/care"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestCareDashboard walks requests by need through the use cases on a case
// under a measure and reads the care part of the chain dashboard for one
// provider: its own figures (times withheld under five), the "no
// capacity" answers as unmet need, its latest answer in the live index
// and the measure's child helped within three months.
func TestCareDashboard(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		uc := app.New(db)
		caseID := holderCase(t, db, uc)
		thomas := demoActor(t, db, demo.Email("Thomas", "jb"))
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		frank := demoActor(t, db, demo.Email("Frank", "kompas"))
		var in schakel.ChainEventInput
		ordered := time.Now().UTC().Add(time.Second)
		in.Type, in.At = "court_order", ordered.Format(time.RFC3339)
		in.Details.Measure, in.Details.EndsAt = "supervision", ordered.AddDate(0, 11, 0).Format(time.RFC3339)
		if _, err := uc.RecordEvent(ctx, thomas, caseID, in, "hand"); err != nil {
			t.Fatalf("court order: %v %+v", err, schakel.FieldErrors(err))
		}
		kompas := frank.Professional.Organisation.ID
		if _, err := uc.PutCareProfile(ctx, frank, kompas, schakel.ProviderProfile{Categories: []schakel.NeedCategory{schakel.NeedTrauma},
			Municipalities: []string{"Rotterdam"}, EarliestStart: map[schakel.NeedCategory]string{schakel.NeedTrauma: inDays(21)}}); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for range 6 {
			r, err := uc.CreateCareRequest(ctx, sanne, caseID, care.Request{Urgency: schakel.UrgencyWeeks,
				Needs: []schakel.CareNeed{{Category: schakel.NeedTrauma, Text: "Schrikt van harde geluiden."}}})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r.ID)
		}
		// A seventh asks for two needs; it reaches Kompas through trauma
		// only, so for the other need it reached no provider.
		if _, err := uc.CreateCareRequest(ctx, sanne, caseID, care.Request{Urgency: schakel.UrgencyWeeks,
			Needs: []schakel.CareNeed{{Category: schakel.NeedTrauma, Text: "Nachtmerries."}, {Category: schakel.NeedIntellectual, Text: "Begrijpt uitleg slecht."}}}); err != nil {
			t.Fatal(err)
		}
		answers := []care.Answer{{Approach: "Thuis, wekelijks.", EarliestStart: inDays(7)}, {Approach: "Thuis.", EarliestStart: inDays(10)},
			{Approach: "Op de praktijk.", EarliestStart: inDays(14)}, {NoCapacity: true, ExpectedRoom: inDays(70)}, {NoCapacity: true, ExpectedRoom: inDays(60)}}
		for i, a := range answers { // the sixth request stays unanswered
			if _, err := uc.AnswerCare(ctx, frank, ids[i], a); err != nil {
				t.Fatalf("answer %d: %v %+v", i, err, schakel.FieldErrors(err))
			}
		}
		if _, err := uc.ChooseCare(ctx, sanne, ids[0], kompas); err != nil {
			t.Fatal(err)
		}
		if _, err := uc.StartCare(ctx, frank, ids[0], care.Progress{Date: inDays(0)}); err != nil {
			t.Fatal(err)
		}
		region := thomas.Professional.Organisation.RegionID
		f := storage.LeadtimeFilter{RegionID: region, From: time.Now().Add(-24 * time.Hour), OrganisationID: kompas}
		d, err := uc.CareDashboard(ctx, thomas, f)
		if err != nil {
			t.Fatal(err)
		}
		careDashboardFigures(t, d)
		t.Run("another provider's filter", func(t *testing.T) {
			f.OrganisationID = demoActor(t, db, demo.Email("Ingrid", "schuldhulp")).Professional.Organisation.ID
			d, err := uc.CareDashboard(ctx, thomas, f)
			if err != nil || len(d.Providers) != 0 || len(d.Unmet) != 0 || len(d.Waits) != 0 {
				t.Errorf("%v: providers %+v, unmet %+v, waits %+v; want none of Kompas's requests", err, d.Providers, d.Unmet, d.Waits)
			}
		})
		t.Run("a period before the requests", func(t *testing.T) {
			g := storage.LeadtimeFilter{RegionID: region, From: time.Now().AddDate(-2, 0, 0), To: time.Now().AddDate(-1, 0, 0)}
			d, err := uc.CareDashboard(ctx, thomas, g)
			if err != nil || len(d.Providers) != 0 || d.HelpAfterMeasure.Measures != 0 || len(d.Index) < len(schakel.NeedCategories) {
				t.Errorf("%v: %+v; want no requests nor measures, the index still", err, d)
			}
		})
	})
}

func careDashboardFigures(t *testing.T, d app.CareDashboard) {
	t.Helper()
	t.Run("per provider", func(t *testing.T) {
		if len(d.Providers) != 1 {
			t.Fatalf("providers = %+v, want Kompas only", d.Providers)
		}
		p := d.Providers[0]
		if p.Received != 7 || p.Answered != 5 || p.NoCapacity != 2 || p.Chosen != 1 || p.Started != 1 || p.Suppressed {
			t.Errorf("Kompas = %+v", p)
		}
		if p.ToAnswer.N != 5 || p.ToAnswer.Median == nil || p.ToChoice.N != 1 || p.ToChoice.Median != nil || p.ToStart.Median != nil {
			t.Errorf("spreads = %+v %+v %+v, want the five answers' times and no time of one choice", p.ToAnswer, p.ToChoice, p.ToStart)
		}
	})
	t.Run("unmet need", func(t *testing.T) {
		if len(d.Unmet) != 4 || d.Unmet[0].Municipality != "" || d.Unmet[1].Municipality != "Rotterdam" {
			t.Fatalf("unmet = %+v, want trauma and the other need, overall and in Rotterdam", d.Unmet)
		}
		if u := d.Unmet[3]; u.Category != schakel.NeedIntellectual || u.Requests != 1 || u.NoProvider != 1 || u.NoCapacityAnswers != 0 {
			t.Errorf("the other need = %+v, want its one request without a provider", u)
		}
		if u := d.Unmet[1]; u.Category != schakel.NeedTrauma || u.Requests != 7 || u.NoCapacityAnswers != 2 || u.RequestsNoCapacity != 2 || u.NobodyHadRoom != 2 || u.NoProvider != 0 {
			t.Errorf("Rotterdam = %+v", u)
		}
	})
	t.Run("live index: the latest answer counts", func(t *testing.T) {
		for _, r := range d.Index {
			if r.Category == schakel.NeedTrauma && r.Municipality == "Rotterdam" {
				if r.Providers != 1 || r.Known != 1 || r.ExpectedWaitDays == nil || *r.ExpectedWaitDays != 60 || r.Within8Weeks != 0 {
					t.Errorf("trauma in Rotterdam = %+v, want one provider, 60 days (its last answer: no capacity, room in 60 days)", r)
				}
				return
			}
		}
		t.Errorf("no trauma row for Rotterdam in %+v", d.Index)
	})
	t.Run("help after the measure", func(t *testing.T) {
		h := d.HelpAfterMeasure
		if h.Measures != 1 || h.Children < 1 || h.Within != h.Children || h.Late+h.Overdue+h.Open != 0 || !h.Suppressed || h.Share != nil {
			t.Errorf("measures = %+v, want the case's children helped within 3 months, the share withheld", h)
		}
	})
}

func inDays(n int) string {
	return time.Now().In(workdays.Location()).AddDate(0, 0, n).Format(time.DateOnly)
}
