package main

import "testing"

func TestGCPercent(t *testing.T) {
	for _, tc := range []struct {
		name, gogc string
		want       int
		set        bool
	}{
		{"unset: serve's own", "", serveGCPercent, true},
		{"the operator's number", "50", 0, false},
		{"the operator turned it off", "off", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, set := gcPercent(func(k string) string {
				if k == "GOGC" {
					return tc.gogc
				}
				return ""
			})
			if got != tc.want || set != tc.set {
				t.Errorf("gcPercent with GOGC=%q = %d, %v; want %d, %v", tc.gogc, got, set, tc.want, tc.set)
			}
		})
	}
}
