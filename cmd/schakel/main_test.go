package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/auth"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// syncBuffer is a bytes.Buffer safe for a server goroutine writing and a
// test reading.
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

// waitFor polls until re matches the output and returns the match. The
// deadline only guards against a hang; it asserts nothing about speed.
func (b *syncBuffer) waitFor(t *testing.T, re *regexp.Regexp, done <-chan int) []string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(b.String()); m != nil {
			return m
		}
		select {
		case code := <-done:
			t.Fatalf("the command ended with %d before printing %q; output:\n%s", code, re, b.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("no %q in the output:\n%s", re, b.String())
	return nil
}

// runCLI runs the command in-process and returns its exit code and
// output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// mustRun runs the command and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("schakel %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// inTempDir runs the test in an empty directory, so that a command that
// wrongly opens the default database leaves a file to be found.
func inTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

func TestVersion(t *testing.T) {
	out := mustRun(t, "version")
	if strings.TrimSpace(out) != "schakel "+version {
		t.Fatalf("version printed %q", out)
	}
}

// TestHelp asks every command and subcommand for help: exit 0, a usage
// text on standard output, and no database opened.
func TestHelp(t *testing.T) {
	dir := inTempDir(t)
	cases := [][]string{{"-h"}, {"--help"}, {"help"}}
	for _, c := range commands() {
		cases = append(cases, []string{c.name, "-h"}, []string{c.name, "--help"})
	}
	for _, sub := range [][]string{
		{"user", "add"}, {"user", "list"}, {"user", "disable"},
		{"token", "create"}, {"token", "list"}, {"token", "revoke"},
		{"audit", "verify"},
		{"sso", "set"}, {"sso", "show"}, {"sso", "remove"},
	} {
		cases = append(cases, append(sub, "-h"))
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errOut := runCLI(t, args...)
			if code != 0 {
				t.Fatalf("exit %d, want 0\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			if !strings.Contains(out, "Usage") {
				t.Fatalf("no usage on standard output: %q (stderr %q)", out, errOut)
			}
			if len(args) > 1 && args[0] != "-h" && !strings.Contains(out, "schakel "+args[0]) {
				t.Fatalf("the usage does not name the command: %q", out)
			}
		})
	}
	// Flags are described, with their environment variables.
	_, out, _ := runCLI(t, "serve", "-h")
	for _, want := range []string{"-addr", "-db", "-demo", "SCHAKEL_DB", "-idle-timeout"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve -h does not mention %s", want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("asking for help created %v in the working directory", entries)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := inTempDir(t)
	for _, tc := range []struct {
		args []string
		want string // in standard error
	}{
		{nil, "Usage"},
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"user"}, "Usage: schakel user"},
		{[]string{"user", "bogus"}, `unknown user command "bogus"`},
		{[]string{"token"}, "Usage: schakel token"},
		{[]string{"token", "bogus"}, `unknown token command "bogus"`},
		{[]string{"audit"}, "Usage: schakel audit"},
		{[]string{"audit", "bogus"}, "Usage: schakel audit"},
		{[]string{"serve", "--bogus"}, "flag provided but not defined"},
		{[]string{"serve", "--db-conns", "0"}, "--db-conns is 0; it must be at least 1"},
		{[]string{"serve", "--db-conns", "many"}, "invalid value"},
		{[]string{"migrate", "--db"}, "flag needs an argument"},
		{[]string{"migrate", "extra"}, `unexpected argument "extra"`},
		{[]string{"version", "--json"}, "flag provided but not defined"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Fatalf("stderr %q does not contain %q", errOut, tc.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a usage error created %v in the working directory", entries)
	}
}

// engines returns, per database engine, a function making a fresh --db
// value: an SQLite file, or a PostgreSQL schema when SCHAKEL_TEST_POSTGRES
// is set.
func engines(t *testing.T, fn func(t *testing.T, engine, dsn string)) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) { fn(t, e.Name, e.DSN(t)) })
	}
}

