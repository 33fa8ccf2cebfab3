package storage_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/matching"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// benchWorld opens a demo database on every configured engine.
func benchEach(b *testing.B, fn func(b *testing.B, db *storage.DB, actor *schakel.Actor)) {
	for _, e := range storagetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			db := storagetest.Open(b, e)
			now := time.Date(2026, 11, 23, 10, 0, 0, 0, workdays.Location())
			if _, err := demo.Load(context.Background(), db, now); err != nil {
				b.Fatal(err)
			}
			p, err := db.ProfessionalByEmail(context.Background(), demo.Email("Sanne", "vt"))
			if err != nil {
				b.Fatal(err)
			}
			fn(b, db, &schakel.Actor{Professional: &p, ClientAddr: "127.0.0.1"})
		})
	}
}

func benchReport(i int64, red bool) intake.Report {
	r := intake.Report{
		Reporter:     intake.Reporter{Kind: "police", Name: "Agent " + strconv.FormatInt(i, 10)},
		Children:     []intake.Person{{GivenNames: madeUpName(i*40503 + 17), FamilyName: madeUpName(i * 2654435761), BirthDate: benchBirth(i, 2010)}},
		Adults:       []intake.Person{{GivenNames: madeUpName(i*7 + 3), FamilyName: madeUpName(i * 2654435761), BirthDate: benchBirth(i, 1975), Relation: "parent"}},
		Municipality: "Rotterdam", Concerns: []string{"domestic_violence"}, Narrative: "Politie werd gebeld door buren na ruzie.",
		Indicators: []string{"witnessed_domestic_violence"},
	}
	if red {
		r.Indicators = []string{"threat_to_life"}
	}
	return r
}

// madeUpName builds a name from syllables so that benchmark families differ
// the way real names do (matching compares how names sound).
func madeUpName(x int64) string {
	syl := []string{"ba", "ker", "vos", "dam", "lin", "mo", "ri", "ten", "hui", "zen", "pol", "ka", "ves", "tor", "mur",
		"den", "sa", "bel", "go", "rik", "han", "jo", "wil", "ma", "nus", "ef", "lo", "bra", "kis", "dor"}
	if x < 0 {
		x = -x
	}
	s := ""
	for range 3 {
		s += syl[x%int64(len(syl))]
		x /= int64(len(syl))
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// benchBirth spreads birth dates over 15 years, as in real intake.
func benchBirth(i int64, from int) string {
	return time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(i*7919%5475)).Format("2006-01-02")
}

// BenchmarkIntake files reports through the whole intake (validation,
// matching, rating, audit, and for one in five a crisis consultation) from
// 20 concurrent clients. reports/s is the figure of the issue; cpu-ms/report
// is this process's processor time per report (on SQLite the database's
// work too, on PostgreSQL only the client's).
func BenchmarkIntake(b *testing.B) {
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		var n atomic.Int64
		b.SetParallelism(10) // × GOMAXPROCS (2 here) = 20 clients
		warmUp(b, func() error {
			_, err := app.New(db).CreateReport(context.Background(), actor, benchReport(n.Add(1), false), "")
			return err
		})
		defer reportGroups(b, db)()
		defer reportCPU(b, processCPU(), "cpu-ms/report")
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := n.Add(1)
				if _, err := app.New(db).CreateReport(context.Background(), actor, benchReport(i, i%5 == 0), ""); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "reports/s")
	})
}

// BenchmarkIntakeSynchronous runs the intake benchmark on SQLite twice in
// one run, with synchronous=FULL (Schakel's setting: every acknowledged
// report survives a power cut) and with NORMAL (the old setting), so that
// the cost of durability can be read off as the ratio of the two.
func BenchmarkIntakeSynchronous(b *testing.B) {
	for _, mode := range []string{"FULL", "NORMAL"} {
		b.Run(mode, func(b *testing.B) {
			db := storagetest.Open(b, storagetest.Engines()[0])
			ctx := context.Background()
			if err := db.SetSynchronous(ctx, mode); err != nil {
				b.Fatal(err)
			}
			now := time.Date(2026, 11, 23, 10, 0, 0, 0, workdays.Location())
			if _, err := demo.Load(ctx, db, now); err != nil {
				b.Fatal(err)
			}
			p, err := db.ProfessionalByEmail(ctx, demo.Email("Sanne", "vt"))
			if err != nil {
				b.Fatal(err)
			}
			actor := &schakel.Actor{Professional: &p, ClientAddr: "127.0.0.1"}
			intake := app.New(db)
			var n atomic.Int64
			b.SetParallelism(10)
			b.ResetTimer()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					if _, err := intake.CreateReport(ctx, actor, benchReport(i, i%5 == 0), ""); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "reports/s")
		})
	}
}

