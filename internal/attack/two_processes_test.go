package attack_test

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestTwoProcesses runs two `schakel serve` processes on one PostgreSQL
// database, as a national installation does, each sending the outbox to
// one SMTP server, and files red reports (each invites a crisis table by
// e-mail) through both at once. Every e-mail in the outbox must reach the
// SMTP server exactly once, and both processes must give the same answer
// for every case. With SCHAKEL_MEASURE_PROCESSES=1 it also logs the
// intake's throughput through two processes against one (never asserted).
func TestTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs two server processes")
	}
	if os.Getenv("SCHAKEL_TEST_POSTGRES") == "" {
		t.Skip("two processes share a PostgreSQL database: set SCHAKEL_TEST_POSTGRES")
	}
	var pg storagetest.Engine
	for _, e := range storagetest.Engines() {
		if e.Name == storage.Postgres {
			pg = e
		}
	}
	bin := buildSchakel(t)
	dsn := pg.DSN(t)
	smtp := startCountingSMTP(t)
	extra := []string{"--smtp-addr", smtp.addr(), "--smtp-interval", "100ms"}
	one := startProcessWith(t, bin, dsn, true, extra...)
	two := startProcessWith(t, bin, dsn, false, extra...)
	token := processToken(t, dsn)
	bases := []string{one.url, two.url}

	const clients, each = 8, 5
	cases := sync.Map{} // case id → true
	var failed atomic.Int64
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for i := range each {
				n := c*each + i
				id, ok := fileRed(bases[n%2], token, fmt.Sprintf("two-%d", n), 70000+n)
				if !ok {
					failed.Add(1)
					continue
				}
				cases.Store(id, true)
			}
		})
	}
	wg.Wait()
	if failed.Load() > 0 {
		t.Fatalf("%d of %d reports failed", failed.Load(), clients*each)
	}
	queued := waitForOutbox(t, dsn)
	got := smtp.deliveries()
	twice := 0
	for id, k := range got {
		if k > 1 {
			twice++
			t.Errorf("e-mail %d delivered %d times", id, k)
		}
	}
	if len(got) != queued {
		t.Errorf("%d distinct e-mails delivered, %d in the outbox", len(got), queued)
	}
	t.Logf("%d reports through two processes: %d e-mails in the outbox, %d delivered, %d more than once", clients*each, queued, len(got), twice)

	compared := 0
	cases.Range(func(k, _ any) bool {
		a, b := getCase(t, one.url, token, k.(int64)), getCase(t, two.url, token, k.(int64))
		if a != b {
			t.Errorf("case %d: the processes answer differently:\n%s\n%s", k, a, b)
		}
		compared++
		return true
	})
	t.Logf("%d cases read through both processes, the same answer from each", compared)

	if os.Getenv("SCHAKEL_MEASURE_PROCESSES") == "1" {
		solo := intakeRate(bases[:1], token, 1000)
		both := intakeRate(bases, token, 2000)
		t.Logf("intake, 20 clients: one process %.1f reports/s, two processes %.1f reports/s (%.2f×)", solo, both, both/solo)
	}
}

// distinctReport is a green report on a family whose names sound unlike
// any other's, as most reports are: matching finds nobody.
func distinctReport(n int) intake.Report {
	in := report(uint64(n))
	family := syllables(n*7919 + 13)
	in.Children[0].FamilyName, in.Adults[0].FamilyName = family, family
	in.Children[0].GivenNames, in.Adults[0].GivenNames = syllables(n*104729+7), syllables(n*15485863+3)
	in.Children[0].BSN = ""
	in.Children[0].BirthDate = time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n*7919%5475).Format("2006-01-02")
	in.Adults[0].BirthDate = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n*104729%7300).Format("2006-01-02")
	return in
}

