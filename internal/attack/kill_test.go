package attack_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"schakel/internal/auth"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestKillDuringIntake files reports from several clients into a real
// `schakel serve` process, kills it with SIGKILL while they are in flight,
// starts it again on the same database and resends every report with its
// Idempotency-Key. Every report the first process acknowledged (201) must
// be there, with the same id on resend, and no report may exist twice.
func TestKillDuringIntake(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a server process")
	}
	bin := buildSchakel(t)
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			dsn := e.DSN(t)
			first := startProcess(t, bin, dsn, true)
			token := processToken(t, dsn)
			const clients, each = 6, 15
			acked := sync.Map{} // key → report id
			var sent atomic.Int64
			var wg sync.WaitGroup
			for c := range clients {
				wg.Go(func() {
					for i := range each {
						key := fmt.Sprintf("kill-%d-%d", c, i)
						sent.Add(1)
						if id, ok := fileOnce(first.url, token, key, c*each+i); ok {
							acked.Store(key, id)
						}
					}
				})
			}
			// Kill in the middle of the load.
			for sent.Load() < clients*each/3 {
				time.Sleep(5 * time.Millisecond)
			}
			first.kill(t)
			wg.Wait()

			second := startProcess(t, bin, dsn, false)
			defer second.kill(t)
			for c := range clients {
				for i := range each {
					key := fmt.Sprintf("kill-%d-%d", c, i)
					id, ok := fileOnce(second.url, token, key, c*each+i)
					if !ok {
						t.Fatalf("resend %s failed", key)
					}
					if was, acknowledged := acked.Load(key); acknowledged && was.(int64) != id {
						t.Errorf("%s: acknowledged as report %d, resent as %d", key, was, id)
					}
				}
			}
			n := countKillReports(t, e.Name, dsn)
			if n != clients*each {
				t.Errorf("%d reports after the resend, want exactly %d (one per key)", n, clients*each)
			}
			var ackedCount int
			acked.Range(func(any, any) bool { ackedCount++; return true })
			t.Logf("%s: %d of %d reports acknowledged before SIGKILL; all there after resend, none twice", e.Name, ackedCount, clients*each)
		})
	}
}

func buildSchakel(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "schakel")
	cmd := exec.Command("go", "build", "-o", bin, "schakel/cmd/schakel")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build schakel: %v\n%s", err, out)
	}
	return bin
}

type process struct {
	cmd *exec.Cmd
	url string
}

func startProcess(t *testing.T, bin, dsn string, withDemo bool) *process {
	t.Helper()
	return startProcessWith(t, bin, dsn, withDemo)
}

// startProcessWith starts `schakel serve` with extra flags.
func startProcessWith(t *testing.T, bin, dsn string, withDemo bool, extra ...string) *process {
	t.Helper()
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", dsn, "--log-level", "warn"}, extra...)
	if withDemo {
		args = append(args, "--demo")
	}
	cmd := exec.Command(bin, args...)
	cmd.Stderr = io.Discard
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`(http://127\.0\.0\.1:\d+)`)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
	}()
	select {
	case u := <-found:
		p := &process{cmd: cmd, url: u}
		t.Cleanup(func() { p.kill(t) })
		return p
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("serve did not say where it runs")
	}
	return nil
}

func (p *process) kill(t *testing.T) {
	t.Helper()
	if p.cmd.ProcessState != nil {
		return
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil && !strings.Contains(err.Error(), "finished") {
		t.Errorf("kill: %v", err)
	}
	p.cmd.Wait()
}

// processToken creates an API token for the demo intake worker directly
// in the database the processes share.
func processToken(t *testing.T, dsn string) string {
	t.Helper()
	db, err := storage.Open(context.Background(), dsn, chain.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := db.ProfessionalByEmail(context.Background(), demo.Email("Sanne", "vt"))
	if err != nil {
		t.Fatal(err)
	}
	secret, err := auth.NewSecret("skt_")
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(context.Background(), func(tx *storage.Tx) error {
		_, err := tx.CreateToken(p.ID, "kill test", auth.HashSecret(secret))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// fileOnce posts one report; it returns the report's id when the server
// acknowledged it (201, or 200 for a replay).
func fileOnce(base, token, key string, n int) (int64, bool) {
	body, err := json.Marshal(report(uint64(90000 + n)))
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
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		return 0, false
	}
	var out struct {
		ID int64 `json:"id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.ID == 0 {
		return 0, false
	}
	return out.ID, true
}

// countKillReports counts the reports the kill test filed (their
// families are called Aanval900..), through a plain connection.
func countKillReports(t *testing.T, engine, dsn string) int {
	t.Helper()
	driver, source := "pgx", dsn
	if engine == storage.SQLite {
		driver, source = "sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)"
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	err = db.QueryRow(`SELECT COUNT(DISTINCT rp.report_id) FROM report_persons rp JOIN persons p ON p.id = rp.person_id
		WHERE p.family_name LIKE 'Aanval900%'`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