// BenchmarkBareInsert inserts the same rows as BenchmarkIntake's reports
// (storage.BareInsert: one in five with a red report's crisis table) in
// one transaction each without any rules: the floor the intake is
// compared with.
func BenchmarkBareInsert(b *testing.B) {
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		var n atomic.Int64
		bare := bareInserter(b, db, actor)
		b.SetParallelism(10)
		warmUp(b, func() error { return bare(n.Add(1)) })
		defer reportGroups(b, db)()
		defer reportCPU(b, processCPU(), "cpu-ms/report")
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := bare(n.Add(1)); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "reports/s")
	})
}

// BenchmarkRedToConsultation measures one red report from the call to the
// committed consultation with all invitations written, and reports p50/p99.
func BenchmarkRedToConsultation(b *testing.B) {
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		lat := make([]time.Duration, 0, b.N)
		for i := 0; b.Loop(); i++ {
			t0 := time.Now()
			res, err := app.New(db).CreateReport(context.Background(), actor, benchReport(int64(i), true), "")
			if err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
			// In a burst of reds everyone is soon booked; the consultation
			// is still created, with the gaps reported to the team leads.
			if res.Consultation == nil {
				b.Fatal("no consultation")
			}
		}
		reportPercentiles(b, lat)
	})
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(p(0.5), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
}

// BenchmarkAuditedRead compares reading a case through the access check
// and audit entry with reading the same rows bare.
func BenchmarkAuditedRead(b *testing.B) {
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		res, err := app.New(db).CreateReport(context.Background(), actor, benchReport(1, true), "")
		if err != nil {
			b.Fatal(err)
		}
		b.Run("audited", func(b *testing.B) {
			for b.Loop() {
				if _, err := app.New(db).Case(context.Background(), actor, res.CaseID); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("unaudited", func(b *testing.B) {
			for b.Loop() {
				if err := db.CaseUnaudited(context.Background(), res.CaseID); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkMatching matches persons against SCHAKEL_BENCH_PERSONS known
// persons with Dutch name frequencies (default 100,000; with SCHAKEL_BENCH=1
// the 1,000,000, which takes minutes to seed). Every 1,000th seeded
// person is looked up as typed with a typo in the family name and the names
// swapped, and with the tussenvoegsel left off; recall is the share found,
// candidates/op the persons read per match, scored/op those of them Rank
// scores (the plausible ones, matching.Plausible), capped the share of matches
// where a key had more than storage.MatchKeyCap persons, cpu-ms/match this
// process's processor time per match (on SQLite with the database's work,
// on PostgreSQL without the server's).
//
//	SCHAKEL_BENCH=1 go test ./internal/storage -run '^$' -bench Matching -benchtime 2000x -timeout 60m
func BenchmarkMatching(b *testing.B) {
	n := 100_000
	if os.Getenv("SCHAKEL_BENCH") == "1" {
		n = 1_000_000
	}
	if v, err := strconv.Atoi(os.Getenv("SCHAKEL_BENCH_PERSONS")); err == nil && v > 0 {
		n = v
	}
	benchEach(b, func(b *testing.B, db *storage.DB, actor *schakel.Actor) {
		t0 := time.Now()
		region := actor.Professional.Organisation.RegionID
		samples, err := db.SeedPersons(context.Background(), region, n, 42)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("seeded %d persons in %v", n, time.Since(t0).Round(time.Millisecond))
		var queries []matching.Person
		for _, s := range samples {
			queries = append(queries,
				matching.Person{GivenNames: s.FamilyName + "h", FamilyName: s.GivenNames, BirthDate: s.BirthDate, ID: s.ID},
				matching.Person{GivenNames: s.GivenNames, FamilyName: withoutTussenvoegsel(s.FamilyName), BirthDate: s.BirthDate, ID: s.ID})
		}
		plan, err := db.ExplainCandidates(context.Background(), region, queries[0])
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("candidate query plan (summary):\n%s", planSummary(plan))
		lat := make([]time.Duration, 0, b.N)
		found, asked, read, scored, capped := 0, 0, 0, 0, 0
		i := 0
		cpu := processCPU()
		for b.Loop() {
			q := queries[i%len(queries)]
			i++
			t := time.Now()
			ms, nr, ns, c, err := db.MatchOnlyScored(context.Background(), region, matching.Person{GivenNames: q.GivenNames, FamilyName: q.FamilyName, BirthDate: q.BirthDate})
			if err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t))
			asked++
			read += nr
			scored += ns
			if c {
				capped++
			}
			if slices.ContainsFunc(ms, func(m matching.Match) bool { return m.Candidate.ID == q.ID }) {
				found++
			}
		}
		reportCPU(b, cpu, "cpu-ms/match")
		reportPercentiles(b, lat)
		b.ReportMetric(float64(n), "persons")
		b.ReportMetric(float64(found)/float64(asked), "recall")
		b.ReportMetric(float64(read)/float64(asked), "candidates/op")
		b.ReportMetric(float64(scored)/float64(asked), "scored/op")
		b.ReportMetric(float64(capped)/float64(asked), "capped")
	})
}

// planSummary keeps what a long plan says about reading: on SQLite every
// step, on PostgreSQL the buffers of the whole statement, the index scans
// used and the rows fetched from the table despite an index-only scan.
func planSummary(plan string) string {
	lines := strings.Split(plan, "\n")
	if !strings.Contains(plan, "Buffers:") {
		steps := map[string]int{}
		for _, l := range lines {
			if t := strings.TrimSpace(l); strings.HasPrefix(t, "SEARCH") || strings.HasPrefix(t, "SCAN") {
				steps[t]++
			}
		}
		var out []string
		for s, n := range steps {
			out = append(out, fmt.Sprintf("%d× %s", n, s))
		}
		return strings.Join(out, "\n")
	}
	var out []string
	heap, scans := 0, map[string]int{}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "Buffers:") && len(out) == 0 && i < 3:
			out = append(out, "whole statement: "+t)
		case strings.HasPrefix(t, "Heap Fetches:"):
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(t, "Heap Fetches:")))
			heap += n
		case strings.Contains(t, " Scan ") && !strings.Contains(t, "Subquery Scan"):
			t = strings.TrimPrefix(t, "->  ")
			t = t[:strings.Index(t, "  (")]
			if f := strings.Fields(t); len(f) > 1 && f[len(f)-2] != "on" {
				t = strings.Join(f[:len(f)-1], " ") // leave off the alias
			}
			scans[t]++
		case strings.HasPrefix(t, "Execution Time"):
			out = append(out, t)
		}
	}
	out = append(out, fmt.Sprintf("heap fetches: %d", heap))
	for s, n := range scans {
		out = append(out, fmt.Sprintf("%d× %s", n, s))
	}
	return strings.Join(out, "\n")
}