// syllables makes a name from three of thirty syllables.
func syllables(x int) string {
	syl := []string{"ba", "ker", "vos", "dam", "lin", "mo", "ri", "ten", "hui", "zen", "pol", "ka", "ves", "tor", "mur",
		"den", "sa", "bel", "go", "rik", "han", "jo", "wil", "ma", "nus", "ef", "lo", "bra", "kis", "dor"}
	s := ""
	for range 3 {
		s += syl[x%len(syl)]
		x /= len(syl)
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func postReport(base, token, key string, in intake.Report) bool {
	body, err := json.Marshal(in)
	if err != nil {
		return false
	}
	req, err := http.NewRequest("POST", base+"/api/v1/reports", bytes.NewReader(body))
	if err != nil {
		return false
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode == http.StatusCreated
}

// fileRed posts a red report (it plans a crisis table, whose invitations
// go out by e-mail) and returns its case.
func fileRed(base, token, key string, n int) (int64, bool) {
	in := report(uint64(n))
	in.Indicators = []string{"threat_to_life"}
	body, err := json.Marshal(in)
	if err != nil {
		return 0, false
	}
	req, err := http.NewRequest("POST", base+"/api/v1/reports", bytes.NewReader(body))
	if err != nil {
		return 0, false
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	var out struct {
		CaseID int64 `json:"case_id"`
	}
	if resp.StatusCode != http.StatusCreated || json.NewDecoder(resp.Body).Decode(&out) != nil || out.CaseID == 0 {
		return 0, false
	}
	return out.CaseID, true
}

func getCase(t *testing.T, base, token string, id int64) string {
	t.Helper()
	req, err := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/cases/%d", base, id), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET case %d: %d %v", id, resp.StatusCode, err)
	}
	return string(b)
}

// intakeRate files green reports from 20 clients spread over the given
// processes for a few seconds and returns reports per second.
func intakeRate(bases []string, token string, from int) float64 {
	var done atomic.Int64
	deadline := time.Now().Add(5 * time.Second)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range 20 {
		wg.Go(func() {
			for i := 0; time.Now().Before(deadline); i++ {
				n := from*100 + c*1000 + i
				if ok := postReport(bases[c%len(bases)], token, fmt.Sprintf("rate-%d", n), distinctReport(n)); ok {
					done.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return float64(done.Load()) / time.Since(start).Seconds()
}

// waitForOutbox waits until the outbox has nothing left to send and
// returns how many messages it holds.
func waitForOutbox(t *testing.T, dsn string) int {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var total, unsent int
	for deadline := time.Now().Add(2 * time.Minute); ; {
		if err := db.QueryRow(`SELECT COUNT(*), COUNT(*) FILTER (WHERE sent_at IS NULL) FROM outbox`).Scan(&total, &unsent); err != nil {
			t.Fatal(err)
		}
		if unsent == 0 {
			return total
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d e-mails still unsent", unsent, total)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// countingSMTP is an SMTP server on loopback that counts deliveries per
// outbox message (the id in each Message-ID).
type countingSMTP struct {
	ln  net.Listener
	mu  sync.Mutex
	got map[int64]int
}

func startCountingSMTP(t *testing.T) *countingSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &countingSMTP{ln: ln, got: map[int64]int{}}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *countingSMTP) addr() string { return s.ln.Addr().String() }

func (s *countingSMTP) deliveries() map[int64]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[int64]int, len(s.got))
	for k, v := range s.got {
		out[k] = v
	}
	return out
}

var outboxID = regexp.MustCompile(`(?m)^Message-ID: <outbox-(\d+)\.`)

func (s *countingSMTP) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(line string) { c.Write([]byte(line + "\r\n")) }
	say("220 localhost counting")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
		case cmd == "DATA":
			say("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			if m := outboxID.FindStringSubmatch(b.String()); m != nil {
				id, _ := strconv.ParseInt(m[1], 10, 64)
				s.mu.Lock()
				s.got[id]++
				s.mu.Unlock()
			}
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}
