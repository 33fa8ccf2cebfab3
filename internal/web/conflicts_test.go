package web_test

// Every conflict an answer: a reused Idempotency-Key with another body, a
// second opinion on any rating, and a client that goes away mid-request.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

func TestIdempotencyKeyRaceIsAConflict(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		sanne := ts.Bearer(vtIntake)
		const rounds, racers = 3, 6
		for round := range rounds {
			key := fmt.Sprintf("race-%d", round)
			bodies := make([][]byte, racers)
			for i := range bodies {
				rep := benchReport()
				rep.Finances = map[string]string{}
				rep.Narrative = fmt.Sprintf("Ronde %d, versie %d: buren hoorden geschreeuw.", round, i)
				bodies[i], _ = json.Marshal(rep)
			}
			results := make([]response, racers)
			start := make(chan struct{})
			var wg sync.WaitGroup
			for i := range racers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					results[i] = postReport(sanne, key, bodies[i])
				}()
			}
			close(start)
			wg.Wait()
			winner := -1
			for i, r := range results {
				switch r.StatusCode {
				case http.StatusCreated:
					if winner >= 0 {
						t.Fatalf("round %d: two different bodies under one key were both filed (%d and %d)", round, winner, i)
					}
					winner = i
				case http.StatusConflict:
					if p := r.Problem(t); p.Code != schakel.ECONFLICT {
						t.Errorf("round %d: conflict with code %q", round, p.Code)
					}
				default:
					t.Fatalf("round %d, racer %d: status %d\n%s", round, i, r.StatusCode, r.Body)
				}
			}
			if winner < 0 {
				t.Fatalf("round %d: no racer was filed", round)
			}
			// The winner's own body again: the first answer, replayed.
			var first, again struct {
				ID int64 `json:"id"`
			}
			results[winner].JSON(t, &first)
			r := postReport(sanne, key, bodies[winner])
			wantStatus(t, r, http.StatusCreated)
			r.JSON(t, &again)
			if again.ID != first.ID || r.Header.Get("Idempotent-Replayed") != "true" {
				t.Errorf("round %d: replay gave report %d (replayed %q), first %d", round, again.ID, r.Header.Get("Idempotent-Replayed"), first.ID)
			}
		}
	})
}

func postReport(c *client, key string, body []byte) response {
	c.t.Helper()
	req := c.ts.Anonymous()
	req.token = c.token
	req.Header = http.Header{"Idempotency-Key": {key}}
	return req.Do(http.MethodPost, "/api/v1/reports", bytes.NewReader(body), "application/json")
}

// A second opinion only means something on a lowering of red that waits
// for one. On the rules' proposal (no professional yet: rated_by is NULL)
// and on a colour a professional chose it is a clear conflict, never a 500,
// in the API and on the form.
func TestSecondOpinionOnEveryRating(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		proposed := ts.fileReport(t, vtIntake, false)
		if proposed.Rating.Status != schakel.RatingProposed {
			t.Fatalf("the intake's rating is %q, want proposed", proposed.Rating.Status)
		}
		chosen := ts.fileReport(t, vtIntake, false)
		sanneActor := &schakel.Actor{Professional: mustProfessional(t, ts, vtIntake), ClientAddr: "127.0.0.1"}
		g, _, err := app.New(ts.DB).RateCase(t.Context(), sanneActor, chosen.CaseID, chosen.Rating.Color, "", 0)
		if err != nil || g.Status != schakel.RatingConfirmed {
			t.Fatalf("confirm the proposal: %+v %v", g, err)
		}
		api := ts.Bearer(vtTeamLead)
		form := ts.Login(vtTeamLead)
		for _, tc := range []struct {
			name           string
			caseID, rating int64
			says           string
		}{
			{"proposed by the rules", proposed.CaseID, proposed.Rating.ID, "voorstel van de regels"},
			{"chosen by a professional", chosen.CaseID, g.ID, "wacht niet (meer) op een tweede professional"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				for _, approve := range []bool{true, false} {
					r := api.SendJSON(http.MethodPost, fmt.Sprintf("/api/v1/cases/%d/ratings/%d/second", tc.caseID, tc.rating), map[string]bool{"approve": approve})
					wantStatus(t, r, http.StatusConflict)
					if p := r.Problem(t); p.Code != schakel.ECONFLICT || !strings.Contains(p.Detail, tc.says) {
						t.Errorf("approve=%v: %+v", approve, p)
					}
				}
				for _, decision := range []string{"approve", "reject"} {
					r := form.PostForm(fmt.Sprintf("/casussen/%d/kleur/%d/tweede", tc.caseID, tc.rating), url.Values{"decision": {decision}})
					wantStatus(t, r, http.StatusConflict)
					wantContains(t, r, tc.says)
				}
			})
		}
		// The one rating that waits for a second professional still gets it.
		red := ts.fileReport(t, vtIntake, true)
		low, _, err := app.New(ts.DB).RateCase(t.Context(), sanneActor, red.CaseID, "orange", "Vader is aangehouden, moeder en kind zijn veilig bij oma.", 0)
		if err != nil || low.Status != schakel.RatingPendingSecond {
			t.Fatalf("lowering red: %+v %v", low, err)
		}
		r := api.SendJSON(http.MethodPost, fmt.Sprintf("/api/v1/cases/%d/ratings/%d/second", red.CaseID, low.ID), map[string]bool{"approve": true})
		wantStatus(t, r, http.StatusOK)
	})
}