// withoutTussenvoegsel leaves off "van der", "de", … before the family name.
func withoutTussenvoegsel(name string) string {
	words := strings.Fields(name)
	return words[len(words)-1]
}

// processCPU is the processor time this process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the processor time used since from per operation.
func reportCPU(b *testing.B, from time.Duration, unit string) {
	b.ReportMetric(float64(processCPU()-from)/float64(time.Millisecond)/float64(b.N), unit)
}

// warmUp runs fn forty times from twenty goroutines before a benchmark's
// timer starts: opening the clients' connections and the engine's first
// plans are not the load, and on PostgreSQL a short run was mostly that
// (22 instead of 80 reports/s for the intake at -benchtime 2s).
func warmUp(b *testing.B, fn func() error) {
	b.Helper()
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			for range 2 {
				if err := fn(); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.ResetTimer()
}

// bareInserter returns BareInsert for report i as BenchmarkIntake files
// it: one in five red, its crisis table inviting the six professionals a
// red report of the demo region invites. They are looked up once here,
// so that the bare insert reads nothing.
func bareInserter(tb testing.TB, db *storage.DB, actor *schakel.Actor) func(i int64) error {
	tb.Helper()
	var invitees []int64
	for _, who := range [][2]string{{"Sanne", "vt"}, {"Linda", "vt"}, {"Erik", "jb"}, {"Fatma", "jb"}, {"Wouter", "raad"}, {"Frank", "kompas"}} {
		p, err := db.ProfessionalByEmail(context.Background(), demo.Email(who[0], who[1]))
		if err != nil {
			tb.Fatal(err)
		}
		invitees = append(invitees, p.ID)
	}
	return func(i int64) error {
		if i%5 == 0 {
			return db.BareInsert(context.Background(), actor, i, invitees)
		}
		return db.BareInsert(context.Background(), actor, i, nil)
	}
}

// reportGroups returns a function that reports how many writing
// transactions shared one commit of SQLite's group committer since it was
// called (nothing on PostgreSQL, which has none).
func reportGroups(b *testing.B, db *storage.DB) func() {
	groups, commands := db.GroupCommitStats()
	return func() {
		g, c := db.GroupCommitStats()
		if g > groups {
			b.ReportMetric(float64(c-commands)/float64(g-groups), "tx/commit")
		}
	}
}
