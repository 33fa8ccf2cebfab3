package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/demo"
	"schakel/internal/sealed"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// cheapParams keep argon2id fast for accounts the tests create. Demo
// accounts keep the production hash that demo.Load writes.
var cheapParams = auth.Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32}

// demoPassword is the password of every demo account.
const demoPassword = demo.Password

// Demo accounts the tests log in as. All share demo.Password.
var (
	vtIntake     = demo.Email("Sanne", "vt")      // intake, Veilig Thuis
	vtCaseWorker = demo.Email("Mohamed", "vt")    // case worker, on the piket roster
	vtTeamLead   = demo.Email("Linda", "vt")      // team lead
	vtPrivacy    = demo.Email("Karin", "vt")      // privacy officer
	vtAdmin      = demo.Email("Joost", "vt")      // admin
	jbAdmin      = demo.Email("Marco", "jb")      // admin of Jeugdbescherming
	jbCaseWorker = demo.Email("Fatma", "jb")      // case worker of Jeugdbescherming
	rbLawyer     = demo.Email("Gerard", "rb")     // lawyer at the court: no duty, no admin
	gemPrivacy   = demo.Email("Sven", "gemeente") // privacy officer of the municipality
)

// forEachEngine runs fn once per storage engine (SQLite always, PostgreSQL
// when SCHAKEL_TEST_POSTGRES is set) as parallel subtests.
func forEachEngine(t *testing.T, fn func(t *testing.T, e storagetest.Engine)) {
	t.Helper()
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, e)
		})
	}
}

// clock is the database's clock in tests: real time plus an offset that a
// test may move forward while the server runs (atomically, so the race
// detector stays quiet).
type clock struct {
	offset atomic.Int64
	frozen atomic.Int64 // when not zero, the clock stands still at this Unix time (ns) plus offset
}

func (c *clock) Now() time.Time {
	if f := c.frozen.Load(); f != 0 {
		return time.Unix(0, f+c.offset.Load())
	}
	return time.Now().Add(time.Duration(c.offset.Load()))
}

// Freeze stops the clock (Advance still moves it), for tests whose answers
// depend on how much time passed, such as the login limits' refill.
func (c *clock) Freeze() { c.frozen.Store(time.Now().UnixNano()) }

// Advance moves the clock forward by d.
func (c *clock) Advance(d time.Duration) { c.offset.Add(int64(d)) }

// syncBuffer collects the server's log lines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServer is the real Schakel server on a random loopback port over a
// fresh database holding the demo region.
type testServer struct {
	t     *testing.T
	DB    *storage.DB
	Srv   *web.Server
	URL   string
	Clock *clock
	Logs  *syncBuffer
}

// startServer opens a fresh database on engine e, loads the demo region,
// and serves it on 127.0.0.1:0 until the test ends.
func startServer(t *testing.T, e storagetest.Engine) *testServer {
	t.Helper()
	return startServerWith(t, e, func(*web.Config) {})
}

func startServerWith(t *testing.T, e storagetest.Engine, configure func(*web.Config)) *testServer {
	t.Helper()
	db := storagetest.Open(t, e)
	clk := &clock{}
	db.Now = clk.Now
	// Authenticator-app keys sealed at rest, as serve does with SCHAKEL_TOTP_KEY.
	box, err := sealed.New(bytes.Repeat([]byte{9}, sealed.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	db.Secrets = box
	ctx := context.Background()
	if _, err := demo.Load(ctx, db, db.Now()); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	cfg := web.DefaultConfig()
	cfg.PasswordParams = cheapParams
	cfg.Version = "test"
	cfg.TableHold = 0 // invitations at once, as most tests expect; hold tests set their own
	configure(&cfg)
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, err := web.New(db, log, cfg)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(sctx, ln) }()
	// Registered after storagetest.Open, so it runs before the database
	// closes: the server drains first.
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server stopped with error: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Errorf("server did not stop within 30s")
		}
		checkLogs(t, logs.String())
	})
	return &testServer{t: t, DB: db, Srv: srv, URL: "http://" + ln.Addr().String(), Clock: clk, Logs: logs}
}

// checkLogs fails when the server logged a password or a panic. (Pages log
// routes, never bodies or query strings.)
func checkLogs(t *testing.T, logs string) {
	t.Helper()
	for _, bad := range []string{demo.Password, "goroutine "} {
		if strings.Contains(logs, bad) {
			t.Errorf("server log contains %q:\n%s", bad, logs)
		}
	}
}

