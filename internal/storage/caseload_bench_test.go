package storage_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/storage"
)

// BenchmarkTeamBoard loads one team's board (the team with its members and
// every case they hold, with children and running measures) in an
// organisation of 50 teams, 600 workers and 10,000 cases. The rules that
// weigh the cases are pure arithmetic on these rows.
func BenchmarkTeamBoard(b *testing.B) {
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		ctx := context.Background()
		teams, err := db.SeedCaseloads(ctx, actor.Professional.Organisation.ID, actor.Professional.Organisation.RegionID, 50, 600, 10000)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		held := 0
		for i := 0; b.Loop(); i++ {
			err := db.Update(ctx, func(tx *storage.Tx) error {
				team, err := tx.TeamRecord(teams[i%len(teams)])
				if err != nil || len(team.Members) != 12 {
					b.Fatalf("team: %v, %d members", err, len(team.Members))
				}
				hs, err := tx.TeamHeldCases(team.ID)
				held = len(hs)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		if held < 200 {
			b.Fatalf("a team of 12 holds %d cases, want about 240", held)
		}
	})
}
