package web

// Reading and writing JSON bodies, and the version check of a change.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"schakel"
)

// decodeJSON reads a JSON request body into v with clear errors for a wrong
// content type, an oversized body, malformed JSON and unknown fields.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return schakel.Errorf(schakel.EUNSUPPORTED, "Stuur de gegevens als application/json.")
	}
	if r.ContentLength > s.cfg.MaxBodyBytes {
		// Known too large up front: say so without reading it (the
		// decoder would otherwise stop at the first bad byte and call an
		// oversized body malformed).
		return schakel.Errorf(schakel.ETOOLARGE, "Het verzoek is groter dan %d bytes.", s.cfg.MaxBodyBytes)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return schakel.Errorf(schakel.ETOOLARGE, "Het verzoek is groter dan %d bytes.", s.cfg.MaxBodyBytes)
	} else if err != nil {
		return schakel.Errorf(schakel.EMALFORMED, "Het verzoek kon niet worden gelezen.")
	}
	// Text that no engine stores alike is refused, by field, before decoding.
	if err := checkJSONText(body); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return schakel.Errorf(schakel.EMALFORMED, "Ongeldige JSON op positie %d.", syntax.Offset)
		case errors.As(err, &typ):
			return &schakel.Error{Code: schakel.EINVALID, Message: "Een veld heeft het verkeerde type.",
				Fields: []schakel.FieldError{{Field: typ.Field, Code: "type", Message: fmt.Sprintf("Verwacht: %s.", typ.Type)}}}
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return &schakel.Error{Code: schakel.EINVALID, Message: "Onbekend veld in het verzoek.",
				Fields: []schakel.FieldError{{Field: name, Code: "unknown_field", Message: "Dit veld bestaat niet."}}}
		case errors.Is(err, io.EOF):
			return schakel.Errorf(schakel.EMALFORMED, "Het verzoek is leeg.")
		default:
			return schakel.Errorf(schakel.EMALFORMED, "Het verzoek is geen geldige JSON.")
		}
	}
	if dec.More() {
		return schakel.Errorf(schakel.EMALFORMED, "Na het JSON-object volgt nog meer tekst.")
	}
	return nil
}

// decodeOptionalJSON decodes a JSON body when there is one.
func (s *Server) decodeOptionalJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if r.ContentLength == 0 {
		return nil
	}
	return s.decodeJSON(w, r, v)
}

// writeJSON answers v as JSON with status st. A value that cannot be
// encoded is an internal error (answered as one, as nothing was sent yet);
// a response that cannot be written is logged.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, st int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		s.apiError(w, r, fmt.Errorf("encode the response: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(st)
	if _, err := w.Write(append(body, '\n')); err != nil {
		s.logFailure(r, "write the response", err)
	}
}

// caseAndBody reads the case id and the JSON body.
func (s *Server) caseAndBody(w http.ResponseWriter, r *http.Request, v any) (int64, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, s.decodeJSON(w, r, v)
}

func etag(w http.ResponseWriter, version int64) {
	w.Header().Set("ETag", strconv.Quote(strconv.FormatInt(version, 10)))
}

// nonNil makes empty lists encode as [] instead of null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
