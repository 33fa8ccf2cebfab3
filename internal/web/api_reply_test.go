package web

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"schakel"
)

func TestAPIAdapter(t *testing.T) {
	s := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	cases := []struct {
		name     string
		fn       apiFunc
		status   int
		body     string
		problem  string
		noHeader bool
	}{
		{name: "value", fn: func(http.ResponseWriter, *http.Request) (any, error) { return map[string]int{"a": 1}, nil },
			status: http.StatusOK, body: `{"a":1}`},
		{name: "created", fn: func(http.ResponseWriter, *http.Request) (any, error) { return created([]int{1}), nil },
			status: http.StatusCreated, body: `[1]`},
		{name: "other status", fn: func(http.ResponseWriter, *http.Request) (any, error) {
			return withStatus(http.StatusAccepted, "wacht"), nil
		}, status: http.StatusAccepted, body: `"wacht"`},
		{name: "no content", fn: func(http.ResponseWriter, *http.Request) (any, error) { return noContent, nil },
			status: http.StatusNoContent},
		{name: "error", fn: func(http.ResponseWriter, *http.Request) (any, error) {
			return nil, schakel.Errorf(schakel.ECONFLICT, "Al gewijzigd.")
		}, status: http.StatusConflict, problem: schakel.ECONFLICT},
		{name: "answered", fn: func(w http.ResponseWriter, _ *http.Request) (any, error) {
			w.Header().Set("Content-Type", "text/calendar")
			w.WriteHeader(http.StatusTeapot)
			return answered, nil
		}, status: http.StatusTeapot, noHeader: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.api(tc.fn)(rec, httptest.NewRequest("GET", "/api/v1/x", nil))
			if rec.Code != tc.status {
				t.Fatalf("status = %d, want %d", rec.Code, tc.status)
			}
			switch {
			case tc.problem != "":
				var p Problem
				if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Code != tc.problem || p.Status != tc.status {
					t.Errorf("problem = %+v (%v), want code %q", p, err, tc.problem)
				}
			case tc.noHeader:
				if ct := rec.Header().Get("Content-Type"); ct != "text/calendar" || rec.Body.Len() != 0 {
					t.Errorf("the adapter wrote over an answered response: %q %q", ct, rec.Body.String())
				}
			default:
				if got := strings.TrimSpace(rec.Body.String()); got != tc.body {
					t.Errorf("body = %q, want %q", got, tc.body)
				}
			}
		})
	}
}
