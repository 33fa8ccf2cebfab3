package attack_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"schakel/internal/bsn"
	"schakel/internal/intake"
)

// knownFailure is a probe that fails until another branch is merged.
type knownFailure struct {
	engines []string // empty: every engine
	until   string   // what it waits for
}

// knownFailures are the probes that wait for other work of issue 9. Take
// a probe off this list when that work is merged: the suite fails until
// you do, so that the list never hides a regression.
var knownFailures = map[string]knownFailure{}

// probe runs one attack as a subtest. A probe on knownFailures that fails
// is skipped with KNOWN FAILURE and its findings; one that passes fails the
// suite until it is taken off the list.
func probe(t *testing.T, tg *target, name string, fn func(t *testing.T, c checker)) {
	t.Run(name, func(t *testing.T) {
		kf, known := knownFailures[name]
		if !known || (len(kf.engines) > 0 && !slices.Contains(kf.engines, tg.engine)) {
			fn(t, t)
			return
		}
		rec := &recorder{}
		done := make(chan struct{})
		go func() {
			defer close(done)
			fn(t, rec)
		}()
		<-done
		if len(rec.findings) == 0 {
			t.Errorf("%q passes now on %s: take it off knownFailures (it waited for %s)", name, tg.engine, kf.until)
			return
		}
		t.Skipf("KNOWN FAILURE on %s until %s is merged:\n%s", tg.engine, kf.until, strings.Join(rec.findings, "\n"))
	})
}

// recorder collects a known failure's findings instead of failing.
type recorder struct {
	mu       sync.Mutex
	findings []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.findings = append(r.findings, fmt.Sprintf(format, args...))
}

// Fatalf records and ends the probe's goroutine, as testing.T does.
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

// report is a valid intake report about a new family; seed makes its
// people differ from every other report's.
func report(seed uint64) intake.Report {
	rng := rand.New(rand.NewPCG(seed, 9))
	family := fmt.Sprintf("Aanval%d", seed)
	return intake.Report{
		Reporter:     intake.Reporter{Kind: "police", Name: "Agent Proef"},
		Children:     []intake.Person{{GivenNames: "Kind", FamilyName: family, BirthDate: "2016-05-04", BSN: bsn.Generate(rng)}},
		Adults:       []intake.Person{{GivenNames: "Ouder", FamilyName: family, BirthDate: "1984-02-03", Relation: "parent"}},
		Municipality: "Rotterdam", Concerns: []string{"domestic_violence"}, Indicators: []string{"witnessed_domestic_violence"},
		Finances:  map[string]string{},
		Narrative: "Buren hoorden geschreeuw en belden de politie.",
	}
}

// race runs fn n times at the same moment and waits for all.
func race(n int, fn func(i int)) {
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			fn(i)
		}()
	}
	close(start)
	wg.Wait()
}

// poll waits until cond holds, for at most ten seconds.
func poll(t checker, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// decode reads a JSON answer. It never stops the probe, so that it may
// run in a racing goroutine.
func decode(c checker, r response, v any) {
	c.Helper()
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		c.Errorf("status %d: %v: %.500s", r.status, err, r.body)
	}
}