// rawDB opens a database/sql connection on the same database as dsn.
func rawDB(t *testing.T, engine, dsn string) *sql.DB {
	t.Helper()
	var db *sql.DB
	var err error
	if engine == storage.Postgres {
		db, err = sql.Open("pgx", dsn)
	} else {
		db, err = sql.Open("sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)&_time_format=sqlite")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestMigrate(t *testing.T) {
	engines(t, func(t *testing.T, engine, dsn string) {
		out := mustRun(t, "migrate", "--db", dsn)
		if !strings.Contains(out, "applied migrations [1") || !strings.Contains(out, "schema is at version") {
			t.Fatalf("first migrate: %q", out)
		}
		out = mustRun(t, "migrate", "--db", dsn)
		if !strings.Contains(out, "schema is up to date at version") {
			t.Fatalf("second migrate: %q", out)
		}
	})
}

func TestMigrateFromEnvironment(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("SCHAKEL_DB", dsn)
	mustRun(t, "migrate")
	if _, err := os.Stat(dsn); err != nil {
		t.Fatalf("SCHAKEL_DB was not used: %v", err)
	}
}

type userRow struct {
	ID               int64                    `json:"id"`
	Email            string                   `json:"email"`
	Name             string                   `json:"name"`
	OrganisationKind schakel.OrganisationKind `json:"organisation_kind"`
	Roles            []schakel.Role           `json:"roles"`
	Active           bool                     `json:"active"`
}

func listUsers(t *testing.T, dsn string) []userRow {
	t.Helper()
	out := mustRun(t, "user", "list", "--json", "--db", dsn)
	var raw []map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("user list --json printed invalid JSON: %v\n%s", err, out)
	}
	for _, r := range raw {
		for _, k := range []string{"id", "email", "name", "organisation_kind", "roles"} {
			if _, ok := r[k]; !ok {
				t.Fatalf("user list --json lacks %q: %v", k, r)
			}
		}
	}
	var rows []userRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

func findUser(rows []userRow, email string) *userRow {
	for i := range rows {
		if rows[i].Email == email {
			return &rows[i]
		}
	}
	return nil
}

func TestUserAndTokenCommands(t *testing.T) {
	engines(t, func(t *testing.T, engine, dsn string) {
		t.Setenv("SCHAKEL_PASSWORD", "een-lang-genoeg-wachtwoord")

		// The first account of a fresh installation creates its
		// organisation and region.
		out := mustRun(t, "user", "add", "--db", dsn, "--email", " Beheer@VT.example ", "--name", "Joost de Boer",
			"--org", "Veilig Thuis Testregio", "--org-kind", "veilig_thuis", "--region", "Testregio", "--roles", "admin, privacy_officer")
		if !strings.Contains(out, "created organisation Veilig Thuis Testregio") || !strings.Contains(out, "added beheer@vt.example") {
			t.Fatalf("user add printed %q", out)
		}
		// Further accounts name the organisation.
		mustRun(t, "user", "add", "--db", dsn, "--email", "sanne@vt.example", "--name", "Sanne de Wit",
			"--org", "Veilig Thuis Testregio", "--roles", "intake,case_worker", "--expertises", "domestic_violence", "--team", "Intake")
		// A second organisation in the only region, without --region.
		mustRun(t, "user", "add", "--db", dsn, "--email", "fatma@jb.example", "--name", "Fatma Yilmaz",
			"--org", "Jeugdbescherming Testregio", "--org-kind", "jeugdbescherming", "--roles", "case_worker")

		rows := listUsers(t, dsn)
		if len(rows) != 3 {
			t.Fatalf("%d users listed, want 3: %+v", len(rows), rows)
		}
		sanne := findUser(rows, "sanne@vt.example")
		if sanne == nil || sanne.Name != "Sanne de Wit" || sanne.OrganisationKind != schakel.VeiligThuis ||
			fmt.Sprint(sanne.Roles) != "[case_worker intake]" || !sanne.Active || sanne.ID == 0 {
			t.Fatalf("listed %+v", sanne)
		}
		if f := findUser(rows, "fatma@jb.example"); f == nil || f.OrganisationKind != schakel.Jeugdbescherming {
			t.Fatalf("listed %+v", f)
		}
		table := mustRun(t, "user", "list", "--db", dsn)
		if !strings.Contains(table, "sanne@vt.example") || !strings.Contains(table, "EMAIL") {
			t.Fatalf("user list printed %q", table)
		}

		t.Run("add refused", func(t *testing.T) {
			for _, tc := range []struct {
				name string
				args []string
				want string
			}{
				{"duplicate e-mail", []string{"--email", "SANNE@vt.example", "--name", "Sanne", "--org", "Veilig Thuis Testregio", "--roles", "intake"}, "email:"},
				{"unknown role", []string{"--email", "x@vt.example", "--name", "X", "--org", "Veilig Thuis Testregio", "--roles", "intake,judge"}, "roles[1]:"},
				{"unknown organisation", []string{"--email", "x@vt.example", "--name", "X", "--org", "Nergens", "--roles", "intake"}, `no organisation "Nergens"`},
				{"unknown organisation kind", []string{"--email", "x@vt.example", "--name", "X", "--org", "Bank", "--org-kind", "bank", "--roles", "intake"}, "kind:"},
				{"invalid account in a new organisation", []string{"--email", "geen-adres", "--name", "X", "--org", "Wijkteam Oost", "--org-kind", "wijkteam", "--roles", "intake"}, "email:"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					code, out, errOut := runCLI(t, append([]string{"user", "add", "--db", dsn}, tc.args...)...)
					if code != 1 || !strings.Contains(errOut, tc.want) {
						t.Fatalf("exit %d, stderr %q; want 1 and %q (stdout %q)", code, errOut, tc.want, out)
					}
				})
			}
			// A new organisation whose first account is refused is not
			// created either.
			if out := mustRun(t, "user", "add", "--db", dsn, "--email", "kees@wijk.example", "--name", "Kees", "--org", "Wijkteam Oost",
				"--org-kind", "wijkteam", "--roles", "case_worker"); !strings.Contains(out, "created organisation Wijkteam Oost") {
				t.Fatalf("user add printed %q", out)
			}
			// With a second region, a new organisation needs --region.
			mustRun(t, "user", "add", "--db", dsn, "--email", "rob@schuld.example", "--name", "Rob", "--org", "Schuldhulp Noord",
				"--org-kind", "schuldhulp", "--region", "Noord", "--roles", "case_worker")
			code, _, errOut := runCLI(t, "user", "add", "--db", dsn, "--email", "z@vt.example", "--name", "Z", "--org", "Politie Noord",
				"--org-kind", "politie", "--roles", "case_worker")
			if code != 1 || !strings.Contains(errOut, "--region") {
				t.Fatalf("new organisation with two regions and no --region: exit %d, %q", code, errOut)
			}
			for _, tc := range []struct{ password, want string }{
				{"kort", "(too_short): Kies een wachtwoord van minstens 12 tekens."},
				{"            ", "(blank)"},
				{"aaaaaaaaaaaa", "(repeated)"},
				{"passwordpassword", "(common)"},
				{"welkom123456", "(common)"},
			} {
				t.Setenv("SCHAKEL_PASSWORD", tc.password)
				code, _, errOut = runCLI(t, "user", "add", "--db", dsn, "--email", "y@vt.example", "--name", "Y", "--org", "Veilig Thuis Testregio", "--roles", "intake")
				if code != 1 || !strings.Contains(errOut, "password refused "+tc.want) {
					t.Fatalf("password %q: exit %d, %q, want %q", tc.password, code, errOut, tc.want)
				}
			}
			if n := len(listUsers(t, dsn)); n != 5 {
				t.Fatalf("%d users after refused additions, want 5", n)
			}
		})

		store, err := storage.Open(context.Background(), dsn, chain.Rules{})
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()

		t.Run("token", func(t *testing.T) {
			out := mustRun(t, "token", "create", "--db", dsn, "--email", "sanne@vt.example", "--name", "koppeling")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "skt_") || len(lines[0]) < 40 {
				t.Fatalf("token create printed %q, want one line with a skt_ token", out)
			}
			secret := lines[0]
			p, name, err := store.TokenProfessional(context.Background(), auth.HashSecret(secret))
			if err != nil || p.Email != "sanne@vt.example" || name != "koppeling" {
				t.Fatalf("the printed token does not work: %v %q %v", p.Email, name, err)
			}
			toks, err := store.Tokens(context.Background(), p.ID)
			if err != nil || len(toks) != 1 {
				t.Fatalf("tokens %v, %v", toks, err)
			}
			list := mustRun(t, "token", "list", "--db", dsn, "--email", "sanne@vt.example")
			if !strings.Contains(list, "koppeling") || !strings.Contains(list, "active") || strings.Contains(list, secret) {
				t.Fatalf("token list printed %q", list)
			}
			out = mustRun(t, "token", "revoke", "--db", dsn, "--id", fmt.Sprint(toks[0].ID))
			if !strings.Contains(out, "revoked") {
				t.Fatalf("token revoke printed %q", out)
			}
			if _, _, err := store.TokenProfessional(context.Background(), auth.HashSecret(secret)); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
				t.Fatalf("revoked token still works: %v", err)
			}
			if list := mustRun(t, "token", "list", "--db", dsn, "--email", "sanne@vt.example"); !strings.Contains(list, "revoked") {
				t.Fatalf("token list after revoking: %q", list)
			}
			code, _, errOut := runCLI(t, "token", "revoke", "--db", dsn, "--id", fmt.Sprint(toks[0].ID))
			if code != 1 || !strings.Contains(errOut, fmt.Sprint(toks[0].ID)) {
				t.Fatalf("revoking twice: exit %d, %q", code, errOut)
			}
			code, _, errOut = runCLI(t, "token", "create", "--db", dsn, "--email", "niemand@vt.example")
			if code != 1 || !strings.Contains(errOut, "niemand@vt.example") {
				t.Fatalf("token for an unknown account: exit %d, %q", code, errOut)
			}
		})

		t.Run("disable", func(t *testing.T) {
			secret := strings.TrimSpace(mustRun(t, "token", "create", "--db", dsn, "--email", "fatma@jb.example"))
			out := mustRun(t, "user", "disable", "--db", dsn, "--email", "FATMA@jb.example")
			if !strings.Contains(out, "disabled fatma@jb.example") {
				t.Fatalf("user disable printed %q", out)
			}
			if f := findUser(listUsers(t, dsn), "fatma@jb.example"); f == nil || f.Active {
				t.Fatalf("after disabling: %+v", f)
			}
			if _, _, err := store.TokenProfessional(context.Background(), auth.HashSecret(secret)); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
				t.Fatalf("the disabled account's token still works: %v", err)
			}
			code, _, errOut := runCLI(t, "token", "create", "--db", dsn, "--email", "fatma@jb.example")
			if code != 1 || !strings.Contains(errOut, "disabled") {
				t.Fatalf("token for a disabled account: exit %d, %q", code, errOut)
			}
			code, _, errOut = runCLI(t, "user", "disable", "--db", dsn, "--email", "niemand@jb.example")
			if code != 1 || !strings.Contains(errOut, "niemand@jb.example") {
				t.Fatalf("disabling an unknown account: exit %d, %q", code, errOut)
			}
		})

		t.Run("audit verify", func(t *testing.T) {
			// The commands above wrote their entries unsealed; no serve
			// runs to seal them.
			out := mustRun(t, "audit", "verify", "--db", dsn)
			if !regexp.MustCompile(`audit trail intact: \d+ entries\n[1-9]\d* entries not yet sealed, oldest \d+ s`).MatchString(out) {
				t.Fatalf("audit verify before sealing printed %q", out)
			}
			out = mustRun(t, "audit", "seal", "--db", dsn)
			if !regexp.MustCompile(`^sealed [1-9]\d* entries \(0 void: .*\); head \d+:[0-9a-f]{64}\n$`).MatchString(out) {
				t.Fatalf("audit seal printed %q", out)
			}
			out = mustRun(t, "audit", "verify", "--db", dsn)
			m := regexp.MustCompile(`audit trail intact: (\d+) entries`).FindStringSubmatch(out)
			if m == nil || m[1] == "0" || strings.Contains(out, "not yet sealed") {
				t.Fatalf("audit verify printed %q", out)
			}
			// The head, to keep outside; verifying against it.
			head := strings.TrimSpace(mustRun(t, "audit", "head", "--db", dsn))
			if !regexp.MustCompile(`^\d+:[0-9a-f]{64}$`).MatchString(head) {
				t.Fatalf("audit head printed %q", head)
			}
			if out := mustRun(t, "audit", "verify", "--db", dsn, "--anchor", head); !strings.Contains(out, "1 anchors match") {
				t.Fatalf("audit verify --anchor printed %q", out)
			}
			if code, _, errOut := runCLI(t, "audit", "verify", "--db", dsn, "--anchor", "12"); code != 2 || !strings.Contains(errOut, "seq:hash") {
				t.Fatalf("a malformed anchor: exit %d, %q", code, errOut)
			}
			// Tamper with entry 2 as someone with database access could.
			raw := rawDB(t, engine, dsn)
			if engine == storage.Postgres {
				_, err = raw.Exec(`DROP TRIGGER audit_log_no_update ON audit_log`)
			} else {
				_, err = raw.Exec(`DROP TRIGGER audit_log_no_update`)
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec(`UPDATE audit_log SET detail = 'niets aan de hand' WHERE seq = 2`); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCLI(t, "audit", "verify", "--db", dsn)
			if code != 3 {
				t.Fatalf("audit verify after tampering: exit %d, want 3\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			if !strings.Contains(errOut, "entry 2") {
				t.Fatalf("the broken entry is not named: %q", errOut)
			}
		})
	})
}

