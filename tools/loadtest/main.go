// Command loadtest sends GET requests with a bearer token to a Schakel
// server on this machine from many clients at once, and prints requests per
// second, latency percentiles and the error count. It exits non-zero when a
// request failed.
//
//	go run ./tools/loadtest -url http://127.0.0.1:8080 -token-file tok -c 50 -d 10s
//
// It only talks to loopback addresses: it is for measuring, not for loading
// someone else's server.
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
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// maxDuration bounds every run, whatever -d or -n say.
const maxDuration = 5 * time.Minute

type config struct {
	base     *url.URL
	path     string
	token    string
	clients  int
	total    int64 // 0: run for duration
	duration time.Duration
	timeout  time.Duration
	method   string
	body     string // request body template; see expandBody
	redEvery int64  // every k-th request is a red report (latencies also reported apart)
}

// expandBody fills a body template for request n, so that every request
// files a different family: {{n}} becomes n, {{date}} a child's birth date
// spread over 15 years, {{family}} and {{given}} a child's names,
// {{parent}} and {{parentdate}} a parent's given name and birth date (as
// the storage benchmark's; one name and date for every parent made every
// report's parent a candidate of every other, up to the matching cap, so
// the load measured scoring hundreds of namesakes), {{indicator}} a red
// indicator on every redEvery-th request and an orange one otherwise.
func expandBody(tmpl string, n, redEvery int64) string {
	if tmpl == "" {
		return ""
	}
	ind := "witnessed_domestic_violence"
	if isRed(n, redEvery) {
		ind = "threat_to_life"
	}
	spread := func(from int) string {
		return time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n*7919%5475)).Format("2006-01-02")
	}
	return strings.NewReplacer("{{n}}", strconv.FormatInt(n, 10), "{{date}}", spread(2010), "{{indicator}}", ind,
		"{{family}}", madeUpName(n*2654435761), "{{given}}", madeUpName(n*40503+17),
		"{{parent}}", madeUpName(n*7+3), "{{parentdate}}", spread(1975)).Replace(tmpl)
}

// madeUpName builds a name from syllables, so that load-test families
// differ the way real names do (a counter in a name does not: matching
// compares how names sound, and "Kind1" sounds like "Kind2").
func madeUpName(x int64) string {
	syl := []string{"ba", "ker", "vos", "dam", "lin", "mo", "ri", "ten", "hui", "zen", "pol", "ka", "ves", "tor", "mur",
		"den", "sa", "bel", "go", "rik", "han", "jo", "wil", "ma", "nus", "ef", "lo", "bra", "kis", "dor"}
	if x < 0 {
		x = -x
	}
	var b strings.Builder
	for range 3 {
		b.WriteString(syl[x%int64(len(syl))])
		x /= int64(len(syl))
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func isRed(n, redEvery int64) bool { return redEvery > 0 && n%redEvery == 0 }

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	res := run(context.Background(), cfg)
	res.print(os.Stdout, cfg)
	if res.errors > 0 || res.count == 0 {
		os.Exit(1)
	}
}

func parseFlags(args []string) (config, error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	rawURL := fs.String("url", "http://127.0.0.1:8080", "base URL of the server (loopback only)")
	path := fs.String("path", "/api/v1/me", "path to GET")
	token := fs.String("token", "", "bearer token")
	tokenFile := fs.String("token-file", "", "file holding the bearer token (instead of -token, which shows in ps)")
	clients := fs.Int("c", 50, "concurrent clients")
	total := fs.Int64("n", 0, "total requests (0: run for -d)")
	duration := fs.Duration("d", 10*time.Second, "how long to run when -n is 0 (at most 5m)")
	timeout := fs.Duration("timeout", 10*time.Second, "timeout of one request")
	method := fs.String("method", "GET", "GET or POST")
	bodyFile := fs.String("body-file", "", "JSON body template for POST ({{n}}, {{date}}, {{indicator}} are filled per request)")
	redEvery := fs.Int64("red-every", 0, "with {{indicator}}: every k-th request is red; their latencies are reported apart")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	cfg := config{path: *path, token: *token, clients: *clients, total: *total, duration: *duration, timeout: *timeout,
		method: strings.ToUpper(*method), redEvery: *redEvery}
	if cfg.method != "GET" && cfg.method != "POST" {
		return cfg, errors.New("-method must be GET or POST")
	}
	if *bodyFile != "" {
		b, err := os.ReadFile(*bodyFile)
		if err != nil {
			return cfg, err
		}
		cfg.body = string(b)
	}
	if *tokenFile != "" {
		if cfg.token != "" {
			return cfg, errors.New("give -token or -token-file, not both")
		}
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return cfg, err
		}
		cfg.token = strings.TrimSpace(string(b))
	}
	if cfg.clients < 1 || cfg.clients > 10000 {
		return cfg, errors.New("-c must be between 1 and 10000")
	}
	if cfg.total < 0 {
		return cfg, errors.New("-n must not be negative")
	}
	if cfg.total == 0 && (cfg.duration <= 0 || cfg.duration > maxDuration) {
		return cfg, fmt.Errorf("-d must be more than 0 and at most %s", maxDuration)
	}
	if cfg.timeout <= 0 {
		return cfg, errors.New("-timeout must be positive")
	}
	if !strings.HasPrefix(cfg.path, "/") {
		return cfg, errors.New("-path must start with /")
	}
	u, err := url.Parse(*rawURL)
	if err != nil {
		return cfg, fmt.Errorf("-url: %w", err)
	}
	if err := checkLoopback(u); err != nil {
		return cfg, err
	}
	cfg.base = u
	return cfg, nil
}

