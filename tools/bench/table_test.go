package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestEveryRowFindsItsBenchmark parses output in the form go test prints
// for every benchmark the command runs, and the load test's, and checks
// that each row of the table finds its value and reference: a renamed
// metric (as scored/op once was shown under "candidates/op") fails here.
func TestEveryRowFindsItsBenchmark(t *testing.T) {
	bench := `BenchmarkIntake/sqlite-2   	     492	   2868142 ns/op	         2.838 cpu-ms/report	       348.7 reports/s
BenchmarkBareInsert/sqlite-2         	    1515	    941946 ns/op	         0.7237 cpu-ms/report	      1062 reports/s
BenchmarkIntakeInterleaved/sqlite-2         	    4000	    876527 ns/op	         0.3779 bare-cpu-ms	        12.26 bare-p99-ms	      2931 bare/s	         1.683 intake-cpu-ms	        39.87 intake-p99-ms	       758.2 intake/s	         0.2587 ratio
BenchmarkAuditedRead/sqlite/audited-2         	    1695	    631508 ns/op
BenchmarkAuditedRead/sqlite/unaudited-2       	    6531	    195764 ns/op
BenchmarkAuditSealLag/sqlite-2 	    9000	    120000 ns/op	   310.0 max-age-ms	   250.0 p99-age-ms	   40.0 p50-age-ms	  8000 reads/s	         0 voids
BenchmarkMatching/sqlite-2                    	    6328	    165338 ns/op	        12.77 candidates/op	         0 capped	         0.1958 cpu-ms/match	         0.1150 p50-ms	         0.9480 p99-ms	    100000 persons	         1.000 recall	         4.698 scored/op
BenchmarkCaseWorkspace/sqlite/batched-2       	      93	  17575122 ns/op	         8.000 queries/op
BenchmarkCaseWorkspace/sqlite/direct-2        	     100	  12118505 ns/op	        29.00 queries/op
`
	load := func(reqs, p99 string) string {
		return "== sqlite ==\nreq/s       " + reqs + "\np99         " + p99 + " ms\n-- intake: POST /api/v1/reports --\nreq/s       55\np99         1682.15 ms\n"
	}
	r := results{}
	r.parseBenchmarks(bench)
	r.parseLoad(load("3524", "79.13"), "me", "intake-http")
	r.parseLoad(load("463", "513.8"), "case-http", "")
	r.parseLoad(load("470", "505.1"), "case-unaudited-http", "")
	for _, x := range rows {
		t.Run(strings.TrimSpace(x.figure), func(t *testing.T) {
			if _, ok := r[fmt.Sprintf(x.value, "sqlite")]; !ok {
				t.Errorf("no value under %q", fmt.Sprintf(x.value, "sqlite"))
			}
			if x.reference != "" {
				if _, ok := r[fmt.Sprintf(x.reference, "sqlite")]; !ok {
					t.Errorf("no reference under %q", fmt.Sprintf(x.reference, "sqlite"))
				}
			}
		})
	}
}
