package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/care"
	"schakel/internal/storage"
)

// BenchmarkCareRequestProviders measures issue 15's figure: a care request
// matched against 500 providers of a region, and reading the request with
// its 500 answers side by side (the data of the comparison screen). The
// reference, in the same run and the same region, is a request for a need
// that only 5 of the providers offer, read with its 5 answers. The kinds
// alternate in rounds so that a drifting machine load weighs on both alike;
// each reports its mean and the ratio to its reference. The providers have
// no staff here, so the notices are written but no e-mail is queued.
func BenchmarkCareRequestProviders(b *testing.B) {
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		ctx := context.Background()
		uc := app.New(db)
		res, err := uc.CreateReport(ctx, actor, benchReport(1, false), "")
		if err != nil {
			b.Fatal(err)
		}
		few, many := seedProviders(b, db, actor.Professional.Organisation.RegionID, 5, 500)
		request := func(need schakel.NeedCategory) (schakel.CareRequest, error) {
			return uc.CreateCareRequest(ctx, actor, res.CaseID, care.Request{Urgency: schakel.UrgencyWeeks,
				Needs: []schakel.CareNeed{{Category: need, Text: "Hulp thuis, na school."}}})
		}
		answered := func(need schakel.NeedCategory, orgs []int64) int64 {
			r, err := request(need)
			if err != nil {
				b.Fatal(err)
			}
			answerAll(b, db, r.ID, orgs, actor.Professional.ID)
			return r.ID
		}
		fewID, manyID := answered(schakel.NeedDebts, few), answered(schakel.NeedTrauma, many)
		read := func(id int64) error { _, err := uc.CareRequest(ctx, actor, id); return err }
		kinds := []struct {
			name string
			run  func() error
		}{
			{"request-5", func() error { _, err := request(schakel.NeedDebts); return err }},
			{"request-500", func() error { _, err := request(schakel.NeedTrauma); return err }},
			{"compare-5", func() error { return read(fewID) }},
			{"compare-500", func() error { return read(manyID) }},
		}
		total := make([]time.Duration, len(kinds))
		count := make([]int, len(kinds))
		const round = 10
		for i := 0; b.Loop(); i++ {
			k := (i / round) % len(kinds)
			t0 := time.Now()
			if err := kinds[k].run(); err != nil {
				b.Fatal(err)
			}
			total[k] += time.Since(t0)
			count[k]++
		}
		mean := make([]float64, len(kinds))
		for k, kd := range kinds {
			if count[k] > 0 {
				mean[k] = float64(total[k].Microseconds()) / float64(count[k]) / 1000
				b.ReportMetric(mean[k], kd.name+"-ms")
			}
		}
		if mean[0] > 0 && mean[2] > 0 {
			b.ReportMetric(mean[1]/mean[0], "request-ratio")
			b.ReportMetric(mean[3]/mean[2], "compare-ratio")
		}
	})
}

// seedProviders adds nFew providers for debts and nMany for trauma, all in
// Rotterdam, and returns their organisation ids.
func seedProviders(b *testing.B, db *storage.DB, region int64, nFew, nMany int) (few, many []int64) {
	b.Helper()
	err := db.Update(context.Background(), func(tx *storage.Tx) error {
		for i := range nFew + nMany {
			need, list := schakel.NeedTrauma, &many
			if i < nFew {
				need, list = schakel.NeedDebts, &few
			}
			o := &schakel.Organisation{RegionID: region, Name: fmt.Sprintf("Zorgaanbieder %03d", i), Kind: schakel.Zorgaanbieder}
			if err := app.CreateOrganisationIn(tx, nil, o); err != nil {
				return err
			}
			if err := tx.PutCareProfile(schakel.ProviderProfile{Organisation: schakel.OrganisationRef{ID: o.ID},
				Categories: []schakel.NeedCategory{need, schakel.NeedParenting}, Municipalities: []string{"Rotterdam"},
				Languages: []string{"Nederlands"}, EarliestStart: map[schakel.NeedCategory]string{need: "2027-01-04"}}); err != nil {
				return err
			}
			*list = append(*list, o.ID)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return few, many
}

// answerAll has every provider answer a request.
func answerAll(b *testing.B, db *storage.DB, requestID int64, orgs []int64, by int64) {
	b.Helper()
	err := db.Update(context.Background(), func(tx *storage.Tx) error {
		for i, org := range orgs {
			if err := tx.InsertCareAnswer(requestID, org, by, schakel.CareAnswer{Approach: fmt.Sprintf("Gezinsbegeleiding thuis, aanpak %d.", i),
				EarliestStart: "2027-01-11"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
