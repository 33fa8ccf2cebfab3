package storage_test

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestRollupShardsMigration takes a database with roll-up rows spread
// over shards back to the schema before migration 00055 and up again: the
// way down keeps each key's sum in one row, the way up keeps it too.
func TestRollupShardsMigration(t *testing.T) {
	const shards = 55
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			dsn := e.DSN(t)
			raw := fxRaw(t, e.Name, dsn)
			p := fxGoose(t, e.Name, raw)
			if _, err := p.UpTo(ctx, shards); err != nil {
				t.Fatal(err)
			}
			exec := func(q string, args ...any) {
				t.Helper()
				if _, err := raw.ExecContext(ctx, fxRebind(e.Name, q), args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			for _, shard := range []int{0, 3, 7} {
				exec(`INSERT INTO phase_rollup (region_id, end_month, phase, bucket, shard, n, within, judged) VALUES (1, 202611, 2, 4, ?, ?, 1, 2)`, shard, shard+1)
				exec(`INSERT INTO event_rollup (month, type, region_id, organisation_id, municipality, shard, n, repeats, screened, debts)
					VALUES (202611, 'report_received', 1, 5, 'Rotterdam', ?, ?, 1, 1, 0)`, shard, shard+10)
			}
			exec(`INSERT INTO phase_rollup (region_id, end_month, phase, bucket, shard, n, within, judged) VALUES (0, 202611, 2, 4, 0, 9, 0, 0)`)
			// Region 1's sums; the national row (region 0) is left out.
			want := map[string][]int64{"phase": {1, 13, 3, 6}, "event": {1, 40, 3, 3}}

			if _, err := p.DownTo(ctx, shards-1); err != nil {
				t.Fatal(err)
			}
			checkRollupSums(t, raw, e.Name, want)
			if _, err := p.UpTo(ctx, shards); err != nil {
				t.Fatal(err)
			}
			checkRollupSums(t, raw, e.Name, want)
		})
	}
}

// checkRollupSums compares region 1's roll-ups with want: the number of
// rows (one per key), n, and two more counts, per table.
func checkRollupSums(t *testing.T, raw *sql.DB, engine string, want map[string][]int64) {
	t.Helper()
	for name, q := range map[string]string{
		"phase": `SELECT COUNT(*), SUM(n), SUM(within), SUM(judged) FROM phase_rollup WHERE region_id = 1`,
		"event": `SELECT COUNT(*), SUM(n), SUM(repeats), SUM(screened) FROM event_rollup WHERE region_id = 1`,
	} {
		got := make([]int64, 4)
		if err := raw.QueryRow(fxRebind(engine, q)).Scan(&got[0], &got[1], &got[2], &got[3]); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		w := want[name]
		if got[0] != w[0] || got[1] != w[1] || got[2] != w[2] || got[3] != w[3] {
			t.Errorf("%s roll-up: rows, sums %v, want %v", name, got, w)
		}
	}
}

// TestRollupShardsUnderConcurrentIntake files reports from several clients
// at once: on PostgreSQL their roll-up differences land on the shards of
// their connections, and the roll-ups still add up to the detail.
func TestRollupShardsUnderConcurrentIntake(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			db := storagetest.Open(t, e)
			now := time.Date(2026, 11, 23, 10, 0, 0, 0, workdays.Location())
			db.Now = func() time.Time { return now }
			if _, err := demo.Load(ctx, db, now); err != nil {
				t.Fatal(err)
			}
			p, err := db.ProfessionalByEmail(ctx, demo.Email("Sanne", "vt"))
			if err != nil {
				t.Fatal(err)
			}
			actor := &schakel.Actor{Professional: &p, ClientAddr: "127.0.0.1"}
			const clients, each = 6, 4
			var wg sync.WaitGroup
			errs := make(chan error, clients*each)
			for c := range clients {
				wg.Go(func() {
					for i := range each {
						n := int64(1000 + c*each + i)
						if _, err := app.New(db).CreateReport(ctx, actor, benchReport(n, n%3 == 0), ""); err != nil {
							errs <- err
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			if err := db.VerifyRollups(ctx); err != nil {
				t.Fatal(err)
			}
			shards, err := db.RollupShardsInUse(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if e.Name == storage.Postgres && shards < 2 {
				t.Errorf("%d concurrent clients wrote %d shard(s) of event_rollup; want them spread", clients, shards)
			}
			if e.Name != storage.Postgres && shards != 1 {
				t.Errorf("SQLite wrote %d shards; its one writer always writes shard 0", shards)
			}
		})
	}
}
