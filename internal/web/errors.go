package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"schakel"
)

// status maps an error code to its HTTP status: the one place where
// application errors meet HTTP.
var status = map[string]int{
	schakel.EINVALID:         http.StatusUnprocessableEntity,
	schakel.EMALFORMED:       http.StatusBadRequest,
	schakel.ENOTFOUND:        http.StatusNotFound,
	schakel.EFORBIDDEN:       http.StatusForbidden,
	schakel.ESTEPUP:          http.StatusForbidden,
	schakel.EUNAUTHENTICATED: http.StatusUnauthorized,
	schakel.ECONFLICT:        http.StatusConflict,
	schakel.ELOCKED:          http.StatusTooManyRequests,
	schakel.ETOOLARGE:        http.StatusRequestEntityTooLarge,
	schakel.EUNSUPPORTED:     http.StatusUnsupportedMediaType,
	schakel.EMETHOD:          http.StatusMethodNotAllowed,
	schakel.ETEXT:            http.StatusBadRequest,
	schakel.EINTERNAL:        http.StatusInternalServerError,
	schakel.EUNAVAILABLE:     http.StatusServiceUnavailable,
}

// StatusOf returns the HTTP status for err.
func StatusOf(err error) int {
	if s, ok := status[schakel.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// Problem is an RFC 9457 problem document with Schakel's stable code.
type Problem struct {
	Type   string               `json:"type"`
	Title  string               `json:"title"`
	Status int                  `json:"status"`
	Code   string               `json:"code"`
	Detail string               `json:"detail"`
	Errors []schakel.FieldError `json:"errors,omitempty"`
}

// apiError writes err as application/problem+json. Internal errors are
// logged with their cause and shown only as a generic message; a client
// that went away gets nothing (client_gone.go).
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	if s.clientWentAway(w, r, err) {
		return
	}
	code := schakel.ErrorCode(err)
	st := StatusOf(err)
	if code == schakel.EINTERNAL {
		s.log.Error("internal error", "method", r.Method, "route", r.Pattern, "err", err)
	}
	p := Problem{Type: "about:blank", Title: http.StatusText(st), Status: st, Code: code,
		Detail: schakel.ErrorMessage(err), Errors: schakel.FieldErrors(err)}
	familyProblem(w, r, &p, err)
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	setRetryAfter(w, err)
	if st == http.StatusUnauthorized {
		// RFC 9110 requires a challenge with every 401 (RFC 6750 for bearer tokens).
		w.Header().Set("WWW-Authenticate", `Bearer realm="schakel"`)
	}
	w.WriteHeader(st)
	if err := json.NewEncoder(w).Encode(p); err != nil {
		s.logFailure(r, "write the problem", err)
	}
}

// setRetryAfter sends Retry-After (in whole seconds, rounded up) when err
// says when to try again.
func setRetryAfter(w http.ResponseWriter, err error) {
	if d := schakel.RetryAfter(err); d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((d+time.Second-1)/time.Second)))
	}
}

// pageError renders err as a Dutch HTML page.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	if s.clientWentAway(w, r, err) {
		return
	}
	code := schakel.ErrorCode(err)
	st := StatusOf(err)
	if code == schakel.EINTERNAL {
		s.log.Error("internal error", "method", r.Method, "route", r.Pattern, "err", err)
	}
	if code == schakel.EUNAUTHENTICATED {
		http.Redirect(w, r, "/login?next="+safeNext(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if code == schakel.ESTEPUP {
		// A use case asked for a second factor first (step_up.go).
		s.askStepUp(w, r)
		return
	}
	setRetryAfter(w, err)
	title := map[int]string{
		http.StatusForbidden:             "Geen toegang",
		http.StatusNotFound:              "Niet gevonden",
		http.StatusBadRequest:            "Verzoek niet begrepen",
		http.StatusConflict:              "Dit kan nu niet",
		http.StatusUnprocessableEntity:   "Controleer wat u invulde",
		http.StatusRequestEntityTooLarge: "Te veel gegevens in één keer",
		http.StatusTooManyRequests:       "Even wachten",
		http.StatusServiceUnavailable:    "Het is nu te druk",
	}[st]
	if title == "" {
		title = "Er ging iets mis"
	}
	s.render(w, r, st, "error.html", map[string]any{"Title": title, "Message": schakel.ErrorMessage(err), "Status": st,
		"Fields": schakel.FieldErrors(err)})
}