// TestDemoCommand loads the demo region once.
func TestDemoCommand(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "demo.db")
	out := mustRun(t, "demo", "--db", dsn)
	if !strings.Contains(out, "loaded "+demo.RegionName) {
		t.Fatalf("demo printed %q", out)
	}
	out = mustRun(t, "demo", "--db", dsn)
	if !strings.Contains(out, "already loaded") {
		t.Fatalf("second demo printed %q", out)
	}
	if n := len(listUsers(t, dsn)); n != len(demo.Accounts()) {
		t.Fatalf("%d users after loading the demo, want %d", n, len(demo.Accounts()))
	}
}

// TestServeGracefulShutdown starts the server, holds a request in flight,
// stops the server and checks that the request is answered and the
// command exits 0.
func TestServeGracefulShutdown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "serve.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", path, "--demo", "--log-level", "warn"}, &out, &errOut)
	}()

	m := out.waitFor(t, regexp.MustCompile(`Schakel draait op (http://\S+)`), done)
	base := m[1]
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), demo.Email("Sanne", "vt")) {
		t.Fatalf("--demo did not print the demo accounts:\n%s", out.String())
	}
	// The running sealer chains what the demo wrote within a second or so.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		v := mustRun(t, "audit", "verify", "--db", path)
		if !strings.Contains(v, "not yet sealed") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve's sealer left the trail unsealed: %q", v)
		}
	}

	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/healthz: %s", resp.Status)
	}

	// A login whose body is still on its way: the handler is running
	// (the server asked for the body with 100 Continue) when the stop
	// signal comes.
	body := url.Values{"email": {demo.Email("Sanne", "vt")}, "password": {demo.Password}}.Encode()
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"+
		"Content-Length: %d\r\nExpect: 100-continue\r\n\r\n", u.Host, len(body))
	br := bufio.NewReader(conn)
	status, err := br.ReadString('\n')
	if err != nil || !strings.Contains(status, "100 Continue") {
		t.Fatalf("waiting for 100 Continue: %q, %v", status, err)
	}
	if blank, err := br.ReadString('\n'); err != nil || blank != "\r\n" {
		t.Fatalf("after 100 Continue: %q, %v", blank, err)
	}

	cancel()
	// Wait until the server stopped accepting connections: shutdown has
	// begun while the login is still in flight.
	for deadline := time.Now().Add(time.Minute); ; {
		c, err := net.Dial("tcp", u.Host)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections after the stop signal")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case code := <-done:
		t.Fatalf("run returned %d while a request was in flight", code)
	default:
	}

	if _, err := io.WriteString(conn, body); err != nil {
		t.Fatalf("sending the rest of the request: %v", err)
	}
	resp, err = http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Set-Cookie") == "" {
		t.Fatalf("the login in flight got %s (cookie %q), want 303 with a session", resp.Status, resp.Header.Get("Set-Cookie"))
	}

	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d after the stop signal\nstderr: %s", code, errOut.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not return after the stop signal")
	}
	// The sealer stops last and seals what requests wrote during the
	// shutdown, the login in flight included.
	if v := mustRun(t, "audit", "verify", "--db", path); strings.Contains(v, "not yet sealed") {
		t.Fatalf("entries left unsealed after serve stopped: %q", v)
	}

	// A second start on the same database with --demo starts normally.
	ctx2, cancel2 := context.WithCancel(context.Background())
	done2 := make(chan int, 1)
	var out2, errOut2 syncBuffer
	go func() {
		done2 <- run(ctx2, []string{"serve", "--addr", "127.0.0.1:0", "--db", path, "--demo"}, &out2, &errOut2)
	}()
	out2.waitFor(t, regexp.MustCompile(`Schakel draait op http://`), done2)
	cancel2()
	if code := <-done2; code != 0 {
		t.Fatalf("second serve exited %d: %s", code, errOut2.String())
	}
}

func TestServeRefusesBusyAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	code, _, errOut := runCLI(t, "serve", "--addr", ln.Addr().String(), "--db", filepath.Join(t.TempDir(), "x.db"))
	if code != 1 || !strings.Contains(errOut, "address already in use") {
		t.Fatalf("serve on a busy address: exit %d, %q", code, errOut)
	}
}