// checkLoopback refuses any target that is not this machine.
func checkLoopback(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("-url: scheme must be http or https, not %q", u.Scheme)
	}
	if u.User != nil {
		return errors.New("-url: no user info, please")
	}
	host := u.Hostname()
	if host == "" {
		return errors.New("-url: no host")
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-url: %q is not a loopback address; loadtest only targets this machine (127.0.0.0/8, ::1, localhost)", host)
	}
	return nil
}

type result struct {
	count     int64
	errors    int64
	statuses  map[int]int64
	firstErr  string
	latencies []time.Duration
	red       []time.Duration // successful red reports (-red-every)
	elapsed   time.Duration
}

func run(ctx context.Context, cfg config) result {
	limit := maxDuration
	if cfg.total == 0 {
		limit = cfg.duration
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	tr := loopbackTransport(cfg.clients)
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: cfg.timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	targetURL := targetOf(cfg)

	var (
		issued   atomic.Int64
		mu       sync.Mutex
		res      = result{statuses: map[int]int64{}}
		wg       sync.WaitGroup
		start    = time.Now()
		perAlloc = 1024
	)
	if cfg.total > 0 {
		perAlloc = int(cfg.total/int64(cfg.clients)) + 1
	}
	for range cfg.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := client{cfg: cfg, hc: hc, target: targetURL, issued: &issued,
				lat: make([]time.Duration, 0, perAlloc), statuses: map[int]int64{}}
			c.loop(ctx)
			mu.Lock()
			defer mu.Unlock()
			c.addTo(&res)
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.count = int64(len(res.latencies))
	if cfg.total > 0 && res.count+res.errors < cfg.total && ctx.Err() != nil {
		res.firstErr = fmt.Sprintf("stopped at the %s limit after %d of %d requests", maxDuration, res.count, cfg.total)
		res.errors++
	}
	slices.Sort(res.latencies)
	slices.Sort(res.red)
	return res
}

// loopbackTransport keeps one connection per client and dials only
// loopback addresses, even if "localhost" resolves oddly.
func loopbackTransport(clients int) *http.Transport {
	return &http.Transport{
		MaxIdleConns:        clients,
		MaxIdleConnsPerHost: clients,
		MaxConnsPerHost:     clients,
		IdleConnTimeout:     30 * time.Second,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			ips, err := net.DefaultResolver.LookupIP(ctx, "ip", host)
			if err != nil {
				return nil, err
			}
			for _, ip := range ips {
				if ip.IsLoopback() {
					var d net.Dialer
					return d.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
				}
			}
			return nil, fmt.Errorf("%s does not resolve to a loopback address", host)
		},
	}
}

// targetOf is the address requests go to: the base with the path and its
// query.
func targetOf(cfg config) string {
	target := cfg.base.JoinPath(cfg.path)
	if i := strings.IndexByte(cfg.path, '?'); i >= 0 {
		target = cfg.base.JoinPath(cfg.path[:i])
		target.RawQuery = cfg.path[i+1:]
	}
	return target.String()
}

