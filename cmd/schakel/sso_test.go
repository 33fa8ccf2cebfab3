package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSSOCommand(t *testing.T) {
	engines(t, func(t *testing.T, engine, dsn string) {
		t.Setenv("SCHAKEL_PASSWORD", "een-lang-genoeg-wachtwoord")
		mustRun(t, "user", "add", "--db", dsn, "--email", "beheer@jb.example", "--name", "Marco Peters",
			"--org", "Jeugdbescherming Testregio", "--org-kind", "jeugdbescherming", "--region", "Testregio", "--roles", "admin", "--employee-number", "JB-1")
		if code, _, errOut := runCLI(t, "user", "add", "--db", dsn, "--email", "ander@jb.example", "--name", "Ander",
			"--org", "Jeugdbescherming Testregio", "--roles", "admin", "--employee-number", "JB-1"); code != 1 || !strings.Contains(errOut, "employee_number:") {
			t.Fatalf("a taken employee number: exit %d, %q", code, errOut)
		}
		out := mustRun(t, "sso", "set", "--db", dsn, "--org", "Jeugdbescherming Testregio", "--issuer", "https://login.jb.example",
			"--client-id", "schakel", "--secret-ref", "env:SCHAKEL_OIDC_SECRET_JB", "--domains", "jb.example, JB-West.example")
		if !strings.Contains(out, "logs in at https://login.jb.example for jb-west.example, jb.example") {
			t.Fatalf("sso set printed %q", out)
		}
		var p struct {
			Issuer    string   `json:"issuer"`
			SecretRef string   `json:"secret_ref"`
			Domains   []string `json:"domains"`
		}
		if err := json.Unmarshal([]byte(mustRun(t, "sso", "show", "--db", dsn, "--org", "Jeugdbescherming Testregio")), &p); err != nil || p.SecretRef != "env:SCHAKEL_OIDC_SECRET_JB" || len(p.Domains) != 2 {
			t.Fatalf("sso show: %+v %v", p, err)
		}
		// A secret given as such is refused with the field named.
		code, _, errOut := runCLI(t, "sso", "set", "--db", dsn, "--org", "Jeugdbescherming Testregio", "--issuer", "https://login.jb.example",
			"--client-id", "schakel", "--secret-ref", "hunter2", "--domains", "jb.example")
		if code != 1 || !strings.Contains(errOut, "secret_ref:") {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		if code, _, errOut := runCLI(t, "sso", "show", "--db", dsn, "--org", "Onbekend"); code != 1 || !strings.Contains(errOut, "no organisation") {
			t.Fatalf("unknown organisation: exit %d, %q", code, errOut)
		}
		mustRun(t, "sso", "remove", "--db", dsn, "--org", "Jeugdbescherming Testregio")
		if code, _, _ := runCLI(t, "sso", "show", "--db", dsn, "--org", "Jeugdbescherming Testregio"); code != 1 {
			t.Fatalf("show after remove: exit %d", code)
		}
	})
}
