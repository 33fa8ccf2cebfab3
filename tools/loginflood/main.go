// Command loginflood measures how a Schakel server on this machine holds up
// under a login flood from one address (or, with -from, from several): it sends wrong passwords for every
// demo account from many clients at once for a while, then tries every demo
// account's right password from another loopback address (127.0.0.2) and
// counts the accounts that cannot log in. With -pid it reads the server's
// peak memory (VmHWM) from /proc.
//
//	schakel serve --demo --db /tmp/flood.db --addr 127.0.0.1:8181 &
//	go run ./tools/loginflood -url http://127.0.0.1:8181 -pid $! -c 50 -d 10s
//
// It only talks to loopback addresses, and stops by itself.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"schakel/internal/demo"
)

// maxDuration bounds every run, whatever -d says.
const maxDuration = 2 * time.Minute

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the server (loopback only)")
	pid := flag.Int("pid", 0, "the server's process id, to read its peak memory")
	clients := flag.Int("c", 50, "clients at once")
	d := flag.Duration("d", 10*time.Second, "how long to flood")
	sources := flag.Int("from", 1, "flood from this many loopback addresses (127.0.1.1, 127.0.1.2, …) instead of 127.0.0.1 alone")
	flag.Parse()
	if err := run(*base, *pid, *clients, min(max(*sources, 1), 250), min(*d, maxDuration)); err != nil {
		fmt.Fprintln(os.Stderr, "loginflood:", err)
		os.Exit(1)
	}
}

func run(base string, pid, clients, sources int, d time.Duration) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return errors.New("only a server on this machine (a loopback address) may be flooded")
	}
	accounts := demo.Accounts()
	flood := []*http.Client{clientFrom("127.0.0.1", clients)}
	if sources > 1 {
		flood = flood[:0]
		for i := range sources {
			flood = append(flood, clientFrom(fmt.Sprintf("127.0.1.%d", i+1), clients))
		}
	}
	var codes sync.Map // status → *atomic.Int64
	var sent atomic.Int64
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ctx.Err() == nil; i += clients {
				status := post(ctx, flood[w%len(flood)], base, accounts[i%len(accounts)].Email, "fout-wachtwoord")
				if status == 0 {
					continue // cut off by the end of the run
				}
				sent.Add(1)
				n, _ := codes.LoadOrStore(status, new(atomic.Int64))
				n.(*atomic.Int64).Add(1)
			}
		}()
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	fmt.Printf("flood: %d attempts in %.1f s from %d address(es) (%.0f/s)\n", sent.Load(), secs, len(flood), float64(sent.Load())/secs)
	codes.Range(func(k, v any) bool {
		n := v.(*atomic.Int64).Load()
		fmt.Printf("  %d: %d (%.0f/s)%s\n", k, n, float64(n)/secs, map[bool]string{true: "  ← passwords checked", false: ""}[k.(int) == http.StatusUnauthorized])
		return true
	})

	// Every account's owner, from another address, with the right password.
	owner := clientFrom("127.0.0.2", 4)
	locked := 0
	for _, a := range accounts {
		if status := post(context.Background(), owner, base, a.Email, demo.Password); status != http.StatusSeeOther {
			locked++
		}
	}
	fmt.Printf("accounts that cannot log in from 127.0.0.2 afterwards: %d of %d\n", locked, len(accounts))
	if pid != 0 {
		return printMemory(pid)
	}
	return nil
}

// clientFrom returns an HTTP client whose connections come from the local
// address addr (any 127.x address is this machine on Linux).
func clientFrom(addr string, conns int) *http.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(addr)}, Timeout: 5 * time.Second}
	return &http.Client{
		Transport: &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: conns},
		// A login answers 303: keep it, do not follow it.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       30 * time.Second,
	}
}

// post sends one login and returns its status, or 0 when the request failed.
func post(ctx context.Context, c *http.Client, base, email, password string) int {
	form := url.Values{"email": {email}, "password": {password}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/login", strings.NewReader(form))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base) // as the browser's form post sends it
	res, err := c.Do(req)
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return 0
	}
	return res.StatusCode
}

// printMemory prints the process's peak and current resident memory.
func printMemory(pid int) error {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") || strings.HasPrefix(line, "VmRSS:") {
			fmt.Println("server", strings.Join(strings.Fields(line), " "))
		}
	}
	return nil
}
