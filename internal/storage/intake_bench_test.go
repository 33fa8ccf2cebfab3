package storage_test

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
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
		bare := bareInserter(b, db, actor)
		alternate(b, []benchKind{
			{name: "intake", do: func(i int64) error {
				_, err := app.New(db).CreateReport(context.Background(), actor, benchReport(i, i%5 == 0), "")
				return err
			}},
			{name: "bare", do: bare},
		})
	})
}

// BenchmarkIntakeCheckpoint compares, on SQLite, the intake with the
// checkpointer (sqlite_checkpoint.go) and with SQLite's default, the
// writer checkpointing at commit: two demo databases, rounds alternating
// between them as in BenchmarkIntakeInterleaved. So that the checkpointer
// does not do its database's work during the other database's round, each
// of its rounds ends with a checkpoint of what is left, on the clock.
// ratio is the checkpointer's throughput over the default's.
func BenchmarkIntakeCheckpoint(b *testing.B) {
	ctx := context.Background()
	var kinds []benchKind
	for _, name := range []string{"checkpointer", "writer"} {
		db := storagetest.Open(b, storagetest.Engines()[0])
		actor := demoWorld(b, db)
		kind := benchKind{name: name, do: func(i int64) error {
			_, err := app.New(db).CreateReport(ctx, actor, benchReport(i, i%5 == 0), "")
			return err
		}}
		if name == "writer" {
			if err := db.CheckpointInWriterForTest(ctx); err != nil {
				b.Fatal(err)
			}
		} else {
			kind.settle = db.CheckpointNowForTest
		}
		kinds = append(kinds, kind)
	}
	alternate(b, kinds)
}

// benchKind is one of the things alternate compares; settle, when set,
// ends each of its rounds.
type benchKind struct {
	name   string
	do     func(i int64) error
	settle func() error
}

// alternate runs b.N operations in rounds of up to 100 from 20 clients,
// alternating between kinds, so that a machine whose load drifts weighs
// on each alike. It reports each kind's operations per second and this
// process's processor time per operation, and the first kind's throughput
// over the second's as ratio.
func alternate(b *testing.B, kinds []benchKind) {
	const clients, round = 20, 100
	var n atomic.Int64
	// As the other benchmarks do (warmUp): the first operations on fresh
	// connections are slow on PostgreSQL, and at a short -benchtime they
	// were most of what this benchmark measured.
	for _, kind := range kinds {
		warmUp(b, func() error { return kind.do(n.Add(1)) })
	}
	wall := make([]time.Duration, len(kinds))
	cpu := make([]time.Duration, len(kinds))
	count := make([]int, len(kinds))
	took := make([][]time.Duration, len(kinds))
	var mu sync.Mutex
	done := 0
	// A slow machine runs few operations in all: the rounds shrink, so
	// that every kind has at least one.
	size := min(round, max(1, b.N/len(kinds)))
	for r := 0; done < b.N; r++ {
		k := r % len(kinds)
		quota := min(size, b.N-done)
		var left atomic.Int64
		left.Store(int64(quota))
		var wg sync.WaitGroup
		c0, t0 := processCPU(), time.Now()
		for range clients {
			wg.Go(func() {
				for left.Add(-1) >= 0 {
					start := time.Now()
					if err := kinds[k].do(n.Add(1)); err != nil {
						b.Error(err)
						return
					}
					d := time.Since(start)
					mu.Lock()
					took[k] = append(took[k], d)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if settle := kinds[k].settle; settle != nil {
			if err := settle(); err != nil {
				b.Fatal(err)
			}
		}
		wall[k] += time.Since(t0)
		cpu[k] += processCPU() - c0
		count[k] += quota
		done += quota
	}
	rate := make([]float64, len(kinds))
	for k, kind := range kinds {
		if count[k] == 0 {
			return
		}
		rate[k] = float64(count[k]) / wall[k].Seconds()
		b.ReportMetric(rate[k], kind.name+"/s")
		b.ReportMetric(float64(cpu[k].Microseconds())/1000/float64(count[k]), kind.name+"-cpu-ms")
		slices.Sort(took[k])
		b.ReportMetric(float64(took[k][len(took[k])*99/100].Microseconds())/1000, kind.name+"-p99-ms")
	}
	b.ReportMetric(rate[0]/rate[1], "ratio")
}
