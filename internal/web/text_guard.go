package web

// The text check of every request's address and of the headers whose text
// Schakel keeps: a path, query value or header that is not valid UTF-8 or
// holds a control character is a 400 naming it, before any handler runs, so
// that no database ever sees it (PostgreSQL answered 500, SQLSTATE 22021,
// on ?municipality=%00). Bodies are checked by their decoders: JSON in
// json_text.go, forms in form_values.go.

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"schakel"
	"schakel/internal/textlimit"
)

// storedHeaders are the request headers whose text Schakel keeps, with
// their limits (also in the OpenAPI document).
var storedHeaders = []struct {
	name string
	max  int
}{
	{"Idempotency-Key", textlimit.Line},
	{"Schakel-Emergency-Reason", textlimit.Reason},
}

// queryLimit is the limit of a query value: a line, or an address to
// return to after logging in, or what an identity provider sends back to
// the login callback (its codes can be long).
func queryLimit(path, name string) int {
	if name == "next" || (path == oidcCallback && (name == "code" || name == "state" || name == "error_description")) {
		return textlimit.URL
	}
	return textlimit.Line
}

// textGuard refuses a request whose path, query or stored headers hold text
// that cannot be stored, or a query value or header over its limit.
func (s *Server) textGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := requestTextError(r); err != nil {
			s.fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func requestTextError(r *http.Request) error {
	var bad []schakel.FieldError
	var long schakel.Validation
	// Each message names what it is about (field, in the address or a
	// header): an error page lists messages only.
	check := func(field, where, value string, max int) {
		if code := textlimit.Problem(value); code != "" {
			fe := textFieldError(field, code)
			fe.Message = where + ": " + fe.Message
			bad = append(bad, fe)
		} else if !textlimit.Check(&long, field, value, max) {
			last := &long.Fields[len(long.Fields)-1]
			last.Message = where + ": " + last.Message
		}
	}
	check("path", "Het adres", r.URL.Path, textlimit.URL)
	query := r.URL.Query()
	for _, name := range slices.Sorted(maps.Keys(query)) {
		field := textlimit.Clean(name)
		where := fmt.Sprintf("%q in het adres", field)
		check(field, where, name, textlimit.Line)
		for _, v := range query[name] {
			check(field, where, v, queryLimit(r.URL.Path, name))
		}
	}
	for _, h := range storedHeaders {
		check(h.name, fmt.Sprintf("De kopregel %s", h.name), strings.TrimSpace(r.Header.Get(h.name)), h.max)
	}
	if len(bad) > 0 {
		return &schakel.Error{Code: schakel.ETEXT, Message: "Het adres of een kopregel van het verzoek bevat tekst die Schakel niet kan lezen.", Fields: bad}
	}
	return long.Err()
}
