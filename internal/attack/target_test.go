package attack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"schakel/internal/auth"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// Demo accounts the attacks use.
var (
	intaker  = demo.Email("Sanne", "vt") // intake at Veilig Thuis
	teamLead = demo.Email("Linda", "vt") // team lead: exports the event log
)

// target is a real Schakel server on a random loopback port over a fresh
// database with the demo region.
type target struct {
	engine string
	db     *storage.DB
	url    string
	logs   *lockedBuffer
}

// eachTarget runs fn against a fresh server on every engine, side by side.
func eachTarget(t *testing.T, fn func(t *testing.T, tg *target)) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, startTarget(t, e))
		})
	}
}

func startTarget(t *testing.T, e storagetest.Engine) *target {
	t.Helper()
	db := storagetest.Open(t, e)
	ctx := context.Background()
	if _, err := demo.Load(ctx, db, db.Now()); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	cfg := web.DefaultConfig()
	cfg.Version = "attack"
	cfg.TableHold = 0 // invitations at once, as most tests expect; hold tests set their own
	logs := &lockedBuffer{}
	srv, err := web.New(db, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), cfg)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(sctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server stopped with error: %v", err)
		}
		if strings.Contains(logs.String(), "goroutine ") {
			t.Errorf("the server panicked:\n%s", logs.String())
		}
	})
	return &target{engine: e.Name, db: db, url: "http://" + ln.Addr().String(), logs: logs}
}

// bearer returns a client with a new API token for email.
func (tg *target) bearer(t *testing.T, email string) *client {
	t.Helper()
	ctx := context.Background()
	p, err := tg.db.ProfessionalByEmail(ctx, email)
	if err != nil {
		t.Fatalf("professional %s: %v", email, err)
	}
	secret, err := auth.NewSecret("skt_")
	if err != nil {
		t.Fatal(err)
	}
	err = tg.db.Update(ctx, func(tx *storage.Tx) error {
		_, err := tx.CreateToken(p.ID, "attack", auth.HashSecret(secret))
		return err
	})
	if err != nil {
		t.Fatalf("token: %v", err)
	}
	c := tg.anonymous()
	c.token = secret
	return c
}

// browser returns a client logged in with the demo password.
func (tg *target) browser(t *testing.T, email string) *client {
	t.Helper()
	c := tg.anonymous()
	r := c.postForm(t, "/login", url.Values{"email": {email}, "password": {demo.Password}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("login as %s: status %d", email, r.status)
	}
	return c
}

func (tg *target) anonymous() *client {
	jar, _ := cookiejar.New(nil)
	return &client{base: tg.url, hc: &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// client sends requests as one user.
type client struct {
	base  string
	token string
	hc    *http.Client
}

type response struct {
	status int
	header http.Header
	body   string
}

// checker is what a probe reports to: a *testing.T, or a recorder for a
// probe that is known to fail (knownFailures).
type checker interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// do sends a request. The one rule for every answer: never a 5xx.
func (c *client) do(t checker, method, path string, body []byte, contentType string, header http.Header) response {
	t.Helper()
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := c.hc.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Errorf("%s %s: read body: %v", method, path, err)
	}
	r := response{status: res.StatusCode, header: res.Header, body: string(b)}
	if r.status >= 500 {
		t.Errorf("%s %s: status %d: %.200q", method, path, r.status, r.body)
	}
	return r
}

func (c *client) get(t checker, path string) response {
	t.Helper()
	return c.do(t, http.MethodGet, path, nil, "", nil)
}

func (c *client) postJSON(t checker, path string, v any, header http.Header) response {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return c.do(t, http.MethodPost, path, b, "application/json", header)
}

func (c *client) postForm(t checker, path string, form url.Values) response {
	t.Helper()
	return c.do(t, http.MethodPost, path, []byte(form.Encode()), "application/x-www-form-urlencoded", nil)
}

// problem decodes a problem document's code, field names and detail.
func (r response) problem(t checker) (code string, fields []string, detail string) {
	t.Helper()
	var p web.Problem
	if err := json.Unmarshal([]byte(r.body), &p); err != nil {
		t.Fatalf("status %d without a problem document: %.500s", r.status, r.body)
	}
	for _, f := range p.Errors {
		fields = append(fields, f.Field)
	}
	return p.Code, fields, p.Detail
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
