package main

import (
	"os"
	"strings"
	"testing"
)

// TestBadEnvironmentValuesStopServe: a flag's environment default that
// does not parse stops serve before it opens anything, naming the variable
// and what it should be, instead of running with the built-in default.
func TestBadEnvironmentValuesStopServe(t *testing.T) {
	for _, tc := range []struct {
		key, value, want string
	}{
		{"SCHAKEL_SECURE_COOKIES", "yes", `SCHAKEL_SECURE_COOKIES="yes" is not a boolean (true or false)`},
		{"SCHAKEL_TRUST_PROXY", "1x", `SCHAKEL_TRUST_PROXY="1x" is not a boolean`},
		{"SCHAKEL_MAX_LOGIN_FAILURES", "five", `SCHAKEL_MAX_LOGIN_FAILURES="five" is not a whole number`},
		{"SCHAKEL_CRISIS_WITHIN", "4 uur", `SCHAKEL_CRISIS_WITHIN="4 uur" is not a duration`},
	} {
		t.Run(tc.key, func(t *testing.T) {
			dir := inTempDir(t)
			t.Setenv(tc.key, tc.value)
			code, _, errOut := runCLI(t, "serve", "-addr", "127.0.0.1:0")
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, errOut, tc.want)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 0 {
				t.Fatalf("a refused start created %v", entries)
			}
		})
	}
}
