package storage

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"time"
)

// scanRaw stores one cell of a batched row in the common destinations
// straight from its JSON text, without boxing it in an interface first:
// on a case page with hundreds of items that boxing was most of the
// decoding. It reports false for what it does not take; assignJSON takes
// that.
func scanRaw(dest any, raw []byte) (bool, error) {
	switch d := dest.(type) {
	case *string:
		s, ok := rawString(raw)
		if ok {
			*d = s
		}
		return ok, nil
	case *int64:
		n, ok := rawInt(raw)
		if ok {
			*d = n
		}
		return ok, nil
	case *int:
		n, ok := rawInt(raw)
		if ok {
			*d = int(n)
		}
		return ok, nil
	case *sql.NullString:
		return scanNullable(raw, func() { *d = sql.NullString{} }, &d.String, &d.Valid)
	case *sql.NullInt64:
		return scanNullable(raw, func() { *d = sql.NullInt64{} }, &d.Int64, &d.Valid)
	case *time.Time:
		s, ok := rawString(raw)
		if !ok {
			return false, nil
		}
		t, err := parseJSONTime(s)
		*d = t
		return true, err
	case *sql.NullTime:
		return scanNullable(raw, func() { *d = sql.NullTime{} }, &d.Time, &d.Valid)
	}
	return false, nil
}

// scanNullable stores a cell in a sql.Null… destination: zero for a JSON
// null, else its value through scanRaw, valid when that took it without
// error.
func scanNullable(raw []byte, zero func(), value any, valid *bool) (bool, error) {
	if isNull(raw) {
		zero()
		return true, nil
	}
	ok, err := scanRaw(value, raw)
	if ok {
		*valid = err == nil
	}
	return ok, err
}

func isNull(raw []byte) bool { return string(raw) == "null" }

// rawString is a JSON string without escapes, unquoted.
func rawString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || bytes.IndexByte(raw, '\\') >= 0 {
		return "", false
	}
	return string(raw[1 : len(raw)-1]), true
}

// rawInt is a JSON number that is a plain decimal integer.
func rawInt(raw []byte) (int64, bool) {
	neg := len(raw) > 0 && raw[0] == '-'
	digits := raw
	if neg {
		digits = raw[1:]
	}
	if len(digits) == 0 || len(digits) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// scanCell stores one cell: straight from its text when it can, otherwise
// as database/sql would store the value.
func scanCell(dest any, raw json.RawMessage) error {
	if ok, err := scanRaw(dest, raw); ok || err != nil {
		return err
	}
	v, err := jsonScalar(raw)
	if err != nil {
		return err
	}
	return assignJSON(dest, v)
}
