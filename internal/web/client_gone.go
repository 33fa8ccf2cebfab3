package web

// A client that went away before its answer (a closed tab, a lost network,
// a cancelled export) is not a fault of Schakel: it is logged at info
// level and counted as 499, never as an internal error or a 500.

import (
	"context"
	"errors"
	"net/http"
	"syscall"

	"schakel"
)

// statusClientClosed is nginx's "client closed request": nobody receives
// it, but the metrics tell it apart from a fault of ours.
const statusClientClosed = 499

// clientGone reports whether err comes from the client having gone away:
// writing to its connection failed (broken pipe, reset), or the request's
// context was cancelled, which net/http does when the connection closes.
// Once that context is cancelled, every database call of the request fails,
// and each driver words it differently (context.Canceled, an interrupted
// SQLite statement, a closed PostgreSQL connection), so any internal error
// after it counts as the client's leaving. Server shutdown does not cancel
// request contexts: it waits for them.
func clientGone(r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) {
		return true
	}
	return errors.Is(r.Context().Err(), context.Canceled) && schakel.ErrorCode(err) == schakel.EINTERNAL
}

// clientWentAway answers err as a client that went away (info log, status
// 499) and reports true, or reports false when err is something else.
func (s *Server) clientWentAway(w http.ResponseWriter, r *http.Request, err error) bool {
	if !clientGone(r, err) {
		return false
	}
	s.log.Info("client went away", "method", r.Method, "route", r.Pattern, "err", err)
	w.WriteHeader(statusClientClosed)
	return true
}

// logFailure logs a failure that does not end the request (a part of a
// page that could not be loaded): as an error, or at info level when the
// client went away.
func (s *Server) logFailure(r *http.Request, msg string, err error) {
	if clientGone(r, err) {
		s.log.Info("client went away", "method", r.Method, "route", r.Pattern, "during", msg, "err", err)
		return
	}
	s.log.Error(msg, "method", r.Method, "route", r.Pattern, "err", err)
}