// A client that goes away while its request waits for the database is not
// an internal error: the log says so at info level and the metrics count a
// 499, never a 500.
func TestClientThatGoesAwayIsNoError(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		filed := ts.fileReport(t, vtIntake, false)
		token, _ := ts.CreateToken(vtIntake)
		metrics := ts.Anonymous()

		// Take every connection of the writing pool, so that the next
		// audited read waits for one.
		release := holdWritePool(t, ts.DB)
		defer release()
		waits := ts.DB.WriteStats().WaitCount
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/api/v1/cases/%d", ts.URL, filed.CaseID), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		done := make(chan error, 1)
		go func() {
			res, err := (&http.Transport{}).RoundTrip(req)
			if err == nil {
				res.Body.Close()
			}
			done <- err
		}()
		poll(t, "the request waits for a database connection", func() bool { return ts.DB.WriteStats().WaitCount > waits })
		cancel()
		if err := <-done; err == nil {
			t.Fatal("the request got an answer although every connection was taken")
		}
		const route = `route="GET /api/v1/cases/{id}"`
		poll(t, "the server counts the request", func() bool { return strings.Contains(metrics.Get("/metrics").Body, route) })
		release()
		if m := metrics.Get("/metrics").Body; !strings.Contains(m, `schakel_http_requests_total{code="499",`+route+`} 1`) {
			t.Errorf("the request is not counted as 499:\n%s", grepLines(m, route))
		}

		logs := ts.Logs.String()
		if strings.Contains(logs, "internal error") || strings.Contains(logs, "level=ERROR") {
			t.Errorf("a client that went away was logged as an error:\n%s", logs)
		}
		if !strings.Contains(logs, "client went away") {
			t.Errorf("the log does not say the client went away:\n%s", logs)
		}
		if m := metrics.Get("/metrics").Body; strings.Contains(m, `code="500"`) {
			t.Errorf("a 500 was counted")
		}
	})
}

// holdWritePool keeps every connection of db's writing pool in an open
// transaction until the returned function is called (once or more).
func holdWritePool(t *testing.T, db *storage.DB) (release func()) {
	t.Helper()
	n := db.WriteStats().MaxOpenConnections
	held := make(chan struct{}, n)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.Update(context.Background(), func(*storage.Tx) error {
				held <- struct{}{}
				<-stop
				return nil
			})
			if err != nil {
				t.Errorf("hold a connection: %v", err)
			}
		}()
	}
	for range n {
		<-held
	}
	var once sync.Once
	return func() {
		once.Do(func() { close(stop); wg.Wait() })
	}
}

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for line := range strings.Lines(s) {
		if strings.Contains(line, sub) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "")
}

// poll waits until cond holds, failing the test after ten seconds.
func poll(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
