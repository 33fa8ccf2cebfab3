package mailer

import (
	"errors"
	"strings"
	"testing"
)

// brokenWriter fails every write, like a full disk or a closed pipe.
type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestWriteQPReportsTheWritersError: the encoder buffers a line and writes
// it on Close, so both the write's and the close's errors must come back.
func TestWriteQPReportsTheWritersError(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"short text, written on Close", "Kort."},
		{"long text, written while encoding", strings.Repeat("Een lange regel zonder einde. ", 20)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := writeQP(brokenWriter{}, tc.text); err == nil || !strings.Contains(err.Error(), "broken pipe") {
				t.Errorf("writeQP = %v, want the writer's error", err)
			}
		})
	}
}