// client is an HTTP client for one user: a cookie jar for browser sessions,
// or a bearer token for the API. It sends each request with a bare
// http.Transport, so it never follows redirects and shows a Location header
// exactly as a browser would receive it, and checks every API exchange
// against the OpenAPI document (openAPICheck).
type client struct {
	t     *testing.T
	ts    *testServer
	rt    http.RoundTripper
	jar   http.CookieJar
	token string
	email string // the account of Login and Bearer, for StepUp
	// Header is added to every request.
	Header http.Header
}

// Anonymous returns a client without credentials.
func (ts *testServer) Anonymous() *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		ts.t.Fatal(err)
	}
	tr := &http.Transport{DisableCompression: true}
	ts.t.Cleanup(tr.CloseIdleConnections)
	// Every API exchange is checked against the OpenAPI document.
	rt := openAPICheck{t: ts.t, next: tr}
	return &client{t: ts.t, ts: ts, rt: rt, jar: jar, Header: http.Header{}}
}

// Login logs in as email through the login form and returns the client
// holding the session cookie. (Helpers report with Errorf, not Fatalf: they
// may run inside a subtest of the test that started the server.)
func (ts *testServer) Login(email string) *client {
	ts.t.Helper()
	c := ts.Anonymous()
	c.email = email
	res := c.PostForm("/login", url.Values{"email": {email}, "password": {demo.Password}, "next": {"/"}})
	if res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/login/code") {
		// The account has the test's app (StepUp enrolled it): its code.
		ts.EnrolApp(email)
		res = c.PostForm("/login/code", url.Values{"code": {ts.AppCode()}, "next": {"/"}})
	}
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		ts.t.Errorf("login as %s: %d %s, want 303 to /\n%s", email, res.StatusCode, res.Header.Get("Location"), truncateBody(res.Body))
	} else if c.SessionCookie() == nil {
		ts.t.Errorf("login as %s set no session cookie", email)
	}
	return c
}

// CreateToken makes an API token for email through storage, as
// `schakel token create` does, and returns the secret and its id.
func (ts *testServer) CreateToken(email string) (secret string, id int64) {
	ts.t.Helper()
	ctx := context.Background()
	p, err := ts.DB.ProfessionalByEmail(ctx, email)
	if err != nil {
		ts.t.Errorf("token for %s: %v", email, err)
		return "skt_none", 0
	}
	secret, err = auth.NewSecret("skt_")
	if err != nil {
		ts.t.Errorf("new secret: %v", err)
		return "skt_none", 0
	}
	err = ts.DB.Update(ctx, func(tx *storage.Tx) error {
		var err error
		id, err = tx.CreateToken(p.ID, "test", auth.HashSecret(secret))
		return err
	})
	if err != nil {
		ts.t.Errorf("create token: %v", err)
	}
	return secret, id
}

// Bearer returns a client that authenticates with a new API token for email.
func (ts *testServer) Bearer(email string) *client {
	ts.t.Helper()
	secret, _ := ts.CreateToken(email)
	c := ts.Anonymous()
	c.token, c.email = secret, email
	return c
}

// WithToken returns a client that sends this bearer token as is.
func (ts *testServer) WithToken(token string) *client {
	c := ts.Anonymous()
	c.token = token
	return c
}

// ProfessionalID returns the id of the professional with this address.
func (ts *testServer) ProfessionalID(email string) int64 {
	ts.t.Helper()
	p, err := ts.DB.ProfessionalByEmail(context.Background(), email)
	if err != nil {
		ts.t.Errorf("professional %s: %v", email, err)
	}
	return p.ID
}

// SessionCookie returns the client's session cookie, or nil.
func (c *client) SessionCookie() *http.Cookie {
	for _, ck := range c.jar.Cookies(c.baseURL()) {
		if ck.Name == "schakel_session" {
			return ck
		}
	}
	return nil
}

// SetSessionCookie puts a session cookie in the client's jar.
func (c *client) SetSessionCookie(value string) {
	c.jar.SetCookies(c.baseURL(), []*http.Cookie{{Name: "schakel_session", Value: value, Path: "/"}})
}

func (c *client) baseURL() *url.URL {
	u, _ := url.Parse(c.ts.URL + "/")
	return u
}

