package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestCheckLoopback(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://127.5.6.7", true},
		{"http://[::1]:8080", true},
		{"http://localhost:8080", true},
		{"https://LOCALHOST", true},
		{"http://10.0.0.1:8080", false},
		{"http://example.org", false},
		{"http://127.0.0.1.nip.io", false},
		{"http://0.0.0.0:8080", false},
		{"ftp://127.0.0.1", false},
		{"http://user:pw@127.0.0.1", false},
		{"127.0.0.1:8080", false},
	} {
		u, err := url.Parse(tc.url)
		if err != nil {
			if tc.ok {
				t.Errorf("%s: %v", tc.url, err)
			}
			continue
		}
		if err := checkLoopback(u); (err == nil) != tc.ok {
			t.Errorf("checkLoopback(%s) = %v, want ok=%v", tc.url, err, tc.ok)
		}
	}
}

func TestParseFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-url", "http://192.168.1.1"},
		{"-d", "6m"},
		{"-d", "0s"},
		{"-c", "0"},
		{"-n", "-1"},
		{"-path", "api/v1/me"},
		{"-token", "a", "-token-file", "/dev/null"},
		{"stray"},
	} {
		if _, err := parseFlags(args); err == nil {
			t.Errorf("parseFlags(%q) accepted", args)
		}
	}
	cfg, err := parseFlags(nil)
	if err != nil || cfg.clients != 50 || cfg.duration != 10*time.Second || cfg.path != "/api/v1/me" {
		t.Errorf("defaults = %+v, %v", cfg, err)
	}
}

func TestRun(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" || r.URL.Path != "/api/v1/me" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		if n.Add(1) == 7 {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	res := run(context.Background(), config{base: u, path: "/api/v1/me", token: "tok", clients: 4, total: 100, timeout: time.Second})
	if res.count != 100 || res.errors != 1 || res.statuses[200] != 99 || res.statuses[500] != 1 {
		t.Errorf("run = count %d errors %d statuses %v", res.count, res.errors, res.statuses)
	}
	if res.percentile(0.5) <= 0 || res.percentile(0.99) < res.percentile(0.5) {
		t.Errorf("percentiles: p50 %v p99 %v", res.percentile(0.5), res.percentile(0.99))
	}
	res = run(context.Background(), config{base: u, path: "/api/v1/me", token: "tok", clients: 2, duration: 200 * time.Millisecond, timeout: time.Second})
	if res.count == 0 || res.errors != 0 {
		t.Errorf("duration run: %d requests, %d errors", res.count, res.errors)
	}
}

// TestExpandBodyDiffersPerRequest fills the intake's template for many
// requests: nothing is left unfilled, and the parents' birth dates and the
// first words of their given names (what matching's keys are made of)
// vary, so that matching meets what it meets in reality rather than one
// parent reported a thousand times.
func TestExpandBodyDiffersPerRequest(t *testing.T) {
	tmpl, err := os.ReadFile("report.json")
	if err != nil {
		t.Fatal(err)
	}
	const requests = 1000
	dates, firstNames := map[string]bool{}, map[string]bool{}
	for n := int64(1); n <= requests; n++ {
		body := expandBody(string(tmpl), n, 5)
		if strings.Contains(body, "{{") {
			t.Fatalf("request %d: a placeholder is left: %s", n, body)
		}
		var r struct {
			Adults []struct {
				GivenNames string `json:"given_names"`
				BirthDate  string `json:"birth_date"`
			} `json:"adults"`
		}
		if err := json.Unmarshal([]byte(body), &r); err != nil || len(r.Adults) != 1 {
			t.Fatalf("request %d: %v, %d adults", n, err, len(r.Adults))
		}
		dates[r.Adults[0].BirthDate] = true
		firstNames[strings.Fields(r.Adults[0].GivenNames)[0]] = true
	}
	if len(dates) < requests*99/100 || len(firstNames) < requests/10 {
		t.Errorf("%d requests gave %d parents' birth dates and %d first given names; want nearly one each", requests, len(dates), len(firstNames))
	}
}
