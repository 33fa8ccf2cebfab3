package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDemoRestartIsHonest: `serve --demo` on a database that already holds
// the demo does not promise new families; it says they are as left, and
// names the file to remove to start again.
func TestDemoRestartIsHonest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "restart.db")
	for i, want := range []string{"Drie verzonnen gezinnen staan klaar", "De demoregio was al geladen"} {
		ctx, cancel := context.WithCancel(context.Background())
		var out, errOut syncBuffer
		done := make(chan int, 1)
		go func() {
			done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", path, "--demo", "--log-level", "warn"}, &out, &errOut)
		}()
		out.waitFor(t, regexp.MustCompile(`Schakel draait op (http://\S+)`), done)
		cancel()
		if code := <-done; code != 0 {
			t.Fatalf("run %d: exit %d: %s", i+1, code, errOut.String())
		}
		if i == 1 && !strings.Contains(out.String(), "verwijder "+path+".") {
			t.Errorf("run 2 should name the file it was started with:\n%s", out.String())
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("run %d should say %q:\n%s", i+1, want, out.String())
		}
	}
}