// client is one simulated client and its tally.
type client struct {
	cfg      config
	hc       *http.Client
	target   string
	issued   *atomic.Int64 // requests issued by all clients
	lat, red []time.Duration
	statuses map[int]int64
	errs     int64
	firstErr string
}

// loop sends requests until the run ends or the total is issued.
func (c *client) loop(ctx context.Context) {
	for ctx.Err() == nil {
		n := c.issued.Add(1)
		if c.cfg.total > 0 && n > c.cfg.total {
			return
		}
		if !c.send(ctx, n) {
			return
		}
	}
}

// send sends request n and tallies it; false ends the client's loop.
func (c *client) send(ctx context.Context, n int64) bool {
	cfg := c.cfg
	var body io.Reader
	if cfg.body != "" {
		body = strings.NewReader(expandBody(cfg.body, n, cfg.redEvery))
	}
	req, err := http.NewRequestWithContext(ctx, cfg.method, c.target, body)
	if err != nil {
		c.errs++
		c.firstErr = err.Error()
		return false
	}
	if cfg.token != "" {
		req.Header.Set("Authorization", "Bearer "+cfg.token)
	}
	req.Header.Set("User-Agent", "schakel-loadtest")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	t0 := time.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil && cfg.total == 0 {
			return false // the run ended while this request was in flight: not a failure
		}
		c.errs++
		if c.firstErr == "" {
			c.firstErr = err.Error()
		}
		return true
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(t0)
	c.lat = append(c.lat, d)
	if isRed(n, cfg.redEvery) && resp.StatusCode < 300 {
		c.red = append(c.red, d)
	}
	c.statuses[resp.StatusCode]++
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		c.errs++
		if c.firstErr == "" {
			c.firstErr = fmt.Sprintf("HTTP %d", resp.StatusCode)
		}
	}
	return true
}

// addTo adds the client's tally to the run's result.
func (c *client) addTo(res *result) {
	res.latencies = append(res.latencies, c.lat...)
	res.red = append(res.red, c.red...)
	res.errors += c.errs
	for k, v := range c.statuses {
		res.statuses[k] += v
	}
	if res.firstErr == "" {
		res.firstErr = c.firstErr
	}
}

func (r result) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(p*float64(len(r.latencies))+0.5) - 1
	return r.latencies[min(max(i, 0), len(r.latencies)-1)]
}

func (r result) print(w io.Writer, cfg config) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
	rps := 0.0
	if r.elapsed > 0 {
		rps = float64(r.count) / r.elapsed.Seconds()
	}
	fmt.Fprintf(w, "target      %s %s%s\n", cfg.method, cfg.base.Redacted(), cfg.path)
	fmt.Fprintf(w, "clients     %d\n", cfg.clients)
	fmt.Fprintf(w, "duration    %.2f s\n", r.elapsed.Seconds())
	fmt.Fprintf(w, "requests    %d\n", r.count)
	fmt.Fprintf(w, "req/s       %.0f\n", rps)
	fmt.Fprintf(w, "p50         %s\n", ms(r.percentile(0.50)))
	fmt.Fprintf(w, "p90         %s\n", ms(r.percentile(0.90)))
	fmt.Fprintf(w, "p99         %s\n", ms(r.percentile(0.99)))
	if len(r.latencies) > 0 {
		fmt.Fprintf(w, "max         %s\n", ms(r.latencies[len(r.latencies)-1]))
	}
	if len(r.red) > 0 {
		at := func(p float64) time.Duration { return r.red[int(p*float64(len(r.red)-1))] }
		fmt.Fprintf(w, "red         %d reports: p50 %s, p99 %s (POST to committed consultation with invitations)\n", len(r.red), ms(at(0.5)), ms(at(0.99)))
	}
	codes := make([]int, 0, len(r.statuses))
	for c := range r.statuses {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var parts []string
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d×%d", c, r.statuses[c]))
	}
	fmt.Fprintf(w, "statuses    %s\n", strings.Join(parts, " "))
	fmt.Fprintf(w, "errors      %d\n", r.errors)
	if r.firstErr != "" {
		fmt.Fprintf(w, "first error %s\n", r.firstErr)
	}
}
