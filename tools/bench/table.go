package main

import (
	"fmt"
	"os"
	"text/tabwriter"
)

// row is one figure of the table: a value, its reference and the
// goal, per engine.
type row struct {
	figure, value, reference, unit, goal string
	// ratio divides value by reference; inverse reads "higher is better"
	// figures (throughput) the same way as times.
	ratio bool
}

var rows = []row{
	{"intake, 20 clients vs bare insert", "Intake/%s/reports/s", "BareInsert/%s/reports/s", "reports/s", "≥ 0.5×", true},
	{"  the same, in alternating rounds on one database", "IntakeInterleaved/%s/intake/s", "IntakeInterleaved/%s/bare/s", "reports/s", "≥ 0.5×", true},
	{"GET case over HTTP vs /me, 50 clients", "case-http/%s/req/s", "me/%s/req/s", "req/s", "≥ 0.7×", true},
	{"  p99 of GET case", "case-http/%s/p99", "", "ms", "≤ 100 ms", false},
	{"  vs the same GET without access check and audit", "case-http/%s/req/s", "case-unaudited-http/%s/req/s", "req/s", "", true},
	{"audited vs unaudited case read", "AuditedRead/%s/audited/ns/op", "AuditedRead/%s/unaudited/ns/op", "ns/op", "≤ 1.3×", true},
	{"oldest unsealed audit entry, 20 readers: p99", "AuditSealLag/%s/p99-age-ms", "", "ms", "", false},
	{"  the same, largest sampled", "AuditSealLag/%s/max-age-ms", "", "ms", "", false},
	{"intake over HTTP, 20 clients, p99", "intake-http/%s/p99", "", "ms", "≤ 250 ms", false},
	{"case page 50/500/200: time (vs one by one)", "CaseWorkspace/%s/batched/ns/op", "CaseWorkspace/%s/direct/ns/op", "ns/op", "≤ 30 ms", true},
	{"  statements (vs one by one)", "CaseWorkspace/%s/batched/queries/op", "CaseWorkspace/%s/direct/queries/op", "queries", "≤ 10", true},
	{"matching, p50", "Matching/%s/p50-ms", "", "ms", "", false},
	{"matching, p99", "Matching/%s/p99-ms", "", "ms", "≤ 5 ms", false},
	{"  processor time per match (this process)", "Matching/%s/cpu-ms/match", "", "ms", "", false},
	{"  candidates read per match", "Matching/%s/candidates/op", "", "", "", false},
	{"  candidates scored per match (the plausible ones)", "Matching/%s/scored/op", "", "", "", false},
	{"  share of matches with a capped key", "Matching/%s/capped", "", "", "", false},
	{"  recall (typo + swapped, no tussenvoegsel)", "Matching/%s/recall", "", "", "as today's tests", false},
}

func printTable(r results, engines []string) {
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "figure\tengine\tvalue\treference\tratio\tgoal")
	for _, x := range rows {
		for _, e := range engines {
			v, ok := r[fmt.Sprintf(x.value, e)]
			val, ref, ratio := "—", "", ""
			if ok {
				val = format(v, x.unit)
			}
			if x.reference != "" {
				if rv, rok := r[fmt.Sprintf(x.reference, e)]; rok {
					ref = format(rv, x.unit)
					if ok && rv != 0 {
						ratio = fmt.Sprintf("%.2f×", v/rv)
					}
				}
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", x.figure, e, val, ref, ratio, x.goal)
		}
	}
	w.Flush()
}

// format shows ns/op as milliseconds.
func format(v float64, unit string) string {
	switch unit {
	case "ns/op":
		return fmt.Sprintf("%.2f ms", v/1e6)
	case "":
		return fmt.Sprintf("%.3f", v)
	}
	return fmt.Sprintf("%.1f %s", v, unit)
}
