package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"schakel/internal/demo"
	"schakel/internal/storage"
)

// runDemoHistory generates a synthetic national chain history with a
// progress bar on errOut, and prints what it made.
func runDemoHistory(ctx context.Context, store *storage.DB, families, years int, seed uint64, out, errOut io.Writer) error {
	if families < 0 || years <= 0 || years > 50 {
		return fmt.Errorf("--families must be positive and --years between 1 and 50")
	}
	start := time.Now()
	bar := func(done, total int) {
		const width = 40
		frac := float64(done) / float64(total)
		filled := int(frac * width)
		el := time.Since(start)
		eta := ""
		if done > 0 && done < total {
			eta = fmt.Sprintf(", nog ongeveer %s", (time.Duration(float64(el)/frac) - el).Round(time.Second))
		}
		fmt.Fprintf(errOut, "\r[%s%s] %3.0f%%  %d/%d gezinnen  %s%s   ", strings.Repeat("#", filled), strings.Repeat(".", width-filled),
			frac*100, done, total, el.Round(time.Second), eta)
	}
	st, err := demo.LoadNational(ctx, store, demo.NationalOptions{
		Families: families, Years: years, Seed: seed, Progress: bar,
		Step: func(s string) { fmt.Fprintf(errOut, "\r%-100s", "opbouwen: "+s) },
	})
	fmt.Fprintln(errOut)
	if err != nil {
		return err
	}
	took := time.Since(start)
	size, err := store.StorageSize(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "generated %d families, %d cases, %d chain events, %d phase runs in %d regions over %d years in %s (%.0f events/s); database size %.1f MB\n",
		st.Families, st.Cases, st.Events, st.Phases, st.Regions, years, took.Round(time.Millisecond), float64(st.Events)/took.Seconds(), float64(size)/1e6)
	fmt.Fprintf(out, "%d placement-prevention reviews in %s; the pattern report is at /plaatsingstafels/patronen\n", st.Reviews, demo.RegionName)
	fmt.Fprintf(out, "%d care requests by need in %s; the waiting times are at /zorgvragen/wachttijden\n", st.CareRequests, demo.RegionName)
	fmt.Fprintf(out, "%d contact moments with families in the last two years; the cohort comparison on /dashboard counts them\n", st.Contacts)
	fmt.Fprintf(out, "demo accounts as for `schakel demo` (password %q); the dashboard is at /dashboard\n", demo.Password)
	return nil
}
