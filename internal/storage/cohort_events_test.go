package storage_test

import (
	"context"
	"fmt"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestCohortEventCounts: a cohort's reports, placements and court orders
// (read case by case) are those of every case tagged with the cohort or
// ever held by its workers or its teams' members, as a query that says so
// directly counts them, for every cohort of a national history.
func TestCohortEventCounts(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		holdings := newPlanCase(t, db, benchReport(31, false)) // the history holds no case holders
		if _, err := demo.LoadNational(ctx, db, demo.NationalOptions{Families: 400, Years: 2, Seed: 3, Now: holdings.w.now}); err != nil {
			t.Fatal(err)
		}
		heldCases(t, holdings)
		const direct = `SELECT COUNT(*) FROM chain_events e WHERE e.type = ? AND e.superseded = FALSE AND e.withdrawn = FALSE AND (
			EXISTS (SELECT 1 FROM case_cohorts cc WHERE cc.case_id = e.case_id AND cc.cohort_id = ?)
			OR EXISTS (SELECT 1 FROM case_holders h WHERE h.case_id = e.case_id AND (
				h.professional_id IN (SELECT cw.professional_id FROM cohort_workers cw WHERE cw.cohort_id = ?)
				OR h.professional_id IN (SELECT m.professional_id FROM team_members m JOIN cohort_teams ct ON ct.team_id = m.team_id WHERE ct.cohort_id = ?))))`
		var cohorts int64
		counted := 0
		err := db.View(ctx, func(tx *storage.Tx) error {
			if err := tx.QueryRowForTest(`SELECT COUNT(*) FROM cohorts`).Scan(&cohorts); err != nil {
				return err
			}
			for id := int64(1); id <= cohorts; id++ {
				got, err := tx.EventCounts(storage.LeadtimeFilter{CohortID: id})
				if err != nil {
					return err
				}
				byType := map[string]int64{}
				for _, m := range got {
					byType[string(m.Type)] += m.N
				}
				for _, typ := range []string{"report_received", "placement", "court_order"} {
					var want int64
					if err := tx.QueryRowForTest(direct, typ, id, id, id).Scan(&want); err != nil {
						return err
					}
					if byType[typ] != want {
						t.Errorf("cohort %d: %d events of type %s, want %d", id, byType[typ], typ, want)
					}
					if want > 0 {
						counted++
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if cohorts < 3 || counted == 0 {
			t.Fatalf("%d cohorts, %d counts compared: the history has no cohort to check", cohorts, counted)
		}
	})
}

// heldCases puts two cohorts on the case of pc, by its holders only: one
// whose worker held it before (an ended holding), one whose team's member
// holds it now.
func heldCases(t *testing.T, pc planCase) {
	t.Helper()
	ctx := context.Background()
	lead := pc.w.actor(t, demo.Email("Erik", "jb"))
	fatma := pc.w.actor(t, demo.Email("Fatma", "jb"))
	thomas := pc.w.actor(t, demo.Email("Thomas", "jb"))
	pc.join(t, thomas, schakel.RoleUitvoering)
	team := pc.team(t, "Team Cohort", lead, thomas)
	for _, holder := range []*schakel.Actor{fatma, thomas} {
		pc.hold(t, lead, holder)
		if holder == fatma {
			if _, err := pc.uc.EndCaseHolder(ctx, lead, pc.filed.CaseID, schakel.FirstHolder, "Fatma gaat met verlof."); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i, member := range []app.CohortMemberInput{{ProfessionalID: fatma.Professional.ID}, {TeamID: team.ID}} {
		k, err := pc.uc.CreateCohort(ctx, lead, app.CohortInput{Name: fmt.Sprintf("Cohort %d", i), Kind: "cohort", Description: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pc.uc.SetCohortMember(ctx, lead, k.ID, member, true); err != nil {
			t.Fatal(err)
		}
	}
}