// response is an HTTP response with its body read.
type response struct {
	*http.Response
	Body string
}

// Problem decodes an application/problem+json body, failing the test when
// the response is not one.
func (r response) Problem(t *testing.T) web.Problem {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("%s %s: Content-Type %q, want application/problem+json; body:\n%s", r.Request.Method, r.Request.URL.Path, ct, r.Body)
	}
	var p web.Problem
	if err := json.Unmarshal([]byte(r.Body), &p); err != nil {
		t.Fatalf("problem body: %v\n%s", err, r.Body)
	}
	if p.Code == "" || p.Status != r.StatusCode || p.Detail == "" {
		t.Fatalf("incomplete problem (status %d): %+v", r.StatusCode, p)
	}
	return p
}

// JSON decodes a JSON body into v.
func (r response) JSON(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("%s %s: decode %T: %v\n%s", r.Request.Method, r.Request.URL.Path, v, err, r.Body)
	}
}

// leakWords must never appear in a response body: they betray internals.
var leakWords = []string{"sql", "panic", "goroutine", "pq:", "runtime error", ".go:"}

// machinePaths may name the engine ("sqlite") or Go runtime metrics.
func machinePath(p string) bool {
	return p == "/healthz" || p == "/metrics" || p == "/api/openapi.json" || strings.HasPrefix(p, "/static/") || strings.HasSuffix(p, ".png")
}

// Do sends a request. Every response is checked: never a 500, and never a
// body that leaks internals.
func (c *client) Do(method, path string, body io.Reader, contentType string) response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.ts.URL+path, body)
	if err != nil {
		c.t.Errorf("%s %s: %v", method, path, err)
		return failed(req)
	}
	for k, v := range c.Header {
		req.Header[k] = v
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for _, ck := range c.jar.Cookies(req.URL) {
		req.AddCookie(ck)
	}
	res, err := c.rt.RoundTrip(req)
	if err != nil {
		c.t.Errorf("%s %s: %v", method, path, err)
		return failed(req)
	}
	defer res.Body.Close()
	c.jar.SetCookies(req.URL, res.Cookies())
	b, err := io.ReadAll(res.Body)
	if err != nil && !errors.Is(err, io.EOF) {
		c.t.Errorf("%s %s: read body: %v", method, path, err)
	}
	r := response{Response: res, Body: string(b)}
	// The one 5xx Schakel means to give: a login whose organisation's
	// identity provider is down or badly set up (login_problem_ui.go), or
	// that meets a server too busy to check a password, a family
	// member's too.
	login := strings.HasPrefix(req.URL.Path, "/login") || req.URL.Path == "/gezin/inloggen"
	if res.StatusCode >= 500 && !(res.StatusCode == http.StatusServiceUnavailable && login) {
		c.t.Errorf("%s %s: status %d\n%s", method, path, res.StatusCode, r.Body)
	}
	if !machinePath(req.URL.Path) {
		// A page that leaves for an identity provider carries random
		// state, nonce and challenge, which may spell anything.
		low := strings.ToLower(withoutRandom(withoutWayOut(r.Body)))
		for _, w := range leakWords {
			if strings.Contains(low, w) {
				c.t.Errorf("%s %s: body contains %q:\n%s", method, path, w, truncateBody(r.Body))
			}
		}
	}
	return r
}

// wayOut is the provider's address on a page that leaves for it
// (login_redirect.html), twice: in the refresh and in the link.
var wayOut = regexp.MustCompile(`(content="0;url=|<a id="verder" href=")[^"]*"`)

// randomHandle is a session handle or a TOTP key: random base32 letters,
// which spell "SQL" or "PANIC" now and then (CI saw it). A key shown for
// reading comes in groups of four letters (totp.Grouped), which spell it
// just as well (TestFamilyOutsiderWalk saw it).
var randomHandle = regexp.MustCompile(`\b[A-Z2-7]{16,}\b|\b[A-Z2-7]{4}(?: [A-Z2-7]{1,4}){3,}\b`)

func withoutWayOut(body string) string { return wayOut.ReplaceAllString(body, `$1"`) }

// randomToken is a base64url run such as a WebAuthn challenge or credential
// id, which spells "sql" now and then (CI saw "…7sqltQ").
var randomToken = regexp.MustCompile(`[A-Za-z0-9_-]{16,}`)

