package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"syscall"
	"testing"

	"schakel"
)

func TestClientGone(t *testing.T) {
	live := httptest.NewRequest("GET", "/", nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	left := live.WithContext(ctx)
	pipe := &net.OpError{Op: "write", Net: "tcp", Err: os.NewSyscallError("write", syscall.EPIPE)}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	for _, tc := range []struct {
		name string
		req  bool // the client left (its request's context is cancelled)
		err  error
		want bool
	}{
		{"no error", true, nil, false},
		{"broken pipe while writing", false, fmt.Errorf("export: %w", pipe), true},
		{"connection reset", false, reset, true},
		{"cancelled database call after the client left", true, fmt.Errorf("begin: %w", context.Canceled), true},
		{"driver's own words after the client left", true, errors.New("interrupted (9)"), true},
		{"a real fault while the client waits", false, errors.New("disk I/O error"), false},
		{"context.Canceled of our own while the client waits", false, context.Canceled, false},
		{"a validation error after the client left", true, schakel.Errorf(schakel.EINVALID, "Vul iets in."), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := live
			if tc.req {
				r = left
			}
			if got := clientGone(r, tc.err); got != tc.want {
				t.Errorf("clientGone(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}
