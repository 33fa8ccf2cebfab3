package web

// The text check of every JSON body: a string (key or value) that is not
// valid UTF-8 or holds a refused control character is named by its field,
// before anything is decoded. encoding/json would silently turn invalid
// bytes into U+FFFD, and a json.RawMessage (a draft) would keep them, which
// PostgreSQL then refuses (SQLSTATE 22021).

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"schakel"
	"schakel/internal/textlimit"
)

// maxTextProblems bounds the field errors of one body.
const maxTextProblems = 20

// checkJSONText returns an ETEXT error (400) naming every string that is
// not valid UTF-8 or, when all are, every string with a refused control
// character; else nil. A syntax error ends the check: the decoder reports
// it.
func checkJSONText(body []byte) error {
	if utf8.Valid(body) && !mayHoldControl(body) {
		return nil
	}
	var encoding, control []schakel.FieldError
	walkJSONStrings(body, func(path string, raw []byte, s string) bool {
		switch {
		case !utf8.Valid(raw):
			encoding = append(encoding, textFieldError(path, textlimit.CodeBadEncoding))
		case textlimit.Problem(s) == textlimit.CodeControl:
			control = append(control, textFieldError(path, textlimit.CodeControl))
		}
		return len(encoding)+len(control) < maxTextProblems
	})
	switch {
	case len(encoding) > 0:
		return &schakel.Error{Code: schakel.ETEXT, Message: "Het verzoek bevat tekst die geen geldige UTF-8 is.", Fields: encoding}
	case len(control) > 0:
		return &schakel.Error{Code: schakel.ETEXT, Message: "Het verzoek bevat een onzichtbaar stuurteken dat Schakel niet kan bewaren.", Fields: control}
	}
	return nil
}

func textFieldError(field, code string) schakel.FieldError {
	if field == "" {
		field = "body"
	}
	return schakel.FieldError{Field: field, Code: code, Message: textlimit.ProblemMessage(code)}
}

// mayHoldControl reports whether body has an escape that can stand for a C0
// control character (\u00XX, \b, \f); raw control bytes are a syntax error.
func mayHoldControl(body []byte) bool {
	return bytes.Contains(body, []byte(`\u00`)) || bytes.Contains(body, []byte(`\b`)) || bytes.Contains(body, []byte(`\f`))
}

// jsonFrame is an open object or array while walking a body.
type jsonFrame struct {
	path    string
	object  bool
	key     string // the object's current key
	wantKey bool
	index   int // the array's next index
}

// walkJSONStrings calls fn with the field path ("children[0].given_names"),
// the raw bytes and the decoded text of every string in body, keys
// included, until fn returns false or the body ends or is malformed.
func walkJSONStrings(body []byte, fn func(path string, raw []byte, s string) bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	var stack []*jsonFrame
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return
		}
		raw := body[start:dec.InputOffset()]
		var top *jsonFrame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if s, ok := tok.(string); ok && top != nil && top.object && top.wantKey {
			top.key, top.wantKey = s, false
			if !fn(joinPath(top.path, textlimit.Clean(s)), raw, s) {
				return
			}
			continue
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			continue
		}
		path := valuePath(top)
		switch t := tok.(type) {
		case json.Delim:
			stack = append(stack, &jsonFrame{path: path, object: t == '{', wantKey: t == '{'})
		case string:
			if !fn(path, raw, t) {
				return
			}
		}
	}
}

// valuePath is the path of the next value inside top, and moves top on.
func valuePath(top *jsonFrame) string {
	switch {
	case top == nil:
		return ""
	case top.object:
		top.wantKey = true
		return joinPath(top.path, textlimit.Clean(top.key))
	default:
		top.index++
		return top.path + "[" + strconv.Itoa(top.index-1) + "]"
	}
}

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}