// withoutRandom blanks random handles, keys and tokens, so that the leak
// check reads only words. A token counts as random when it mixes upper and
// lower case letters and digits, which no word or identifier of an error
// message does.
func withoutRandom(body string) string {
	body = randomHandle.ReplaceAllString(body, "HANDLE")
	return randomToken.ReplaceAllStringFunc(body, func(tok string) string {
		upper := strings.IndexFunc(tok, unicode.IsUpper) >= 0
		lower := strings.IndexFunc(tok, unicode.IsLower) >= 0
		digit := strings.IndexFunc(tok, unicode.IsDigit) >= 0
		if upper && lower && digit {
			return "TOKEN"
		}
		return tok
	})
}

// failed is the response of a request that got no answer.
func failed(req *http.Request) response {
	if req == nil {
		req = &http.Request{Method: "?", URL: &url.URL{}}
	}
	return response{Response: &http.Response{StatusCode: 0, Header: http.Header{}, Request: req}}
}

// Get fetches path.
func (c *client) Get(path string) response {
	c.t.Helper()
	return c.Do(http.MethodGet, path, nil, "")
}

// PostForm posts an HTML form.
func (c *client) PostForm(path string, form url.Values) response {
	c.t.Helper()
	return c.Do(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// SendJSON sends v as a JSON body.
func (c *client) SendJSON(method, path string, v any) response {
	c.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.Do(method, path, bytes.NewReader(b), "application/json")
}

// wantStatus fails the test when r has another status.
func wantStatus(t *testing.T, r response, want int) {
	t.Helper()
	if r.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d\n%s", r.Request.Method, r.Request.URL, r.StatusCode, want, truncateBody(r.Body))
	}
}

// wantContains fails the test when r's body lacks any of subs.
func wantContains(t *testing.T, r response, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(r.Body, s) {
			t.Errorf("%s %s: body lacks %q\n%s", r.Request.Method, r.Request.URL, s, truncateBody(r.Body))
		}
	}
}

func truncateBody(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// mustProfessional reads the professional with this address from storage.
func mustProfessional(t *testing.T, ts *testServer, email string) *schakel.Professional {
	t.Helper()
	p, err := ts.DB.ProfessionalByEmail(context.Background(), email)
	if err != nil {
		t.Fatalf("professional %s: %v", email, err)
	}
	return &p
}

// filedReport is a report filed through storage for tests that need a case.
type filedReport struct {
	app.ReportResult
	Case schakel.Case
}

// fileReport files a report as the professional with this address (red when
// red is set: a crisis consultation follows) and reads its case back.
func (ts *testServer) fileReport(t *testing.T, email string, red bool) filedReport {
	t.Helper()
	p := mustProfessional(t, ts, email)
	a := &schakel.Actor{Professional: p, ClientAddr: "127.0.0.1"}
	rep := benchReport()
	if red {
		rep.Indicators = []string{"threat_to_life"}
	}
	res, err := app.New(ts.DB).CreateReport(t.Context(), a, rep, "")
	if err != nil {
		t.Fatalf("file report: %v", err)
	}
	c, err := app.New(ts.DB).Case(t.Context(), a, res.CaseID)
	if err != nil {
		t.Fatalf("read case %d: %v", res.CaseID, err)
	}
	if len(c.Persons) == 0 {
		t.Fatalf("case %d has no persons", c.ID)
	}
	return filedReport{ReportResult: res, Case: c}
}

// TestLeakCheckReadsWordsOnly: random tokens do not trip the leak check,
// while the words it looks for still do.
func TestLeakCheckReadsWordsOnly(t *testing.T) {
	for _, tc := range []struct {
		body string
		leak bool
	}{
		{`{"allowCredentials":[{"id":"0sIr0IextBbd80vq7sqltQ"}]}`, false},
		{`SQLA BCDE FGHI JKLM`, false},
		{`sql: no rows in result set`, true},
		{`database/sql_driver_error_happened`, true},
		{`runtime error: index out of range`, true},
	} {
		t.Run(tc.body, func(t *testing.T) {
			low := strings.ToLower(withoutRandom(tc.body))
			leak := false
			for _, w := range leakWords {
				leak = leak || strings.Contains(low, w)
			}
			if leak != tc.leak {
				t.Errorf("leak %v, want %v (read as %q)", leak, tc.leak, low)
			}
		})
	}
}
