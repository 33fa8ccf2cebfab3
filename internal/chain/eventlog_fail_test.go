package chain_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"schakel/internal/chain"
)

// fullDisk takes n bytes and then fails every write.
type fullDisk struct{ n int }

var errFull = errors.New("no space left on device")

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) > d.n {
		w := d.n
		d.n = 0
		return w, errFull
	}
	d.n -= len(p)
	return len(p), nil
}

// TestEventLogReportsAFailedWrite: when the writer under an event log
// fails (a full disk, a client gone), Write or Close returns its error, in
// both formats and wherever the failure falls (inside an escaped value or
// between them).
func TestEventLogReportsAFailedWrite(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	row := chain.LogRow{Case: "c-<1>", Activity: chain.ReportReceived, At: at, OrganisationKind: "veilig_thuis",
		Organisation: 3, Region: 1, Municipality: strings.Repeat("Rotterdam & omstreken ", 40)}
	formats := map[string]func(io.Writer) (chain.LogWriter, error){"csv": chain.NewCSVLog, "xes": chain.NewXESLog}
	for name, open := range formats {
		for _, room := range []int{0, 100, 70_000, 150_003} {
			t.Run(name, func(t *testing.T) {
				lw, err := open(&fullDisk{n: room})
				for i := 0; i < 400 && err == nil; i++ {
					row.Case = "c-<" + strings.Repeat("x", i%7) + ">"
					err = lw.Write(row)
				}
				if err == nil {
					err = lw.Close()
				}
				if !errors.Is(err, errFull) {
					t.Fatalf("room %d: error %v, want the writer's", room, err)
				}
			})
		}
	}
}
