package storage_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
)

// BenchmarkIntakeInterleaved measures what BenchmarkIntake and
// BenchmarkBareInsert do, in one run on one database: rounds of 100
// reports from 20 clients, alternating the whole intake and the bare
// insert of the same rows, so that a machine whose load drifts weighs on
// both alike. It reports each kind's reports/s and processor time per
// report (this process: on SQLite with the database's work, on PostgreSQL
// without the server's) and the ratio of the throughputs, the issue's
// figure (goal ≥ 0.5).
func BenchmarkIntakeInterleaved(b *testing.B) {
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		const clients, round = 20, 100
		var n atomic.Int64
		kinds := []struct {
			name string
			do   func(i int64) error
		}{
			{"intake", func(i int64) error {
				_, err := app.New(db).CreateReport(context.Background(), actor, benchReport(i, i%5 == 0), "")
				return err
			}},
			{"bare", func(i int64) error { return db.BareInsert(context.Background(), actor, i) }},
		}
		wall := make([]time.Duration, len(kinds))
		cpu := make([]time.Duration, len(kinds))
		count := make([]int, len(kinds))
		for r := 0; count[0]+count[1] < b.N; r++ {
			k := r % len(kinds)
			quota := min(round, b.N-count[0]-count[1])
			var left atomic.Int64
			left.Store(int64(quota))
			var wg sync.WaitGroup
			c0, t0 := processCPU(), time.Now()
			for range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for left.Add(-1) >= 0 {
						if err := kinds[k].do(n.Add(1)); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			wall[k] += time.Since(t0)
			cpu[k] += processCPU() - c0
			count[k] += quota
		}
		rate := make([]float64, len(kinds))
		for k, kind := range kinds {
			if count[k] == 0 {
				return
			}
			rate[k] = float64(count[k]) / wall[k].Seconds()
			b.ReportMetric(rate[k], kind.name+"/s")
			b.ReportMetric(float64(cpu[k].Microseconds())/1000/float64(count[k]), kind.name+"-cpu-ms")
		}
		b.ReportMetric(rate[0]/rate[1], "ratio")
	})
}
