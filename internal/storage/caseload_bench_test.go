package storage_test

import (
	"context"
	"testing"

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
		b.ResetTimer()
		held, waiting := 0, 0
		for i := 0; b.Loop(); i++ {
			err := db.Update(ctx, func(tx *storage.Tx) error {
				team, err := tx.TeamRecord(teams[i%len(teams)])
				if err != nil || len(team.Members) != 12 {
					b.Fatalf("team: %v, %d members", err, len(team.Members))
				}
				hs, err := tx.TeamHeldCases(team.ID)
				if err != nil {
					return err
				}
				held = len(hs)
				if _, _, err := tx.CaseloadWeights(org); err != nil {
					return err
				}
				if _, err := tx.CaseloadNorms(jb.Organisation.RegionID); err != nil {
					return err
				}
				ws, err := tx.WaitingForHolder(org)
				waiting = len(ws)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		if held < 200 || waiting != 200 {
			b.Fatalf("a team of 12 holds %d cases, want about 240; %d cases wait, want 200 (every 50th, with a measure)", held, waiting)
		}
	})
}
