package storage_test

import (
	"context"
	"strings"
	"testing"

	"schakel/internal/app"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestStatisticsPlans holds what reads a region's history by design to a
// weaker rule than the working day: the chain's dashboard and lead times
// (of the region, an organisation, the country and a cohort), the care
// dashboard and waiting times, how providers answer, the caseloads above
// the norm, the placement reviews' patterns and cohorts, a new norm
// applied to the region's runs of its phase, the export of the region's
// event log, and the jobs that count the
// week's caseloads and open the reviews of who still works where. Each
// figure covers all of a region's cases, so its statements may read the
// region's rows by an index on the region (historyRead); none may read a
// table of every region's history whole. Their speed at national scale
// has benchmarks of their own (BenchmarkRegionStatistics, and the
// dashboards' in BENCHMARKS.md).
func TestStatisticsPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, benchReport(7, true))
		w, sanne, uc := pc.w, pc.sanne, pc.uc
		// A year of history in several regions, so that the figures have
		// runs to count and the lead times ranks to look up.
		if _, err := demo.LoadNational(ctx, db, demo.NationalOptions{Families: 300, Years: 1, Seed: 5, Now: w.now}); err != nil {
			t.Fatal(err)
		}
		if err := db.ForgetStatistics(ctx); err != nil {
			t.Fatal(err)
		}
		admin := w.actor(t, demo.Email("Joost", "vt"))
		lead := w.actor(t, demo.Email("Erik", "jb"))
		region := sanne.Professional.Organisation.RegionID
		cohort, err := uc.CreateCohort(ctx, admin, app.CohortInput{Name: "Proef Zuid", Kind: "cohort", Description: "test"})
		if err != nil {
			t.Fatal(err)
		}
		ofRegion := storage.LeadtimeFilter{RegionID: region}
		lastYear := storage.LeadtimeFilter{RegionID: region, From: w.now.AddDate(-1, 0, 0), To: w.now}
		ofOrganisation := storage.LeadtimeFilter{RegionID: region, OrganisationID: sanne.Professional.Organisation.ID}
		const figures = "a figure over all of the region's cases (counts, lead times, percentiles)"
		steps := []historyStep{
			{planStep{"dashboard of the region", func() error { _, err := uc.Dashboard(ctx, lead, ofRegion, ""); return err }}, figures},
			{planStep{"dashboard of a year", func() error { _, err := uc.Dashboard(ctx, lead, lastYear, "vt_investigation"); return err }}, figures},
			{planStep{"dashboard of an organisation", func() error { _, err := uc.Dashboard(ctx, lead, ofOrganisation, ""); return err }}, figures},
			{planStep{"dashboard of a cohort", func() error {
				_, err := uc.Dashboard(ctx, lead, storage.LeadtimeFilter{RegionID: region, CohortID: cohort.ID}, "")
				return err
			}}, figures},
			{planStep{"dashboard of the country", func() error { _, err := uc.Dashboard(ctx, lead, storage.LeadtimeFilter{}, ""); return err }}, figures},
			{planStep{"the dashboard's municipalities", func() error { _, err := uc.Municipalities(ctx, lead, region); return err }},
				"the dashboard's filter lists every municipality the region's figures count (kept five minutes)"},
			{planStep{"the country's municipalities", func() error { _, err := uc.Municipalities(ctx, lead, 0); return err }},
				"the country's dashboard filter lists every municipality with figures (kept five minutes)"},
			{planStep{"lead times", func() error { _, err := uc.Leadtimes(ctx, lead, lastYear); return err }}, figures},
			{planStep{"cohort against the region", func() error { _, err := uc.CompareCohort(ctx, lead, cohort.ID, ofRegion); return err }}, figures},
			{planStep{"placement review cohorts", func() error { _, err := uc.ReviewCohorts(ctx, lead, ofRegion); return err }}, figures},
			{planStep{"placement review patterns", func() error { _, err := uc.ReviewPatterns(ctx, lead); return err }}, figures},
			{planStep{"care dashboard", func() error { _, err := uc.CareDashboard(ctx, lead, lastYear); return err }}, figures},
			{planStep{"care waiting times", func() error {
				_, err := uc.CareWaitingTimes(ctx, lead, lastYear.From, lastYear.To)
				return err
			}}, figures},
			{planStep{"how providers answer", func() error { _, err := uc.CareAnswerCounts(ctx, admin); return err }},
				"counts per provider of every request for care the region sent"},
			{planStep{"caseloads above the norm", func() error { _, err := uc.CaseloadOverrides(ctx, lead); return err }},
				"counts per organisation of the region's assignments above the norm in the past year"},
			{planStep{"a new norm", func() error {
				_, err := uc.SetNorm(ctx, admin, "vt_investigation", chain.Norm{Amount: 5, Unit: chain.WorkingDays, Source: "test"})
				return err
			}}, "a norm changes the deadline of every run of its phase in the region, and the figures over them"},
			{planStep{"export the region's event log", func() error {
				_, err := uc.ExportEventLog(ctx, lead, storage.ExportFilter{RegionID: region, From: lastYear.From, To: lastYear.To}, "csv",
					func(chain.LogRow) error { return nil })
				return err
			}}, "the pseudonymised events of every case of the region in the period, for process mining"},
			{planStep{"the week's caseloads", func() error { _, err := uc.RecordCaseloadWeek(ctx); return err }},
				"the hourly job that keeps each team's and worker's caseload of the week counts every case they hold"},
			{planStep{"membership reviews", func() error { _, err := uc.ReviewMembership(ctx); return err }},
				"the daily job that opens each organisation's review of who still works there lists all its accounts"},
		}
		// Two rare reads pass by name:
		//   - a new norm reads its phase's runs of every region: it then
		//     updates each of the region's runs one by one, which costs many
		//     times the read, and is set a few times a year. An index on the
		//     runs by region and phase, which every new run would pay for,
		//     saved 0-15 % of it (BenchmarkRegionStatistics, BENCHMARKS.md);
		//   - the export streams the events in the order of their cases, so
		//     it reads every region's events through the index by case. An
		//     index by region on the largest table would cost every event's
		//     write, for an export an analyst runs now and then.
		rare := func(q string) bool {
			q = strings.Join(strings.Fields(q), " ")
			return strings.HasPrefix(q, "SELECT case_id, seq, status, start_min, end_min FROM case_phases WHERE region_id = ? AND phase = ?") ||
				strings.HasPrefix(q, "SELECT case_id, type, at, ends_at, details, COALESCE(organisation_id, 0), region_id, municipality FROM chain_events")
		}
		checkHistoryPlans(t, db, rare, steps)
	})
}
