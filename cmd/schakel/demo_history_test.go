package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoHistoryCommand generates a small national history with the
// progress bar, and refuses bad sizes and a second history.
func TestDemoHistoryCommand(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "history.db")
	code, out, errOut := runCLI(t, "demo", "--db", dsn, "--families", "500", "--years", "2", "--seed", "9")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "generated 500 families") || !strings.Contains(out, "database size") {
		t.Errorf("stdout %q", out)
	}
	if !strings.Contains(errOut, "100%") || !strings.Contains(errOut, "500/500 gezinnen") {
		t.Errorf("no progress bar in %q", errOut)
	}
	if code, _, errOut := runCLI(t, "demo", "--db", dsn, "--families", "10"); code != 1 || !strings.Contains(errOut, "already holds a generated history") {
		t.Errorf("second history: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "demo", "--db", filepath.Join(t.TempDir(), "x.db"), "--families", "10", "--years", "0"); code != 1 || !strings.Contains(errOut, "--years") {
		t.Errorf("zero years: exit %d, %q", code, errOut)
	}
}
