package main

import "runtime/debug"

// serveGCPercent is how much the heap of serve may grow over what is live
// before the garbage collector runs again, unless GOGC says otherwise.
// With the Go default of 100, collection took about a quarter of the
// processor time of reading cases over HTTP (pprof of BenchmarkAPI).
// tools/loadtest/run.sh on 2 cores, GET a case from 50 clients and then
// the intake from 20: with 200, 5-6 % more reads/s and 5-10 % more
// reports/s on both engines, at 40-45 MiB more peak memory (156-182 MiB
// against 118-136); with 400 the peak passed 270 MiB for 8 % more reads/s.
const serveGCPercent = 200

// gcPercent returns the garbage collector's setting for serve, and false
// when the operator set GOGC (the runtime then already follows it).
func gcPercent(getenv func(string) string) (int, bool) {
	if getenv("GOGC") != "" {
		return 0, false
	}
	return serveGCPercent, true
}

// tuneGC applies gcPercent.
func tuneGC(getenv func(string) string) {
	if p, ok := gcPercent(getenv); ok {
		debug.SetGCPercent(p)
	}
}
