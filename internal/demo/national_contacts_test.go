package demo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestNationalContactMoments: the generated history logs contact moments
// with families (issue 14, item 6), within the last two years, by a
// disabled account per region that is in no team; the cohort with the
// extra caseload reduction sees its families more often than the rest of
// its region, and the support-work cohort's comparison counts them too.
func TestNationalContactMoments(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		st, err := demo.LoadNational(ctx, db, demo.NationalOptions{Families: 8000, Years: 4, Seed: 11, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if st.Contacts < st.Cases/4 {
			t.Fatalf("%d contact moments for %d cases", st.Contacts, st.Cases)
		}
		p, err := db.ProfessionalByEmail(ctx, demo.Email("Linda", "vt"))
		if err != nil {
			t.Fatal(err)
		}
		linda := &schakel.Actor{Professional: &p}
		uc := app.New(db)
		cohorts, err := uc.Cohorts(ctx, linda, 0)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, k := range cohorts {
			if k.Intervention != "extra_staff" && k.Intervention != "support_work" {
				continue
			}
			seen[k.Intervention] = true
			// The whole history: the comparison starts at the first day.
			c, err := uc.CompareCohort(ctx, linda, k.ID, storage.LeadtimeFilter{RegionID: k.RegionID, To: now})
			if err != nil {
				t.Fatal(err)
			}
			in, rest := c.InCohort.ContactsPerFamilyMonth, c.Rest.ContactsPerFamilyMonth
			if in == nil || rest == nil || *in <= 0 || *rest <= 0 {
				t.Fatalf("%s: contact moments per family per month %v / %v", k.Name, in, rest)
			}
			t.Logf("%s: %.1f vs %.1f contact moments per family per month (%d contact moments in all)", k.Name, *in, *rest, st.Contacts)
			if k.Intervention == "extra_staff" && *in <= *rest {
				t.Errorf("%s: a lower caseload should show more contact moments: %.1f vs %.1f", k.Name, *in, *rest)
			}
			// Before the generated span there are none: a period that
			// ends three years ago counts nothing.
			old, err := uc.CompareCohort(ctx, linda, k.ID, storage.LeadtimeFilter{RegionID: k.RegionID, From: now.AddDate(-4, 0, 0), To: now.AddDate(-3, 0, 0)})
			if err != nil {
				t.Fatal(err)
			}
			if x := old.Rest.ContactsPerFamilyMonth; x != nil && *x != 0 {
				t.Errorf("%s: contact moments before the last two years: %v", k.Name, *x)
			}
		}
		if !seen["extra_staff"] || !seen["support_work"] {
			t.Fatalf("interventions: %+v", cohorts)
		}
		// The account that logs them cannot log in and is in no team.
		if err := db.View(ctx, func(tx *storage.Tx) error {
			team, err := tx.TeamOf(historyWorker(t, db, p.Organisation.RegionID))
			if err == nil && team != 0 {
				t.Errorf("the history's worker is in team %d", team)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
	})
}

func historyWorker(t *testing.T, db *storage.DB, region int64) int64 {
	t.Helper()
	w, err := db.ProfessionalByEmail(context.Background(), fmt.Sprintf("geschiedenis.regio%d@jeugdbescherming.example", region))
	if err != nil {
		t.Fatal(err)
	}
	if w.Active {
		t.Errorf("the history's worker can log in: %+v", w)
	}
	return w.ID
}
