package attack_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"schakel"
	"schakel/internal/storage"
)

// filed is the part of a filed report the attacks read.
type filed struct {
	ID       int64 `json:"id"`
	CaseID   int64 `json:"case_id"`
	FamilyID int64 `json:"family_id"`
	Rating   struct {
		ID int64 `json:"id"`
	} `json:"rating"`
	Matches []struct {
		FamilyID int64 `json:"family_id"`
	} `json:"matches"`
}

// proposes reports whether f proposes a match with family.
func (f filed) proposes(family int64) bool {
	for _, m := range f.Matches {
		if m.FamilyID == family {
			return true
		}
	}
	return false
}

func TestRaces(t *testing.T) {
	eachTarget(t, func(t *testing.T, tg *target) {
		sanne := tg.bearer(t, intaker)
		linda := tg.bearer(t, teamLead)
		seed := uint64(1000)
		next := func() uint64 { seed++; return seed }

		probe(t, tg, "a reused idempotency key with another body is a conflict", func(t *testing.T, c checker) {
			for round := range 3 {
				key, base := fmt.Sprintf("attack-race-%d", round), next()
				results := make([]response, 6)
				race(len(results), func(i int) {
					rep := report(base)
					rep.Narrative = fmt.Sprintf("Versie %d van dezelfde melding.", i)
					results[i] = sanne.postJSON(c, "/api/v1/reports", rep, http.Header{"Idempotency-Key": {key}})
				})
				created := 0
				for _, r := range results {
					switch r.status {
					case http.StatusCreated:
						created++
					case http.StatusConflict:
						if code, _, _ := r.problem(c); code != schakel.ECONFLICT {
							c.Errorf("conflict with code %q", code)
						}
					default:
						c.Errorf("round %d: status %d", round, r.status)
					}
				}
				if created != 1 {
					c.Errorf("round %d: %d of %d different bodies under one key were filed, want 1", round, created, len(results))
				}
			}
		})

		probe(t, tg, "a report resent at the same moment is filed once", func(t *testing.T, c checker) {
			rep := report(next())
			results := make([]filed, 6)
			race(len(results), func(i int) {
				r := sanne.postJSON(c, "/api/v1/reports", rep, http.Header{"Idempotency-Key": {"attack-resend"}})
				if r.status != http.StatusCreated {
					c.Errorf("resend %d: status %d", i, r.status)
					return
				}
				decode(c, r, &results[i])
			})
			for i, f := range results {
				if f.ID != results[0].ID {
					c.Errorf("resend %d filed report %d, the first %d", i, f.ID, results[0].ID)
				}
			}
		})

		for _, withBSN := range []bool{true, false} {
			name := "one child reported twice at once is one case"
			if !withBSN {
				name = "one child without a BSN reported twice at once is proposed as a match"
			}
			probe(t, tg, name, func(t *testing.T, c checker) { sameChildRace(c, sanne, next, withBSN) })
		}

		probe(t, tg, "a second opinion on the rules' proposal is a conflict", func(t *testing.T, c checker) {
			r := sanne.postJSON(c, "/api/v1/reports", report(next()), nil)
			var f filed
			decode(c, r, &f)
			for _, approve := range []bool{true, false} {
				r := linda.postJSON(c, fmt.Sprintf("/api/v1/cases/%d/ratings/%d/second", f.CaseID, f.Rating.ID), map[string]bool{"approve": approve}, nil)
				if code, _, _ := r.problem(c); r.status != http.StatusConflict || code != schakel.ECONFLICT {
					c.Errorf("approve=%v: status %d, code %q", approve, r.status, code)
				}
			}
		})

		probe(t, tg, "a client that goes away is not an error", func(t *testing.T, c checker) {
			clientGoesAway(t, c, tg, sanne)
		})
	})
}

// sameChildRace files two reports on one new child at the same moment,
// ten times: a race that holds by luck in all ten is very unlikely. With a
// BSN both join one family and case; without one, matching on name and
// birth date only proposes the link (a professional confirms it), so the
// report that comes second must propose the first one's family.
func sameChildRace(c checker, as *client, next func() uint64, withBSN bool) {
	for pair := range 10 {
		base := next()
		results := make([]filed, 2)
		race(2, func(i int) {
			rep := report(base)
			if !withBSN {
				rep.Children[0].BSN = ""
			}
			rep.Narrative = fmt.Sprintf("Melding %d over hetzelfde kind.", i)
			r := as.postJSON(c, "/api/v1/reports", rep, nil)
			if r.status != http.StatusCreated {
				c.Errorf("pair %d, report %d: status %d", pair, i, r.status)
				return
			}
			decode(c, r, &results[i])
		})
		a, b := results[0], results[1]
		switch {
		case withBSN && (a.CaseID != b.CaseID || a.FamilyID != b.FamilyID):
			c.Errorf("pair %d: one child became cases %d and %d (families %d and %d)", pair, a.CaseID, b.CaseID, a.FamilyID, b.FamilyID)
		case !withBSN && a.FamilyID != b.FamilyID && !a.proposes(b.FamilyID) && !b.proposes(a.FamilyID):
			c.Errorf("pair %d: families %d and %d were filed without seeing each other", pair, a.FamilyID, b.FamilyID)
		}
	}
}

// clientGoesAway sends an audited read while every database connection is
// taken, hangs up while it waits, and checks that the server neither logs
// an error nor counts a 500.
func clientGoesAway(t *testing.T, c checker, tg *target, as *client) {
	r := as.postJSON(c, "/api/v1/reports", report(99), nil)
	var f filed
	decode(c, r, &f)
	logStart := len(tg.logs.String())
	release := holdWritePool(c, tg.db)
	defer release()
	waits := tg.db.WriteStats().WaitCount
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/api/v1/cases/%d", tg.url, f.CaseID), nil)
	if err != nil {
		c.Fatalf("%v", err)
	}
	req.Header.Set("Authorization", "Bearer "+as.token)
	done := make(chan error, 1)
	go func() {
		res, err := (&http.Transport{}).RoundTrip(req)
		if err == nil {
			res.Body.Close()
		}
		done <- err
	}()
	poll(c, "the request waits for a connection", func() bool { return tg.db.WriteStats().WaitCount > waits })
	cancel()
	if err := <-done; err == nil {
		c.Errorf("the request was answered although every connection was taken")
	}
	metrics := tg.anonymous()
	const route = `route="GET /api/v1/cases/{id}"`
	poll(c, "the request is counted", func() bool { return strings.Contains(metrics.get(c, "/metrics").body, route) })
	release()
	m := metrics.get(c, "/metrics").body
	if !strings.Contains(m, `schakel_http_requests_total{code="499",`+route+`} 1`) || strings.Contains(m, `code="500"`) {
		c.Errorf("the metrics do not count the request as 499 only")
	}
	if logs := tg.logs.String()[logStart:]; strings.Contains(logs, "internal error") || !strings.Contains(logs, "client went away") {
		c.Errorf("a client that went away was logged as an error, or not at all")
	}
}

// holdWritePool keeps every connection of the writing pool in an open
// transaction until release is called.
func holdWritePool(c checker, db *storage.DB) (release func()) {
	n := db.WriteStats().MaxOpenConnections
	held, stop := make(chan struct{}, n), make(chan struct{})
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := db.Update(context.Background(), func(*storage.Tx) error {
				held <- struct{}{}
				<-stop
				return nil
			}); err != nil {
				c.Errorf("hold a connection: %v", err)
			}
		}()
	}
	for range n {
		<-held
	}
	var once sync.Once
	return func() { once.Do(func() { close(stop); wg.Wait() }) }
}
