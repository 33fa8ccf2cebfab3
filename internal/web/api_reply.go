package web

// The adapter between JSON handlers and HTTP: a handler returns what to
// answer, or an error, and api writes it. Every error goes through apiError
// (errors.go), the one mapping from error to status.

import "net/http"

// apiFunc is a JSON API handler. It may set headers (ETag, Location) on w
// before it returns.
type apiFunc func(w http.ResponseWriter, r *http.Request) (any, error)

// reply is an answer with another status than 200 OK.
type reply struct {
	status int
	body   any
}

// created answers 201 Created with v.
func created(v any) reply { return reply{status: http.StatusCreated, body: v} }

// withStatus answers status with v.
func withStatus(status int, v any) reply { return reply{status: status, body: v} }

// noContent answers 204 No Content.
var noContent = reply{status: http.StatusNoContent}

// answered says the handler wrote its own response (a file, a stream).
var answered = reply{}

// api turns fn into an http.HandlerFunc: an error becomes a problem
// document, a value its JSON.
func (s *Server) api(fn apiFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := fn(w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		st := http.StatusOK
		if rp, ok := v.(reply); ok {
			if rp == answered {
				return
			}
			st, v = rp.status, rp.body
		}
		if st == http.StatusNoContent {
			w.WriteHeader(st)
			return
		}
		s.writeJSON(w, r, st, v)
	}
}
