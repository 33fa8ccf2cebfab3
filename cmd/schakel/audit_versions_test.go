package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
)

// TestAuditVerifyMixedTrail runs `schakel audit verify` on a database that
// holds a trail written before audit format version 2, before and after the
// command line appended version 2 entries as the system, and on a copy of the
// old trail with one entry changed.
func TestAuditVerifyMixedTrail(t *testing.T) {
	inTempDir(t)
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			trail := storagetest.LoadAuditV1(t)
			dsn := storagetest.DatabaseWithTrail(t, e, trail)
			out := mustRun(t, "audit", "verify", "--db", dsn, "--anchor", trail.Head.String())
			if !strings.Contains(out, "audit trail intact: 75 entries, 1 anchors match") {
				t.Fatalf("old trail: %q", out)
			}
			t.Setenv("SCHAKEL_PASSWORD", "een-lang-genoeg-wachtwoord")
			mustRun(t, "user", "add", "--db", dsn, "--email", "nieuw@wijkteam.example", "--name", "Nieuw", "--org", "Wijkteam Nieuw",
				"--org-kind", "wijkteam", "--region", "Nieuwe regio", "--roles", "admin")
			mustRun(t, "user", "disable", "--db", dsn, "--email", "nieuw@wijkteam.example")
			mustRun(t, "audit", "seal", "--db", dsn)
			out = mustRun(t, "audit", "verify", "--db", dsn, "--anchor", trail.Head.String())
			m := regexp.MustCompile(`audit trail intact: (\d+) entries`).FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("mixed trail: %q", out)
			}
			if n, _ := strconv.Atoi(m[1]); n < 75+3 {
				t.Fatalf("mixed trail of %d entries, want the 75 old ones and the new organisation, account and disabling", n)
			}
			// The command line's entries are the system's, in version 2.
			raw := rawDB(t, e.Name, dsn)
			rows, err := raw.Query(`SELECT on_behalf_of, access_basis FROM audit_log WHERE seq > 75 AND format_version = 2 AND principal_kind = 'system' ORDER BY seq`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var got []string
			for rows.Next() {
				var who, basis string
				if err := rows.Scan(&who, &basis); err != nil {
					t.Fatal(err)
				}
				got = append(got, who+"/"+basis)
			}
			want := "schakel user add/system schakel user add/system schakel user disable/system"
			if strings.Join(got, " ") != want {
				t.Fatalf("system entries %v, want %s", got, want)
			}
		})
		t.Run(e.Name+"/tampered", func(t *testing.T) {
			trail := storagetest.LoadAuditV1(t)
			trail.Entries[29].Detail = "niets aan de hand"
			dsn := storagetest.DatabaseWithTrail(t, e, trail)
			code, out, errOut := runCLI(t, "audit", "verify", "--db", dsn)
			if code != 3 || !strings.Contains(errOut, "broken at entry 30") {
				t.Fatalf("tampered old trail: exit %d, want 3 naming entry 30\nstdout: %s\nstderr: %s", code, out, errOut)
			}
		})
	}
}
