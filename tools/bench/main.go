// Command bench measures every figure of issue 11's table on both engines
// in one run and prints each next to its reference as a ratio:
//
//   - the whole intake against the bare insert of the same rows (BenchmarkIntake,
//     BenchmarkBareInsert, 20 and 10 clients), and the same in rounds of 100
//     alternating on one database (BenchmarkIntakeInterleaved), which a
//     machine whose speed drifts during the run affects less;
//   - an audited case read against the same rows read bare (BenchmarkAuditedRead);
//   - the age of the oldest unsealed audit entry while 20 clients read
//     (BenchmarkAuditSealLag, sampled every 10 ms with the sealer running);
//   - the case page with 50 consultations, 500 findings and 200 actions: time and
//     statements, batched against statement by statement (BenchmarkCaseWorkspace);
//   - matching one person against a population with Dutch name frequencies: p99
//     and recall (BenchmarkMatching, -persons);
//   - over HTTP with tools/loadtest/run.sh: GET a case against GET /api/v1/me
//     from 50 clients, and against the same GET served by a build without its
//     access check and audit entry (unaudited.go), and the intake's p99 from
//     20 clients.
//
// It reuses those benchmarks and the load test rather than measuring again,
// and runs matching last (its seeded population keeps PostgreSQL's
// autovacuum busy for a while).
// PostgreSQL is measured when -postgres (or SCHAKEL_TEST_POSTGRES) names a
// database; the benchmarks use a schema of their own there and the load
// test a database it creates and drops.
//
//	go run ./tools/bench -postgres 'postgres://postgres@127.0.0.1:5432/bench?sslmode=disable' -persons 1000000
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

func main() {
	pg := flag.String("postgres", os.Getenv("SCHAKEL_TEST_POSTGRES"), "PostgreSQL DSN (empty: SQLite only)")
	persons := flag.Int("persons", 100_000, "persons in the matching population (the issue's figure: 1000000)")
	benchtime := flag.String("benchtime", "2s", "go test -benchtime for the storage benchmarks")
	httpOn := flag.Bool("http", true, "also run the HTTP load test (tools/loadtest/run.sh)")
	caseID := flag.Int("case", 1, "the demo case read over HTTP")
	flag.Parse()
	if err := run(*pg, *persons, *benchtime, *httpOn, *caseID); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// results holds every measured value by "figure/engine/unit".
type results map[string]float64

func run(pg string, persons int, benchtime string, httpOn bool, caseID int) error {
	res := results{}
	env := append(os.Environ(), "SCHAKEL_TEST_POSTGRES="+pg, "SCHAKEL_BENCH_PERSONS="+strconv.Itoa(persons))
	storageBench := func(pattern string) error {
		out, err := command(env, "go", "test", "./internal/storage", "-run", "^$", "-timeout", "120m", "-benchtime", benchtime,
			"-bench", pattern)
		res.parseBenchmarks(out)
		return err
	}
	if err := storageBench("^Benchmark(Intake|IntakeInterleaved|BareInsert|AuditedRead|AuditSealLag|CaseWorkspace)$"); err != nil {
		return err
	}
	if httpOn {
		loadEnv := append(os.Environ(), "SCHAKEL_LOAD_POSTGRES="+pg)
		if pg == "" {
			loadEnv = append(loadEnv, "SCHAKEL_LOAD_POSTGRES=")
		}
		me, err := command(append(loadEnv, "LOAD_PATH=/api/v1/me"), "tools/loadtest/run.sh")
		if err != nil {
			return err
		}
		res.parseLoad(me, "me", "intake-http")
		one, err := command(append(loadEnv, fmt.Sprintf("LOAD_PATH=/api/v1/cases/%d", caseID), "INTAKE_DURATION=1s"), "tools/loadtest/run.sh")
		if err != nil {
			return err
		}
		res.parseLoad(one, "case-http", "")
		dir, err := os.MkdirTemp("", "schakel-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		overlay, err := unauditedOverlay(".", dir)
		if err != nil {
			return err
		}
		bare, err := command(append(loadEnv, fmt.Sprintf("LOAD_PATH=/api/v1/cases/%d", caseID), "INTAKE_DURATION=1s",
			"GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -overlay="+overlay)), "tools/loadtest/run.sh")
		if err != nil {
			return err
		}
		res.parseLoad(bare, "case-unaudited-http", "")
	}
	// Matching seeds its population last: on PostgreSQL autovacuum then
	// works through the seeded tables for minutes, and a benchmark run
	// after it measured that as well.
	if err := storageBench("^BenchmarkMatching$"); err != nil {
		return err
	}
	engines := []string{"sqlite"}
	if pg != "" {
		engines = append(engines, "postgres")
	}
	fmt.Printf("\nmatching population: %d persons\n\n", persons)
	printTable(res, engines)
	return nil
}

// command runs a command, its output shown as it comes and returned.
func command(env []string, name string, args ...string) (string, error) {
	fmt.Fprintf(os.Stderr, "bench: %s %s\n", name, strings.Join(args, " "))
	var buf bytes.Buffer
	c := exec.Command(name, args...)
	c.Env, c.Stdout, c.Stderr = env, &buf, os.Stderr
	err := c.Run()
	os.Stderr.Write(buf.Bytes())
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return buf.String(), nil
}

var procSuffix = regexp.MustCompile(`-\d+$`)

// parseBenchmarks reads "BenchmarkX/engine[/sub]-P  N  v unit  v unit …".
func (r results) parseBenchmarks(out string) {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := procSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				r[name+"/"+f[i+1]] = v
			}
		}
	}
}

// parseLoad reads run.sh's sections ("== engine ==", the GET figures, then
// "-- intake" and the intake's figures).
func (r results) parseLoad(out, get, intake string) {
	engine, part := "", get
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "== "):
			engine, part = strings.Trim(line, "= "), get
		case strings.HasPrefix(line, "-- intake"):
			part = intake
		case engine != "" && part != "":
			f := strings.Fields(line)
			if len(f) >= 2 && (f[0] == "req/s" || f[0] == "p99") {
				if v, err := strconv.ParseFloat(f[1], 64); err == nil {
					r[part+"/"+engine+"/"+f[0]] = v
				}
			}
		}
	}
}
