package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/demo"
	"schakel/internal/storage"
)

// BenchmarkTeamBoard loads one team's whole board (the team with its
// members and every case they hold, with children, running measures and
// phase; the organisation's weights and norm; its waiting list of cases
// with a measure and no case holder) in a youth-protection organisation of
// 50 teams, 600 workers and 10,000 cases. The rules that weigh the cases
// are pure arithmetic on these rows.
func BenchmarkTeamBoard(b *testing.B) {
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		ctx := context.Background()
		jb, err := db.ProfessionalByEmail(ctx, demo.Email("Erik", "jb"))
		if err != nil {
			b.Fatal(err)
		}
		org := jb.Organisation.ID
		teams, err := db.SeedCaseloads(ctx, org, jb.Organisation.RegionID, 50, 600, 10000)
		if err != nil {
			b.Fatal(err)
		}
		// The reference, measured in the same run and interleaved with the
		// board in rounds so that a drifting machine weighs on both alike:
		// one worker's own caseload ("Mijn caseload": their held cases,
		// the weights and the norm). The ratio board/own is what a team
		// lead waits for compared with a worker.
		workers := make([]int64, 0, len(teams))
		for _, id := range teams {
			err := db.View(ctx, func(tx *storage.Tx) error {
				team, err := tx.TeamRecord(id)
				if err == nil && len(team.Members) > 0 {
					workers = append(workers, team.Members[0].ProfessionalID)
				}
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		held, waiting := 0, 0
		board := func(i int) error {
			return db.Update(ctx, func(tx *storage.Tx) error {
				team, err := tx.TeamRecord(teams[i%len(teams)])
				if err != nil || len(team.Members) != 12 {
					b.Fatalf("team: %v, %d members", err, len(team.Members))
				}
				hs, err := tx.TeamHeldCases(team.ID)
				if err != nil {
					return err
				}
				held = len(hs)
				if err := weightsAndNorm(tx, org, jb.Organisation.RegionID); err != nil {
					return err
				}
				ws, err := tx.WaitingForHolder(org)
				waiting = len(ws)
				return err
			})
		}
		own := func(i int) error {
			return db.Update(ctx, func(tx *storage.Tx) error {
				if _, err := tx.HeldCases(workers[i%len(workers)]); err != nil {
					return err
				}
				if _, _, err := tx.MembershipOf(workers[i%len(workers)]); err != nil {
					return err
				}
				return weightsAndNorm(tx, org, jb.Organisation.RegionID)
			})
		}
		const round = 5
		var spent [2]time.Duration
		var runs [2]int
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			k := (i / round) % 2
			t0 := time.Now()
			var err error
			if k == 0 {
				err = board(i)
			} else {
				err = own(i)
			}
			if err != nil {
				b.Fatal(err)
			}
			spent[k] += time.Since(t0)
			runs[k]++
		}
		if runs[0] > 0 && runs[1] > 0 {
			boardMS := float64(spent[0].Microseconds()) / float64(runs[0]) / 1000
			ownMS := float64(spent[1].Microseconds()) / float64(runs[1]) / 1000
			b.ReportMetric(boardMS, "board-ms")
			b.ReportMetric(ownMS, "own-ms")
			b.ReportMetric(boardMS/ownMS, "board/own")
		}
		if runs[0] > 0 && (held < 200 || waiting != 200) {
			b.Fatalf("a team of 12 holds %d cases, want about 240; %d cases wait, want 200 (every 50th, with a measure)", held, waiting)
		}
	})
}

// weightsAndNorm loads the organisation's caseload weights and the
// region's norms, as every caseload view does.
func weightsAndNorm(tx *storage.Tx, org, region int64) error {
	if _, _, err := tx.CaseloadWeights(org); err != nil {
		return err
	}
	_, err := tx.CaseloadNorms(region)
	return err
}
