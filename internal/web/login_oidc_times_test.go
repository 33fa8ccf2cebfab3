package web_test

import (
	"net/http"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// TestOIDCLoginTimes measures whole logins through the test provider, as a
// browser makes them: the e-mail step, the provider's authorization, its
// login form and redirects, and Schakel's callback (code exchange, ID-token
// verification, session). It logs p50 and p99 and asserts no time.
//
//	SCHAKEL_MEASURE_LOGINS=200 go test ./internal/web -run TestOIDCLoginTimes -v
func TestOIDCLoginTimes(t *testing.T) {
	n, err := strconv.Atoi(os.Getenv("SCHAKEL_MEASURE_LOGINS"))
	if err != nil || n <= 0 {
		t.Skip("set SCHAKEL_MEASURE_LOGINS to the number of logins to measure")
	}
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			f := startSSO(t, e, func(*web.Config) {})
			times := make([]time.Duration, 0, n)
			for range n {
				start := time.Now()
				c, res := f.login(t, ssoWorker)
				times = append(times, time.Since(start))
				wantStatus(t, res, http.StatusSeeOther)
				if c.SessionCookie() == nil {
					t.Fatal("no session")
				}
			}
			slices.Sort(times)
			pct := func(p float64) time.Duration { return times[int(p*float64(len(times)-1))] }
			t.Logf("%s: %d logins through the provider: p50 %v, p99 %v, max %v", e.Name, n, pct(0.50).Round(10*time.Microsecond),
				pct(0.99).Round(10*time.Microsecond), times[len(times)-1].Round(10*time.Microsecond))
		})
	}
}
